// Waivers: recorded, approved and dated acceptances of a gap. A waiver names a control and a
// subject (an evidence id, or a glob over evidence ids such as "credit-*"). Applied after
// evaluation, a valid waiver turns the fail and insufficient_evidence findings it names into
// waived ones that never block; the status they had is kept in Finding::waiver. Waivers fail
// closed: an expired or unapproved waiver does not apply, and the finding says why.
// The file format is schemas/waivers.schema.json.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/report.h"
#include "aimsgate/status.h"

namespace aimsgate {

struct Waiver {
  std::string id;
  std::string control;
  std::string subject;  // an evidence id, or a glob over them: '*' any run, '?' one character
  std::string justification;
  std::string approver;  // "" when nobody approved it yet
  std::string approved;  // YYYY-MM-DD, or "" when not approved yet
  std::string expires;   // YYYY-MM-DD, inclusive: the waiver holds on this day, not after
  std::string file;      // where it was read
  uint32_t line = 0;     // its entry's line:column in `file`
  uint32_t column = 0;
};

// Parses a waiver file strictly. Every problem (bad JSON, unknown or missing field, a bad date,
// expires before approved, a duplicate id) is a diagnostic with file:line:col and JSON Pointer;
// any problem makes the whole file an error.
Result<std::vector<Waiver>> ParseWaivers(std::string_view text, const std::string& file);
// Reads and parses one waiver file.
Result<std::vector<Waiver>> LoadWaiversFile(const std::string& path);

// True when `subject` (an evidence id, or a glob with '*' and '?') matches `evidence_id`.
bool WaiverSubjectMatches(std::string_view subject, std::string_view evidence_id);

// Applies `waivers` to `report->findings` as of `as_of` (YYYY-MM-DD), fills
// `report->waivers` with each waiver's outcome, and leaves the gate to the caller. A finding is
// named by a waiver when the control matches and the subject matches its evidence id. Only
// fail and insufficient_evidence findings can be waived (an error is a broken check, not a
// gap). Of several waivers naming one finding, the first valid one in file order applies.
void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& as_of, Report* report);

}  // namespace aimsgate
