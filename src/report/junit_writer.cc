// JUnit XML, valid against the Jenkins xunit plugin's junit-10.xsd (what Jenkins and GitLab
// read). One <testsuite> per evidence document, in report order, one <testcase> per finding on
// it; not_evaluated findings form a last suite, "not evaluated". Status -> element:
//   pass -> nothing; fail / insufficient_evidence -> <failure type=status>; error -> <error>;
//   not_applicable, waived, not_evaluated -> <skipped> (a blocking not_evaluated finding, with
//   --require-evidence, is a <failure type="not_evaluated">, so the test view agrees with the
//   gate).
// The schema allows no `skipped` count on <testsuites>; each <testsuite> carries its own.
// No timestamps or host names: the output depends only on the report.
#include <map>

#include "report/escape.h"
#include "report/finding_text.h"
#include "report/writers.h"

namespace aimsgate::report {
namespace {

std::string Attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + EscapeXml(value, XmlPlace::kAttribute) + "\"";
}

struct Counts {
  unsigned tests = 0, failures = 0, errors = 0, skipped = 0;
};

enum class Outcome { kPassed, kFailure, kError, kSkipped };

Outcome OutcomeOf(const Finding& f) {
  switch (f.status) {
    case FindingStatus::kPass:
      return Outcome::kPassed;
    case FindingStatus::kFail:
    case FindingStatus::kInsufficientEvidence:
      return Outcome::kFailure;
    case FindingStatus::kError:
      return Outcome::kError;
    case FindingStatus::kNotEvaluated:
      return f.blocking ? Outcome::kFailure : Outcome::kSkipped;
    case FindingStatus::kNotApplicable:
    case FindingStatus::kWaived:
      return Outcome::kSkipped;
  }
  return Outcome::kSkipped;
}

Counts Count(const std::vector<const Finding*>& findings) {
  Counts c;
  for (const Finding* f : findings) {
    ++c.tests;
    switch (OutcomeOf(*f)) {
      case Outcome::kFailure:
        ++c.failures;
        break;
      case Outcome::kError:
        ++c.errors;
        break;
      case Outcome::kSkipped:
        ++c.skipped;
        break;
      case Outcome::kPassed:
        break;
    }
  }
  return c;
}

// The body of a failure, error or skip: every violation located, citations, tasks.
std::string Details(const Finding& f, const std::map<std::string, const Task*>& tasks) {
  std::string out;
  if (f.evidence) {
    for (const Violation& v : f.violations) {
      out += f.evidence->path + ":" + std::to_string(v.line) + ":" + std::to_string(v.column) +
             " " + (v.pointer.empty() ? "(document)" : v.pointer) + ": " + v.message + "\n";
    }
    if (f.violations.empty()) {
      out += f.evidence->path + ":" + std::to_string(f.evidence->line) + ":" +
             std::to_string(f.evidence->column) + ": " + f.message + "\n";
    }
  } else {
    out += f.message + "\n";
  }
  out += "severity: " + std::string(ToString(f.severity)) +
         ", enforcement: " + std::string(ToString(f.enforcement)) +
         (f.blocking ? ", blocking" : ", not blocking") + "\n";
  if (!f.override_reason.empty()) out += "overridden: " + f.override_reason + "\n";
  if (f.waiver) {
    out += "waiver " + f.waiver->id + " (" + f.waiver->file + ":" + std::to_string(f.waiver->line) +
           "), approved by " + f.waiver->approver + " on " + f.waiver->approved + ", expires " +
           f.waiver->expires + ": " + f.waiver->justification + "\n";
  }
  out += "cites: " + Join(f.citations, ", ") + "\n";
  for (const std::string& id : f.tasks) {
    auto it = tasks.find(id);
    if (it == tasks.end()) continue;
    out += "task " + id + ": " + it->second->title + " (owner " + it->second->owner + ", " +
           it->second->priority + ", due " + it->second->due + ")\n";
  }
  return out;
}

void WriteCase(const Report& r, const Finding& f, const std::map<std::string, const Task*>& tasks,
               std::ostream& out) {
  const std::string kind = f.evidence ? f.evidence->kind : "not_evaluated";
  out << "    <testcase" << Attr("name", f.control + " " + f.title)
      << Attr("classname", r.pack_id + "." + kind) << Attr("time", "0");
  const Outcome outcome = OutcomeOf(f);
  if (outcome == Outcome::kPassed) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  const char* element = outcome == Outcome::kFailure ? "failure"
                        : outcome == Outcome::kError ? "error"
                                                     : "skipped";
  const std::string message =
      f.status == FindingStatus::kWaived          ? MessageWithStatus(f)
      : f.status == FindingStatus::kNotApplicable ? "not applicable: " + f.message
      : f.status == FindingStatus::kNotEvaluated  ? "not evaluated: " + f.message
                                                  : f.message;
  out << "      <" << element << Attr("message", message) << Attr("type", ToString(f.status)) << ">"
      << EscapeXml(Details(f, tasks), XmlPlace::kText) << "</" << element << ">\n";
  out << "    </testcase>\n";
}

void WriteSuite(const Report& r, const std::string& name, const EvidenceSummary* evidence,
                const std::vector<const Finding*>& findings,
                const std::map<std::string, const Task*>& tasks, std::ostream& out) {
  const Counts c = Count(findings);
  out << "  <testsuite" << Attr("name", name) << Attr("tests", std::to_string(c.tests))
      << Attr("failures", std::to_string(c.failures)) << Attr("errors", std::to_string(c.errors))
      << Attr("skipped", std::to_string(c.skipped)) << Attr("time", "0");
  if (evidence) out << Attr("file", evidence->path);
  out << ">\n    <properties>\n";
  auto property = [&](std::string_view key, std::string_view value) {
    out << "      <property" << Attr("name", key) << Attr("value", value) << "/>\n";
  };
  if (evidence) {
    property("evidence.path", evidence->path);
    property("evidence.kind", evidence->kind);
    property("evidence.id", evidence->id);
    property("evidence.digest", evidence->digest);
  }
  property("pack", r.pack_id + " " + r.pack_version);
  property("as_of", r.as_of);
  out << "    </properties>\n";
  for (const Finding* f : findings) WriteCase(r, *f, tasks, out);
  out << "  </testsuite>\n";
}

}  // namespace

