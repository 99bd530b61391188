// registry: the ISO/IEC 42001 identifier registry, read-only, for pack authors.
//
//   registry.has(id)       true if id is one of the 70 identifiers
//   registry.title(id)     its short title, or nil
//   registry.annex_a       the 38 Annex A control ids, in order
//   registry.clauses       the 32 clause requirement ids, in order
// Packs use it instead of copying identifier lists, so they cannot drift from the engine's.
#pragma once

#include "lua/lua_headers.h"

namespace aimsgate {

// Creates the global table `registry` in `L` (before globals are frozen).
void RegisterRegistryBinding(lua_State* L);

}  // namespace aimsgate
