// A pull-request comment (GitHub-flavoured Markdown): the gate decision first, a table of
// statuses, the blocking findings, the other findings that are not a pass, then every
// violation and the remediation tasks folded in <details>. Text from evidence and packs is
// escaped: in tables | and line breaks cannot break the row, and < > & never become HTML
// (report/escape.h).
#include "report/escape.h"
#include "report/finding_text.h"
#include "report/writers.h"

namespace aimsgate::report {
namespace {

const char* Icon(FindingStatus s) {
  switch (s) {
    case FindingStatus::kPass:
      return "✅";
    case FindingStatus::kFail:
      return "❌";
    case FindingStatus::kInsufficientEvidence:
      return "⚠️";
    case FindingStatus::kNotApplicable:
      return "➖";
    case FindingStatus::kWaived:
      return "🔕";
    case FindingStatus::kError:
      return "💥";
    case FindingStatus::kNotEvaluated:
      return "❔";
  }
  return "";
}

std::string Where(const Finding& f) {
  const Place place = PrimaryPlace(f);
  if (place.path.empty()) return "(no evidence)";
  return place.line > 0 ? place.path + ":" + std::to_string(place.line) : place.path;
}

bool NeedsAttention(const Finding& f) {
  return f.status != FindingStatus::kPass;
}

void FindingsTable(const std::vector<const Finding*>& findings, bool with_status,
                   std::ostream& out) {
  out << "| control | title |" << (with_status ? " status |" : "")
      << " severity | evidence | message |\n";
  out << "| --- | --- |" << (with_status ? " --- |" : "") << " --- | --- | --- |\n";
  for (const Finding* f : findings) {
    out << "| " << EscapeMarkdownInline(f->control) << " | " << EscapeMarkdownInline(f->title)
        << " | ";
    if (with_status)
      out << Icon(f->status) << " " << EscapeMarkdownInline(StatusPhrase(*f)) << " | ";
    out << ToString(f->severity) << " | " << EscapeMarkdownInline(Where(*f)) << " | "
        << EscapeMarkdownInline(MessageWithStatus(*f)) << " |\n";
  }
}

void FindingDetails(const Finding& f, const std::map<std::string, const Task*>& tasks,
                    std::ostream& out) {
  out << "#### " << Icon(f.status) << " " << EscapeMarkdownInline(f.control) << " "
      << EscapeMarkdownInline(f.title) << " (" << EscapeMarkdownInline(StatusPhrase(f)) << ", "
      << ToString(f.severity) << (f.blocking ? ", blocking" : "") << ")\n\n";
  if (f.evidence) {
    out << "Evidence: " << EscapeMarkdownInline(f.evidence->kind) << " "
        << EscapeMarkdownInline(f.evidence->id) << " in " << EscapeMarkdownInline(f.evidence->path)
        << "\n\n";
  }
  if (f.violations.empty()) {
    out << "- " << EscapeMarkdownInline(MessageWithStatus(f)) << "\n";
  } else {
    for (const Violation& v : f.violations) {
      out << "- line " << v.line << ":" << v.column << " "
          << EscapeMarkdownInline(v.pointer.empty() ? "(document)" : v.pointer) << ": "
          << EscapeMarkdownInline(v.message) << "\n";
    }
  }
  if (f.waiver) {
    out << "- waived by " << EscapeMarkdownInline(f.waiver->id) << " ("
        << EscapeMarkdownInline(f.waiver->file) << ":" << f.waiver->line << "), approved by "
        << EscapeMarkdownInline(f.waiver->approver) << " on "
        << EscapeMarkdownInline(f.waiver->approved) << ", expires "
        << EscapeMarkdownInline(f.waiver->expires) << ": "
        << EscapeMarkdownInline(f.waiver->justification) << "\n";
  }
  if (!f.override_reason.empty())
    out << "- overridden: " << EscapeMarkdownInline(f.override_reason) << "\n";
  out << "- cites " << EscapeMarkdownInline(Join(f.citations, ", ")) << "\n";
  for (const std::string& id : f.tasks) {
    auto it = tasks.find(id);
    if (it != tasks.end())
      out << "- task " << EscapeMarkdownInline(id) << ": "
          << EscapeMarkdownInline(it->second->title) << "\n";
  }
  out << "\n";
}

}  // namespace

void WriteMarkdown(const Report& r, std::ostream& out) {
  const std::map<std::string, const Task*> tasks = TasksById(r);
  out << "## " << (r.gate.passed ? "✅ aimsgate gate: PASS" : "❌ aimsgate gate: FAIL") << "\n\n";
  out << r.gate.blocking << (r.gate.blocking == 1 ? " blocking finding" : " blocking findings")
      << " at or above " << ToString(r.gate.fail_on) << " · pack "
      << EscapeMarkdownInline(r.pack_id) << " " << EscapeMarkdownInline(r.pack_version)
      << " · as of " << r.as_of << " · " << r.evidence.size()
      << (r.evidence.size() == 1 ? " document" : " documents") << "\n\n";

  out << "| status | findings |\n| --- | ---: |\n";
  for (int s = 0; s < kFindingStatusCount; ++s) {
    const auto status = static_cast<FindingStatus>(s);
    out << "| " << Icon(status) << " " << ToString(status) << " | " << r.summary[s] << " |\n";
  }

  std::vector<const Finding*> blocking, others;
  for (const Finding& f : r.findings) {
    if (f.blocking) {
      blocking.push_back(&f);
    } else if (NeedsAttention(f)) {
      others.push_back(&f);
    }
  }
  if (!blocking.empty()) {
    out << "\n### Blocking findings (" << blocking.size() << ")\n\n";
    FindingsTable(blocking, false, out);
  }
  if (!others.empty()) {
    out << "\n### Other findings (" << others.size() << ")\n\n";
    FindingsTable(others, true, out);
  }
  if (!blocking.empty() || !others.empty()) {
    out << "\n<details>\n<summary>Details of " << blocking.size() + others.size()
        << " findings</summary>\n\n";
    for (const Finding* f : blocking) FindingDetails(*f, tasks, out);
    for (const Finding* f : others) FindingDetails(*f, tasks, out);
    out << "</details>\n";
  }
  if (!r.tasks.empty()) {
    out << "\n<details>\n<summary>Remediation tasks (" << r.tasks.size() << ")</summary>\n\n";
    for (const Task& t : r.tasks) {
      out << "- [ ] " << EscapeMarkdownInline(t.id) << " " << EscapeMarkdownInline(t.title) << " ("
          << EscapeMarkdownInline(t.control) << ", " << EscapeMarkdownInline(t.subject)
          << "; owner " << EscapeMarkdownInline(t.owner) << ", " << t.priority << ", due " << t.due
          << ")\n";
    }
    out << "\n</details>\n";
  }
}

}  // namespace aimsgate::report
