#include "report/comparison_writers.h"
#include "report/escape.h"

namespace aimsgate::report {
namespace {

std::string_view Mark(FindingStatus status) {
  switch (status) {
    case FindingStatus::kPass:
      return "✅ pass";
    case FindingStatus::kFail:
      return "❌ fail";
    case FindingStatus::kInsufficientEvidence:
      return "❔ insufficient";
    case FindingStatus::kError:
      return "⚠️ error";
    default:
      return MatrixCell(status);
  }
}

}  // namespace

void WriteComparisonMarkdown(const VendorComparison& c, const ComparisonContext& ctx,
                             std::ostream& out) {
  out << "# Vendor comparison\n\n"
      << c.vendors.size() << " vendor questionnaires judged against " << ctx.pack_id << " "
      << ctx.pack_version << " as of " << ctx.as_of
      << ". Score: the severity-weighted share of judged controls that pass (critical 8, high 4, "
         "medium 2, low 1); an unanswered question counts against the vendor, never for it.\n\n";
  out << "| rank | vendor | product | score | risk tier | blocking issues |\n"
      << "| ---: | --- | --- | ---: | --- | ---: |\n";
  for (const VendorScore& v : c.vendors) {
    out << "| " << v.rank << " | " << EscapeMarkdownCell(v.vendor) << " | "
        << EscapeMarkdownCell(v.product) << " | " << FormatScore(v.score_permille) << " | "
        << ToString(v.tier) << " | " << v.blocking << " |\n";
  }
  out << "\n## Control by vendor\n\n| control | title | severity |";
  for (const VendorScore& v : c.vendors)
    out << " #" << v.rank << " " << EscapeMarkdownCell(v.vendor) << " |";
  out << "\n| --- | --- | --- |";
  for (size_t i = 0; i < c.vendors.size(); ++i) out << " --- |";
  out << "\n";
  for (size_t row = 0; row < c.controls.size(); ++row) {
    out << "| " << c.controls[row].id << " | " << EscapeMarkdownCell(c.controls[row].title) << " | "
        << ToString(c.controls[row].severity) << " |";
    for (const VendorScore& v : c.vendors) out << " " << Mark(v.status_by_control[row]) << " |";
    out << "\n";
  }
  out << "\n## Reasons\n";
  for (const VendorScore& v : c.vendors) {
    out << "\n### " << v.rank << ". " << v.vendor << " — " << FormatScore(v.score_permille) << ", "
        << ToString(v.tier) << " risk\n\n"
        << "`" << v.path << "`: " << v.earned << " of " << v.possible << " weighted points, "
        << v.blocking << " blocking at or above " << ctx.fail_on << ".\n\n";
    if (v.issues.empty()) {
      out << "Every control judged on its answers passes.\n";
      continue;
    }
    for (const VendorIssue& i : v.issues) {
      out << "- " << (i.blocking ? "**blocking** " : "") << "**" << i.control << "** ("
          << ToString(i.severity) << ", " << ToString(i.status)
          << "): " << EscapeMarkdownCell(i.message);
      if (i.more > 0) out << " (and " << i.more << " more)";
      if (i.line > 0) out << " — line " << i.line << ", `" << i.pointer << "`";
      out << "\n";
    }
  }
}

}  // namespace aimsgate::report
