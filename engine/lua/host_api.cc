#include "lua/host_api.h"

namespace aimsgate {

void SetHostFunctions(lua_State* L, std::span<const HostFunction> functions, int nup) {
  luaL_checkstack(L, nup, "too many upvalues");
  for (const HostFunction& f : functions) {
    if (f.function == nullptr) continue;
    for (int i = 0; i < nup; ++i) lua_pushvalue(L, -nup);
    lua_pushcclosure(L, f.function, nup);
    lua_setfield(L, -(nup + 2), f.name);
  }
  lua_pop(L, nup);
}

}  // namespace aimsgate
