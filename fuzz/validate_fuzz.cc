// Evidence bytes -> ParseEvidence -> ValidateEvidence against its kind's schema. Each diagnostic
// must be located in the file, and the list sorted by position as validation.h promises.
#include <string>
#include <tuple>
#include <vector>

#include "aimsgate/validation.h"
#include "fuzz_target.h"

AIMSGATE_FUZZ_TARGET(input) {
  aimsgate::Result<aimsgate::Evidence> ev = aimsgate::ParseEvidence(input, "fuzz.json");
  if (!ev.ok()) return;
  const std::vector<aimsgate::Diagnostic> problems = aimsgate::ValidateEvidence(*ev);
  for (size_t i = 0; i < problems.size(); ++i) {
    const aimsgate::Location& at = problems[i].location;
    if (at.file != "fuzz.json" || problems[i].message.empty()) __builtin_trap();
    if (i == 0) continue;
    const aimsgate::Location& before = problems[i - 1].location;
    if (std::tie(before.line, before.column) > std::tie(at.line, at.column)) __builtin_trap();
  }
}
