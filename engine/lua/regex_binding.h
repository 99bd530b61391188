// re: RE2 regular expressions for pack authors. Linear time in the subject, so a pattern can
// never hang a check the way a backtracking Lua pattern can (C code runs outside the budget).
//
//   re.test(subject, pattern)    true if pattern matches anywhere in subject
//   re.match(subject, pattern)   the captures (or the whole match) of the first match, or nil
//   re.full(subject, pattern)    true if pattern matches the whole subject
// A pattern that does not compile is a Lua error naming the pattern and RE2's reason.
// Compiled patterns are cached per state.
#pragma once

#include "lua/lua_headers.h"

namespace aimsgate {

// Creates the global table `re` in `L` (before globals are frozen).
void RegisterRegexBinding(lua_State* L);

}  // namespace aimsgate
