// Writers for `aimsgate compare`: a ranked vendor comparison (include/aimsgate/procurement.h)
// for a procurement committee. One file per format; each is deterministic.
#pragma once

#include <ostream>
#include <string>

#include "aimsgate/procurement.h"

namespace aimsgate::report {

// What every comparison format says besides the vendors themselves.
struct ComparisonContext {
  std::string pack_id;
  std::string pack_version;
  std::string as_of;
  std::string fail_on;
};

// Score as text: 734 -> "73.4".
std::string FormatScore(uint32_t permille);
// A short cell for the control-by-vendor matrix: "pass", "FAIL", "insufficient", "n/a", ...
std::string_view MatrixCell(FindingStatus status);

void WriteComparisonText(const VendorComparison& c, const ComparisonContext& ctx,
                         std::ostream& out);
void WriteComparisonMarkdown(const VendorComparison& c, const ComparisonContext& ctx,
                             std::ostream& out);
void WriteComparisonHtml(const VendorComparison& c, const ComparisonContext& ctx,
                         std::ostream& out);
void WriteComparisonJson(const VendorComparison& c, const ComparisonContext& ctx,
                         std::ostream& out);

}  // namespace aimsgate::report
