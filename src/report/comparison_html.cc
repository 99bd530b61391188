#include "report/comparison_writers.h"
#include "report/escape.h"

namespace aimsgate::report {
namespace {

std::string Escape(std::string_view s) {
  return EscapeHtml(s, Apostrophe::kKeep);
}

std::string_view CellClass(FindingStatus status) {
  switch (status) {
    case FindingStatus::kPass:
      return "pass";
    case FindingStatus::kFail:
    case FindingStatus::kError:
      return "fail";
    case FindingStatus::kInsufficientEvidence:
      return "insufficient";
    default:
      return "other";
  }
}

constexpr std::string_view kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.sub{color:#5b6475;margin:0 0 1.2rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e3e6ec;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f6f9;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.tier{display:inline-block;border-radius:9px;padding:0 .55rem;font-size:.85em;font-weight:600}
.tier.low{background:#dff3e4;color:#17602d}.tier.medium{background:#fff1d6;color:#7a4b00}.tier.high{background:#fde0e0;color:#8a1c1c}
.bar{background:#e9ecf2;border-radius:4px;height:8px;width:120px;display:inline-block;vertical-align:middle;margin-left:.4rem}
.bar i{display:block;height:8px;border-radius:4px;background:#3d7be0}
td.pass{background:#e7f6ea;color:#17602d}td.fail{background:#fde5e5;color:#8a1c1c;font-weight:600}
td.insufficient{background:#fff4dc;color:#7a4b00}td.other{color:#5b6475}
li{margin:.2rem 0}.blk{color:#8a1c1c;font-weight:600}code{font-size:.9em}
)";

}  // namespace

void WriteComparisonHtml(const VendorComparison& c, const ComparisonContext& ctx,
                         std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>Vendor comparison, " << Escape(ctx.as_of) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n<h1>Vendor comparison</h1>\n<p class=\"sub\">"
      << c.vendors.size() << " vendor questionnaires judged against " << Escape(ctx.pack_id) << " "
      << Escape(ctx.pack_version) << " as of " << Escape(ctx.as_of)
      << ". Score: the severity-weighted share of judged controls that pass (critical 8, high 4, "
         "medium 2, low 1); an unanswered question counts against the vendor.</p>\n";
  out << "<h2>Ranking</h2>\n<table>\n<tr><th>Rank</th><th>Vendor</th><th>Product</th>"
      << "<th>Score</th><th>Risk tier</th><th>Blocking issues</th></tr>\n";
  for (const VendorScore& v : c.vendors) {
    out << "<tr><td class=\"num\">" << v.rank << "</td><td>" << Escape(v.vendor) << "</td><td>"
        << Escape(v.product) << "</td><td class=\"num\">" << FormatScore(v.score_permille)
        << "<span class=\"bar\"><i style=\"width:" << v.score_permille / 10
        << "%\"></i></span></td><td><span class=\"tier " << ToString(v.tier) << "\">"
        << ToString(v.tier) << "</span></td><td class=\"num\">" << v.blocking << "</td></tr>\n";
  }
  out << "</table>\n<h2>Control by vendor</h2>\n<table>\n<tr><th>Control</th><th>Title</th>"
      << "<th>Severity</th>";
  for (const VendorScore& v : c.vendors) {
    out << "<th>#" << v.rank << " " << Escape(v.vendor) << "</th>";
  }
  out << "</tr>\n";
  for (size_t row = 0; row < c.controls.size(); ++row) {
    out << "<tr><td>" << Escape(c.controls[row].id) << "</td><td>" << Escape(c.controls[row].title)
        << "</td><td>" << ToString(c.controls[row].severity) << "</td>";
    for (const VendorScore& v : c.vendors) {
      FindingStatus s = v.status_by_control[row];
      out << "<td class=\"" << CellClass(s) << "\">" << Escape(MatrixCell(s)) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table>\n<h2>Reasons</h2>\n";
  for (const VendorScore& v : c.vendors) {
    out << "<h3>" << v.rank << ". " << Escape(v.vendor) << ": " << FormatScore(v.score_permille)
        << ", " << ToString(v.tier) << " risk</h3>\n<p class=\"sub\"><code>" << Escape(v.path)
        << "</code>: " << v.earned << " of " << v.possible << " weighted points, " << v.blocking
        << " blocking at or above " << Escape(ctx.fail_on) << ".</p>\n";
    if (v.issues.empty()) {
      out << "<p>Every control judged on its answers passes.</p>\n";
      continue;
    }
    out << "<ul>\n";
    for (const VendorIssue& i : v.issues) {
      out << "<li>" << (i.blocking ? "<span class=\"blk\">blocking</span> " : "") << "<b>"
          << Escape(i.control) << "</b> (" << ToString(i.severity) << ", " << ToString(i.status)
          << "): " << Escape(i.message);
      if (i.more > 0) out << " (and " << i.more << " more)";
      if (i.line > 0) out << " <code>line " << i.line << " " << Escape(i.pointer) << "</code>";
      out << "</li>\n";
    }
    out << "</ul>\n";
  }
  out << "</body>\n</html>\n";
}

}  // namespace aimsgate::report
