// CheckScope: what the Lua bindings may touch while one check runs. The evaluator fills it in
// before a guarded call; handles created during the call are valid only for that call.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "aimsgate/evidence.h"
#include "aimsgate/pack.h"
#include "aimsgate/report.h"
#include "lua/lua_headers.h"

namespace aimsgate {

// What a check said through ctx. The evaluator turns it into a finding's status.
struct CheckOutcome {
  std::vector<Violation> violations;  // fail and insufficient_evidence, in call order
  uint32_t dropped_violations = 0;    // beyond kMaxViolations
  bool not_applicable = false;
  std::string not_applicable_reason;
  Violation not_applicable_at;  // where the reason is in the evidence (pointer "" if not given)
  std::string pass_message;
  static constexpr size_t kMaxViolations = 100;
};

struct CheckScope {
  uint64_t generation = 0;  // bumped for every check call
  bool active = false;      // true only while the check runs
  int control_index = -1;   // which control's ctx may record
  const ControlInfo* control = nullptr;
  const Evidence* evidence = nullptr;
  const std::vector<Evidence>* run = nullptr;  // every document of the run, for lookups
  CheckOutcome* outcome = nullptr;
  std::string as_of;       // YYYY-MM-DD
  int64_t as_of_days = 0;  // days since 1970-01-01
  // When set (tracing only; null in normal evaluation), the evidence binding adds every JSON
  // Pointer the check reads, array positions as "*", present or not: "/approvals/*/role".
  std::set<std::string>* reads = nullptr;
  // The evidence node metatable, set once by RegisterEvidenceBinding: a registry reference to
  // push it and its address to recognise node handles, without a lookup by name per access.
  int node_metatable_ref = LUA_NOREF;
  const void* node_metatable = nullptr;
};

// The scope of the sandbox that `L` belongs to (kept in the sandbox, never null).
CheckScope& ScopeOf(lua_State* L);

}  // namespace aimsgate
