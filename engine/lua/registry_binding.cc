#include "lua/registry_binding.h"

#include "lua/host_api.h"
#include "registry/registry.h"

namespace aimsgate {
namespace {

int Has(lua_State* L) {
  lua_pushboolean(L, Iso42001Registry::Get().Contains(luaL_checkstring(L, 1)));
  return 1;
}

int Title(lua_State* L) {
  const RegistryEntry* e = Iso42001Registry::Get().Find(luaL_checkstring(L, 1));
  if (e == nullptr) return 0;
  lua_pushlstring(L, e->title.data(), e->title.size());
  return 1;
}

void PushIds(lua_State* L, bool annex_a) {
  lua_newtable(L);
  lua_Integer i = 0;
  for (const RegistryEntry& e : Iso42001Registry::Get().entries()) {
    if (e.annex_a != annex_a) continue;
    lua_pushlstring(L, e.id.data(), e.id.size());
    lua_rawseti(L, -2, ++i);
  }
}

constexpr HostFunction kRegistryFunctions[] = {
    {"has", Has, "registry.has(id)", "true if `id` is one of the 70 ISO/IEC 42001 identifiers"},
    {"title", Title, "registry.title(id)", "its short title, or nil"},
    {"annex_a", nullptr, "registry.annex_a", "the 38 Annex A control ids, in order (read-only)"},
    {"clauses", nullptr, "registry.clauses", "the 32 clause requirement ids, in order (read-only)"},
};

}  // namespace

std::span<const HostFunction> RegistryFunctions() {
  return kRegistryFunctions;
}

void RegisterRegistryBinding(lua_State* L) {
  lua_newtable(L);
  SetHostFunctions(L, kRegistryFunctions);
  PushIds(L, true);
  lua_setfield(L, -2, "annex_a");
  PushIds(L, false);
  lua_setfield(L, -2, "clauses");
  lua_setglobal(L, "registry");
}

}  // namespace aimsgate
