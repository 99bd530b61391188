// HostFunction: a C function the engine gives pack authors, with its documentation next to it.
// Each binding registers its functions from such a table, and docs/lua-api.md is generated
// from the same tables (LuaApiReference), so the reference cannot drift from what is there.
#pragma once

#include <span>

#include "lua/lua_headers.h"

namespace aimsgate {

struct HostFunction {
  const char* name;        // the Lua name
  lua_CFunction function;  // nullptr for rows that document a field, not a function
  const char* signature;   // as an author writes the call: "ctx:fail(where, message[, tasks])"
  const char* doc;         // one line: what it gives
};

// Sets each function of `functions` in the table at the top of the stack, sharing the `nup`
// upvalues below the table (which are popped), as luaL_setfuncs does.
void SetHostFunctions(lua_State* L, std::span<const HostFunction> functions, int nup = 0);

// The documented tables of each binding.
std::span<const HostFunction> NodeFunctions();      // evidence nodes (evidence_binding.cc)
std::span<const HostFunction> ContextFunctions();   // ctx (context_binding.cc)
std::span<const HostFunction> RegexFunctions();     // re (regex_binding.cc)
std::span<const HostFunction> RegistryFunctions();  // registry (registry_binding.cc)

}  // namespace aimsgate
