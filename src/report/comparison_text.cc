#include <algorithm>

#include "report/comparison_writers.h"

namespace aimsgate::report {

std::string FormatScore(uint32_t permille) {
  return std::to_string(permille / 10) + "." + std::to_string(permille % 10);
}

std::string_view MatrixCell(FindingStatus status) {
  switch (status) {
    case FindingStatus::kPass:
      return "pass";
    case FindingStatus::kFail:
      return "FAIL";
    case FindingStatus::kInsufficientEvidence:
      return "insufficient";
    case FindingStatus::kNotApplicable:
      return "n/a";
    case FindingStatus::kWaived:
      return "waived";
    case FindingStatus::kError:
      return "ERROR";
    case FindingStatus::kNotEvaluated:
      return "-";
  }
  return "-";
}

namespace {

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

void WriteComparisonText(const VendorComparison& c, const ComparisonContext& ctx,
                         std::ostream& out) {
  out << "Vendor comparison  pack " << ctx.pack_id << " " << ctx.pack_version << "  as of "
      << ctx.as_of << "  " << c.vendors.size() << " vendor" << (c.vendors.size() == 1 ? "" : "s")
      << "\n\n";
  out << "rank  score  tier    blocking  vendor (product)\n";
  for (const VendorScore& v : c.vendors) {
    out << Pad(std::to_string(v.rank), 6) << Pad(FormatScore(v.score_permille), 7)
        << Pad(std::string(ToString(v.tier)), 8) << Pad(std::to_string(v.blocking), 10) << v.vendor
        << (v.product.empty() ? "" : " (" + v.product + ")") << "  " << v.path << "\n";
  }

  // The matrix: one row per control, one column per vendor in rank order.
  size_t id_width = 8;
  for (const ControlInfo& ctl : c.controls) id_width = std::max(id_width, ctl.id.size() + 2);
  out << "\n" << Pad("control", id_width) << Pad("severity", 10);
  for (const VendorScore& v : c.vendors) out << Pad("#" + std::to_string(v.rank), 14);
  out << "\n";
  for (size_t row = 0; row < c.controls.size(); ++row) {
    out << Pad(c.controls[row].id, id_width)
        << Pad(std::string(ToString(c.controls[row].severity)), 10);
    for (const VendorScore& v : c.vendors) {
      out << Pad(std::string(MatrixCell(v.status_by_control[row])), 14);
    }
    out << "\n";
  }

  for (const VendorScore& v : c.vendors) {
    out << "\n#" << v.rank << " " << v.vendor << ": score " << FormatScore(v.score_permille) << " ("
        << v.earned << " of " << v.possible << " weighted points), " << ToString(v.tier)
        << " risk, " << v.blocking << " blocking at or above " << ctx.fail_on << "\n";
    if (v.issues.empty()) out << "  every control judged on its answers passes\n";
    for (const VendorIssue& i : v.issues) {
      out << "  " << (i.blocking ? "BLOCKING " : "") << i.control << " [" << ToString(i.severity)
          << "] " << ToString(i.status) << ": " << i.message;
      if (i.more > 0) out << " (and " << i.more << " more)";
      if (i.line > 0) out << "  [" << v.path << ":" << i.line << " " << i.pointer << "]";
      out << "\n";
    }
  }
  return;
}

}  // namespace aimsgate::report
