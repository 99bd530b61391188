#include "eval/report_builder.h"

#include <algorithm>
#include <set>

#include "eval/worker.h"
#include "util/dates.h"
#include "util/sha256.h"

namespace aimsgate {
namespace {

bool IsBlockingStatus(FindingStatus s, bool require_evidence) {
  return s == FindingStatus::kFail || s == FindingStatus::kInsufficientEvidence ||
         s == FindingStatus::kError || (require_evidence && s == FindingStatus::kNotEvaluated);
}

const char* Priority(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "P1";
    case Severity::kHigh:
      return "P2";
    case Severity::kMedium:
      return "P3";
    case Severity::kLow:
      return "P4";
  }
  return "P4";
}

}  // namespace

std::string TaskId(const std::string& pack_id, const std::string& control, const std::string& key,
                   const std::string& subject) {
  Sha256 sha;
  for (const std::string* part : {&pack_id, &control, &key, &subject}) {
    sha.Update(*part);
    sha.Update(std::string_view("\n", 1));
  }
  return "T-" + sha.HexDigest().substr(0, 12);
}

Report BuildReport(const PackInfo& pack, const std::vector<Evidence>& documents,
                   std::vector<std::vector<Finding>> per_document,
                   const std::vector<size_t>& selected, const EvalOptions& options,
                   int64_t as_of_days) {
  Report report;
  report.tool_version = Version();
  report.pack_id = pack.id;
  report.pack_version = pack.version;
  report.pack_digest = pack.digest;
  report.as_of = options.as_of;
  std::set<std::string> kinds_given;
  for (const Evidence& e : documents) {
    report.evidence.push_back({e.path, e.kind, e.id, e.digest});
    kinds_given.insert(e.kind);
  }
  for (std::vector<Finding>& findings : per_document) {
    for (Finding& f : findings) report.findings.push_back(std::move(f));
  }
  for (size_t index : selected) {
    const ControlInfo& c = pack.controls[index];
    bool any = std::any_of(c.applies_to.begin(), c.applies_to.end(),
                           [&](const std::string& k) { return kinds_given.count(k) > 0; });
    if (any) continue;
    Finding f = FindingFor(c);
    f.status = FindingStatus::kNotEvaluated;
    std::string kinds;
    for (const std::string& k : c.applies_to) kinds += (kinds.empty() ? "" : " or ") + k;
    f.message = "no " + kinds + " evidence was given";
    report.findings.push_back(std::move(f));
  }

  std::set<std::string> task_ids;
  for (Finding& f : report.findings) {
    report.summary[static_cast<int>(f.status)] += 1;
    f.blocking = IsBlockingStatus(f.status, options.require_evidence) && f.severity >= options.fail_on;
    if (f.blocking) report.gate.blocking += 1;
    if (f.status != FindingStatus::kFail && f.status != FindingStatus::kInsufficientEvidence) {
      continue;
    }
    const ControlInfo* c = pack.FindControl(f.control);
    // The keys the violations name; a violation that names none calls for every task.
    std::set<std::string> wanted;
    for (const Violation& v : f.violations) {
      if (v.task_keys.empty()) {
        wanted.clear();
        break;
      }
      wanted.insert(v.task_keys.begin(), v.task_keys.end());
    }
    for (const RemediationSpec& r : c->remediation) {
      if (!wanted.empty() && !wanted.count(r.key)) continue;
      Task t;
      t.subject = f.evidence ? f.evidence->id : "";
      t.id = TaskId(pack.id, f.control, r.key, t.subject);
      f.tasks.push_back(t.id);
      if (!task_ids.insert(t.id).second) continue;
      t.control = f.control;
      t.title = r.title;
      t.owner = r.owner;
      t.priority = Priority(f.severity);
      t.due = CivilFromDays(as_of_days + pack.sla_days[static_cast<int>(f.severity)]);
      report.tasks.push_back(std::move(t));
    }
  }
  report.gate.fail_on = options.fail_on;
  report.gate.require_evidence = options.require_evidence;
  report.gate.passed = report.gate.blocking == 0;
  return report;
}

}  // namespace aimsgate