void WriteJunit(const Report& r, std::ostream& out) {
  const std::map<std::string, const Task*> tasks = TasksById(r);
  std::map<std::string, std::vector<const Finding*>> by_path;
  std::vector<const Finding*> not_evaluated;
  std::vector<const Finding*> all;
  for (const Finding& f : r.findings) {
    all.push_back(&f);
    if (f.evidence) {
      by_path[f.evidence->path].push_back(&f);
    } else {
      not_evaluated.push_back(&f);
    }
  }
  const Counts total = Count(all);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites"
      << Attr("name", r.tool_name + " " + r.pack_id + " " + r.pack_version + " as of " + r.as_of)
      << Attr("tests", std::to_string(total.tests))
      << Attr("failures", std::to_string(total.failures))
      << Attr("errors", std::to_string(total.errors)) << Attr("time", "0") << ">\n";
  for (const EvidenceSummary& e : r.evidence) {
    auto it = by_path.find(e.path);
    WriteSuite(r, e.id, &e, it == by_path.end() ? std::vector<const Finding*>{} : it->second, tasks,
               out);
    if (it != by_path.end()) by_path.erase(it);
  }
  // Findings on a document the evidence list lacks (never expected): still shown.
  for (const auto& [path, findings] : by_path) {
    WriteSuite(r, path, nullptr, findings, tasks, out);
  }
  if (!not_evaluated.empty()) WriteSuite(r, "not evaluated", nullptr, not_evaluated, tasks, out);
  out << "</testsuites>\n";
}

}  // namespace aimsgate::report
