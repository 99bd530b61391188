// The HTML report: one self-contained page for an auditor. No external resources of any kind
// (styles and the filter script are inline, the heat map is inline SVG), so it opens offline
// and makes no network request.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <string>

#include "report/escape.h"
#include "report/writers.h"

namespace aimsgate::report {
namespace {

std::string Escape(std::string_view s) {
  return EscapeHtml(s, Apostrophe::kEscape);
}

// The heat map's rows: the clauses and the Annex A control groups, in the standard's order.
struct Group {
  const char* id;
  const char* title;
};
constexpr Group kGroups[] = {
    {"4", "Context of the organisation"},
    {"5", "Leadership"},
    {"6", "Planning"},
    {"7", "Support"},
    {"8", "Operation"},
    {"9", "Performance evaluation"},
    {"10", "Improvement"},
    {"A.2", "Policies for AI"},
    {"A.3", "Internal organisation"},
    {"A.4", "Resources for AI systems"},
    {"A.5", "Assessing impacts"},
    {"A.6", "AI system life cycle"},
    {"A.7", "Data for AI systems"},
    {"A.8", "Information for interested parties"},
    {"A.9", "Use of AI systems"},
    {"A.10", "Third parties and customers"},
};
constexpr size_t kGroupCount = std::size(kGroups);

// The statuses as heat-map columns, in reading order.
constexpr FindingStatus kColumns[] = {
    FindingStatus::kFail,   FindingStatus::kInsufficientEvidence, FindingStatus::kError,
    FindingStatus::kWaived, FindingStatus::kNotApplicable,        FindingStatus::kNotEvaluated,
    FindingStatus::kPass};

// Each status's colour (RGB) and label.
struct StatusStyle {
  std::array<int, 3> rgb;
  const char* label;
};
StatusStyle StyleOf(FindingStatus s) {
  switch (s) {
    case FindingStatus::kPass:
      return {{30, 132, 73}, "pass"};
    case FindingStatus::kFail:
      return {{200, 35, 51}, "fail"};
    case FindingStatus::kInsufficientEvidence:
      return {{214, 137, 16}, "insufficient evidence"};
    case FindingStatus::kError:
      return {{125, 60, 152}, "error"};
    case FindingStatus::kWaived:
      return {{46, 117, 182}, "waived"};
    case FindingStatus::kNotApplicable:
      return {{127, 140, 141}, "not applicable"};
    case FindingStatus::kNotEvaluated:
      return {{170, 178, 189}, "not evaluated"};
  }
  return {{0, 0, 0}, ""};
}

std::string Rgb(const std::array<int, 3>& c) {
  return "rgb(" + std::to_string(c[0]) + "," + std::to_string(c[1]) + "," + std::to_string(c[2]) +
         ")";
}

// The heat-map row of a control: its own id's group, else its first citation's; -1 if none.
int GroupOf(const Finding& f) {
  auto group_of_id = [](const std::string& id) -> int {
    for (size_t g = kGroupCount; g-- > 0;) {
      const std::string prefix = kGroups[g].id;
      if (id == prefix || id.rfind(prefix + ".", 0) == 0) return static_cast<int>(g);
    }
    return -1;
  };
  if (int g = group_of_id(f.control); g >= 0) return g;
  for (const std::string& c : f.citations) {
    if (int g = group_of_id(c); g >= 0) return g;
  }
  return -1;
}

void WriteHeatMap(const Report& report, std::ostream& out) {
  std::array<std::array<uint32_t, kFindingStatusCount>, kGroupCount> counts{};
  uint32_t max_count = 1;
  for (const Finding& f : report.findings) {
    int g = GroupOf(f);
    if (g < 0) continue;
    uint32_t& n = counts[static_cast<size_t>(g)][static_cast<size_t>(f.status)];
    max_count = std::max(max_count, ++n);
  }
  constexpr int kLabelWidth = 250, kCell = 74, kRow = 26, kHead = 44;
  const int width = kLabelWidth + kCell * static_cast<int>(std::size(kColumns));
  const int height = kHead + kRow * static_cast<int>(kGroupCount) + 4;
  out << "<svg id=\"heatmap\" role=\"img\" aria-label=\"Findings by clause and status\" "
      << "viewBox=\"0 0 " << width << " " << height << "\" width=\"" << width << "\" height=\""
      << height << "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  for (size_t c = 0; c < std::size(kColumns); ++c) {
    const int x = kLabelWidth + kCell * static_cast<int>(c) + kCell / 2;
    std::string label = StyleOf(kColumns[c]).label;
    std::string second;
    if (size_t space = label.find(' '); space != std::string::npos) {
      second = label.substr(space + 1);
      label = label.substr(0, space);
    }
    out << "<text x=\"" << x << "\" y=\"" << (second.empty() ? 30 : 18) << "\" class=\"hm-head\">"
        << label << "</text>";
    if (!second.empty())
      out << "<text x=\"" << x << "\" y=\"32\" class=\"hm-head\">" << second << "</text>";
    out << "\n";
  }
  for (size_t g = 0; g < kGroupCount; ++g) {
    const int y = kHead + kRow * static_cast<int>(g);
    out << "<text x=\"0\" y=\"" << y + 17 << "\" class=\"hm-label\"><tspan class=\"hm-id\">"
        << kGroups[g].id << "</tspan> " << kGroups[g].title << "</text>\n";
    for (size_t c = 0; c < std::size(kColumns); ++c) {
      const uint32_t n = counts[g][static_cast<size_t>(kColumns[c])];
      const int x = kLabelWidth + kCell * static_cast<int>(c);
      // Intensity grows with the count; an empty cell is a faint grey.
      std::string fill = "rgb(241,243,246)";
      double opacity = 1.0;
      if (n > 0) {
        fill = Rgb(StyleOf(kColumns[c]).rgb);
        opacity = 0.35 + 0.65 * static_cast<double>(n) / static_cast<double>(max_count);
      }
      char op[16];
      std::snprintf(op, sizeof op, "%.2f", opacity);
      out << "<rect class=\"hm-cell\" data-status=\"" << ToString(kColumns[c]) << "\" x=\"" << x + 2
          << "\" y=\"" << y + 2 << "\" width=\"" << kCell - 4 << "\" height=\"" << kRow - 4
          << "\" rx=\"4\" fill=\"" << fill << "\" fill-opacity=\"" << op << "\"><title>"
          << kGroups[g].id << " " << kGroups[g].title << ": " << n << " "
          << StyleOf(kColumns[c]).label << "</title></rect>";
      if (n > 0) {
        out << "<text x=\"" << x + kCell / 2 << "\" y=\"" << y + 18 << "\" class=\"hm-n"
            << (opacity > 0.6 ? " hm-light" : "") << "\">" << n << "</text>";
      }
      out << "\n";
    }
  }
  out << "</svg>\n";
}

constexpr std::string_view kStyle = R"CSS(
:root{--ink:#1d2330;--muted:#5b6475;--line:#e3e6ec;--bg:#f6f7fa}
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg);margin:0}
main{max-width:1180px;margin:0 auto;padding:28px 24px 60px}
header h1{font-size:24px;margin:0}header p{color:var(--muted);margin:4px 0 0}
.gate{display:flex;align-items:center;gap:18px;border-radius:10px;padding:16px 22px;margin:20px 0;color:#fff}
.gate.pass{background:#1e8449}.gate.fail{background:#c82333}
.gate b{font-size:28px;letter-spacing:.04em}.gate span{font-size:15px;opacity:.95}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}
h2{font-size:17px;margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{flex:1 1 120px;border-radius:8px;padding:10px 12px;background:var(--bg);border-left:5px solid}
.card .n{font-size:24px;font-weight:700}.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
#heatmap{max-width:100%;height:auto;font-size:12px}
.hm-head{text-anchor:middle;fill:var(--muted);font-size:11px;text-transform:uppercase}
.hm-label{fill:var(--ink);font-size:12.5px}.hm-id{font-weight:700}
.hm-n{text-anchor:middle;font-size:12px;font-weight:600;fill:var(--ink)}.hm-light{fill:#fff}
.filters{display:flex;flex-wrap:wrap;gap:6px 18px;margin-bottom:10px;color:var(--muted)}
.filters label{cursor:pointer;white-space:nowrap}.filters b{color:var(--ink);margin-right:4px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:7px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.sev{font-size:12px;font-weight:600;text-transform:uppercase}
.sev-critical{color:#8a1c1c}.sev-high{color:#c82333}.sev-medium{color:#9a5b00}.sev-low{color:var(--muted)}
.blk{color:#c82333;font-size:11px;font-weight:700;margin-left:4px}
td.msg{max-width:520px}code,.loc{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--muted)}
details summary{cursor:pointer;color:var(--muted)}details ul{margin:6px 0 0;padding-left:18px}
.was{font-size:12px;color:var(--muted)}
tr.hidden{display:none}
footer{color:var(--muted);font-size:12px;margin-top:24px}
@media print{body{background:#fff}.filters{display:none}section{break-inside:avoid}}
)CSS";

// Shows only the findings whose status and severity are both ticked; marks the page ready.
constexpr std::string_view kScript = R"JS(
(function(){
  var boxes=document.querySelectorAll('.filters input');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.name+':'+b.value]=b.checked;});
    var shown=0;
    document.querySelectorAll('#findings tbody tr').forEach(function(r){
      var v=on['status:'+r.dataset.status]&&on['severity:'+r.dataset.severity];
      r.classList.toggle('hidden',!v);if(v)shown++;
    });
    document.getElementById('shown').textContent=shown;
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
  document.body.dataset.ready='1';
})();
)JS";

void WriteFinding(const Finding& f, std::ostream& out) {
  const StatusStyle style = StyleOf(f.status);
  out << "<tr data-status=\"" << ToString(f.status) << "\" data-severity=\"" << ToString(f.severity)
      << "\"><td><span class=\"badge\" style=\"background:" << Rgb(style.rgb) << "\">"
      << style.label << "</span>";
  if (f.waiver) {
    out << "<div class=\"was\">was " << ToString(f.waiver->original_status) << "</div>";
  }
  if (f.blocking) out << "<span class=\"blk\">BLOCKING</span>";
  out << "</td><td><b>" << Escape(f.control) << "</b><br>" << Escape(f.title)
      << "</td><td><span class=\"sev sev-" << ToString(f.severity) << "\">" << ToString(f.severity)
      << "</span></td><td>";
  if (f.evidence) {
    out << Escape(f.evidence->id) << "<div class=\"loc\">" << Escape(f.evidence->path);
    if (f.evidence->line > 0) out << ":" << f.evidence->line << ":" << f.evidence->column;
    out << "</div>";
  } else {
    out << "<span class=\"loc\">no evidence of its kinds</span>";
  }
  out << "</td><td class=\"msg\">" << Escape(f.message);
  if (f.waiver) {
    out << "<div class=\"was\">waiver " << Escape(f.waiver->id) << " approved by "
        << Escape(f.waiver->approver) << ", expires " << Escape(f.waiver->expires) << ": "
        << Escape(f.waiver->justification) << "</div>";
  }
  if (!f.override_reason.empty()) {
    out << "<div class=\"was\">overridden: " << Escape(f.override_reason) << "</div>";
  }
  if (f.violations.size() > 1 || (!f.violations.empty() && f.violations[0].message != f.message)) {
    out << "<details><summary>" << f.violations.size() << " reason"
        << (f.violations.size() == 1 ? "" : "s") << "</summary><ul>";
    for (const Violation& v : f.violations) {
      out << "<li>" << Escape(v.message) << " <code>"
          << Escape(v.pointer.empty() ? "/" : v.pointer);
      if (v.line > 0) out << " line " << v.line;
      if (v.missing) out << " (missing)";
      out << "</code></li>";
    }
    out << "</ul></details>";
  }
  out << "<div class=\"loc\">cites " << Escape([&] {
    std::string s;
    for (const std::string& c : f.citations) s += (s.empty() ? "" : ", ") + c;
    return s;
  }()) << "</div></td></tr>\n";
}

}  // namespace

void WriteHtml(const Report& report, std::ostream& out) {
  const bool passed = report.gate.passed;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>aimsgate report: " << (passed ? "PASS" : "FAIL") << ", " << Escape(report.pack_id)
      << " as of " << Escape(report.as_of) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n<main>\n";
  out << "<header><h1>AI management system evidence report</h1><p>Pack <b>"
      << Escape(report.pack_id) << " " << Escape(report.pack_version) << "</b> &middot; as of <b>"
      << Escape(report.as_of) << "</b> &middot; " << report.evidence.size() << " document"
      << (report.evidence.size() == 1 ? "" : "s") << " &middot; " << report.findings.size()
      << " findings &middot; " << Escape(report.tool_name) << " " << Escape(report.tool_version)
      << "</p></header>\n";
  out << "<div class=\"gate " << (passed ? "pass" : "fail") << "\"><b>"
      << (passed ? "GATE PASSED" : "GATE FAILED") << "</b><span>" << report.gate.blocking
      << " blocking finding" << (report.gate.blocking == 1 ? "" : "s") << " at or above "
      << ToString(report.gate.fail_on)
      << (report.gate.require_evidence ? ", missing evidence blocks" : "") << "</span></div>\n";

  out << "<section><h2>Summary</h2><div class=\"cards\">";
  for (FindingStatus s : kColumns) {
    out << "<div class=\"card\" style=\"border-color:" << Rgb(StyleOf(s).rgb)
        << "\"><div class=\"n\">" << report.summary[static_cast<size_t>(s)]
        << "</div><div class=\"l\">" << StyleOf(s).label << "</div></div>";
  }
  out << "</div></section>\n<section><h2>Findings by clause and status</h2>\n";
  WriteHeatMap(report, out);
  out << "</section>\n";

  out << "<section><h2>Findings (<span id=\"shown\">" << report.findings.size()
      << "</span> shown)</h2>\n<div class=\"filters\"><span><b>Status</b>";
  for (FindingStatus s : kColumns) {
    // Passing and unevaluated findings start hidden: what needs action comes first.
    const bool checked = s != FindingStatus::kPass && s != FindingStatus::kNotEvaluated;
    out << " <label><input type=\"checkbox\" name=\"status\" value=\"" << ToString(s) << "\""
        << (checked ? " checked" : "") << "> " << StyleOf(s).label << " ("
        << report.summary[static_cast<size_t>(s)] << ")</label>";
  }
  out << "</span><span><b>Severity</b>";
  for (Severity s : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow}) {
    out << " <label><input type=\"checkbox\" name=\"severity\" value=\"" << ToString(s)
        << "\" checked> " << ToString(s) << "</label>";
  }
  out << "</span></div>\n<table id=\"findings\"><thead><tr><th>Status</th><th>Control</th>"
      << "<th>Severity</th><th>Evidence</th><th>Finding</th></tr></thead><tbody>\n";
  // Blocking first, then by severity, keeping the report's order otherwise.
  std::vector<const Finding*> order;
  for (const Finding& f : report.findings) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
    if (a->blocking != b->blocking) return a->blocking;
    return a->severity > b->severity;
  });
  for (const Finding* f : order) WriteFinding(*f, out);
  out << "</tbody></table></section>\n";

  out << "<section><h2>Remediation tasks (" << report.tasks.size() << ")</h2>\n";
  if (report.tasks.empty()) {
    out << "<p>No task: nothing failed.</p>\n";
  } else {
    out << "<table><thead><tr><th>Task</th><th>Control</th><th>What to do</th><th>Owner</th>"
        << "<th>Priority</th><th>Due</th><th>Subject</th></tr></thead><tbody>\n";
    for (const Task& t : report.tasks) {
      out << "<tr><td><code>" << Escape(t.id) << "</code></td><td>" << Escape(t.control)
          << "</td><td>" << Escape(t.title) << "</td><td>" << Escape(t.owner) << "</td><td>"
          << Escape(t.priority) << "</td><td>" << Escape(t.due) << "</td><td>" << Escape(t.subject)
          << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</section>\n<section><h2>Evidence</h2><table><thead><tr><th>Document</th><th>Kind</th>"
      << "<th>File</th><th>Digest</th></tr></thead><tbody>\n";
  for (const EvidenceSummary& e : report.evidence) {
    out << "<tr><td>" << Escape(e.id) << "</td><td>" << Escape(e.kind) << "</td><td><code>"
        << Escape(e.path) << "</code></td><td><code>" << Escape(e.digest) << "</code></td></tr>\n";
  }
  out << "</tbody></table></section>\n<footer>Pack digest <code>" << Escape(report.pack_digest)
      << "</code>. The same evidence, pack and as-of date reproduce this report byte for byte."
      << "</footer>\n</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace aimsgate::report
