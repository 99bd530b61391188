// Lua 5.4's pattern functions (string.find, match, gmatch, gsub) reimplemented with a step
// counter. Lua's own matcher backtracks inside one C call, where the instruction hook cannot
// run, so a pattern like ".-.-.-b" on a long string never gives control back. This one counts
// every step of the matcher and hands the count to a charge function, which may stop the call
// by raising a Lua error. Semantics, results and error messages are those of Lua 5.4.
#pragma once

#include <cstdint>

#include "lua/lua_headers.h"

namespace aimsgate {

// Called with the number of matcher steps taken since the last call (in batches, and once
// when a call ends). May raise a Lua error (luaL_error) to stop the matching.
using PatternStepCharge = void (*)(lua_State* L, uint64_t steps);

// Replaces find, match, gmatch and gsub in the table at the top of the stack (the string
// library) with counted versions that report their steps to `charge`.
void InstallCountedPatternFunctions(lua_State* L, PatternStepCharge charge);

}  // namespace aimsgate
