#include "lua/registry_binding.h"

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

}  // namespace

void RegisterRegistryBinding(lua_State* L) {
  lua_newtable(L);
  lua_pushcfunction(L, Has);
  lua_setfield(L, -2, "has");
  lua_pushcfunction(L, Title);
  lua_setfield(L, -2, "title");
  PushIds(L, true);
  lua_setfield(L, -2, "annex_a");
  PushIds(L, false);
  lua_setfield(L, -2, "clauses");
  lua_setglobal(L, "registry");
}

}  // namespace aimsgate
