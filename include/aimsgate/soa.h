// The Statement of Applicability (ISO/IEC 42001 6.1.3) as the evidence shows it: for each of the
// 38 Annex A controls, whether the organisation's SoA includes or excludes it and why, and how
// far the evaluation found it implemented, with the findings behind that.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/evidence.h"
#include "aimsgate/report.h"
#include "aimsgate/status.h"

namespace aimsgate {

// What the organisation's SoA says about one control.
enum class Applicability : uint8_t {
  kIncluded,
  kExcluded,   // excluded with a justification
  kNotListed,  // the SoA has no entry for the control
  kNoSoa,      // no organization document, or it has no /statement_of_applicability/controls
};
std::string_view ToString(Applicability applicability);

// How far the evaluation found a control implemented, over every finding for it:
//   excluded               the SoA validly excludes it (whatever the findings say)
//   not_evaluated          no finding was pass, fail, insufficient_evidence, waived or error
//   implemented            every such finding is pass
//   partially_implemented  some are pass, some are not
//   not_implemented        none is pass (a waived gap is still a gap)
enum class Implementation : uint8_t {
  kImplemented,
  kPartiallyImplemented,
  kNotImplemented,
  kNotEvaluated,
  kExcluded,
};
std::string_view ToString(Implementation implementation);

struct SoaRow {
  std::string control;  // "A.6.2.4"
  std::string title;    // the registry's short title
  Applicability applicability = Applicability::kNoSoa;
  std::string justification;  // the SoA entry's, or ""
  std::string declared;       // the entry's own "implementation" claim, or ""
  EvidenceRef entry;          // where the SoA entry is (path "" when there is none)
  Implementation implementation = Implementation::kNotEvaluated;
  std::vector<EvidenceRef> evidence;    // each finding's evidence, in report order
  std::vector<FindingStatus> statuses;  // each finding's status, parallel to `evidence`
  std::string note;  // a problem with the SoA entry or the pack, for people; "" when none
};

struct StatementOfApplicability {
  std::string as_of;
  std::string pack_id;
  std::string pack_version;
  std::string organization;       // the organization document's id, or ""
  std::string organization_path;  // its path, or ""
  std::string note;               // why there is no SoA to read, or ""
  std::vector<SoaRow> rows;       // the 38 Annex A controls, in the standard's order
};

// Builds the statement from an evaluation `report` of `documents`. At most one organization
// document is allowed (an invalid-input error names them otherwise).
Result<StatementOfApplicability> BuildStatementOfApplicability(
    const Report& report, const std::vector<Evidence>& documents);

}  // namespace aimsgate
