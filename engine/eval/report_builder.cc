#include "eval/report_builder.h"

#include <algorithm>
#include <map>
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

  ApplyWaivers(options.waivers, options.as_of, &report);
  for (const auto& [control, reason] : options.overrides) {
    report.overrides.push_back({control, reason, {}});
  }

  std::map<std::string, size_t> task_index;  // id -> position in report.tasks
  for (Finding& f : report.findings) {
    const ControlInfo* c = pack.FindControl(f.control);
    f.enforcement = c->enforcement;
    report.summary[static_cast<int>(f.status)] += 1;
    const bool would_block =
        IsBlockingStatus(f.status, options.require_evidence) && f.severity >= options.fail_on;
    if (would_block && f.enforcement == Enforcement::kSoft) {
      for (OverrideOutcome& o : report.overrides) {
        if (o.control != f.control) continue;
        f.override_reason = o.reason;
        o.findings.push_back(FindingRef(f));
      }
    }
    f.blocking = would_block && f.enforcement != Enforcement::kAdvisory && f.override_reason.empty();
    if (f.blocking) report.gate.blocking += 1;
    // A waived gap still needs fixing before its waiver runs out: it keeps its tasks.
    const FindingStatus gap = f.waiver ? f.waiver->original_status : f.status;
    if (gap != FindingStatus::kFail && gap != FindingStatus::kInsufficientEvidence) continue;
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
      const std::string evidence_id = f.evidence ? f.evidence->id : "";
      const std::string subject = r.scope == RemediationScope::kControl ? "" : evidence_id;
      const std::string id = TaskId(pack.id, f.control, r.key, subject);
      f.tasks.push_back(id);
      auto [slot, is_new] = task_index.emplace(id, report.tasks.size());
      if (is_new) report.tasks.emplace_back();
      Task* task = &report.tasks[slot->second];
      if (is_new) {
        task->id = id;
        task->subject = subject;
        task->control = f.control;
        task->title = r.title;
        task->owner = r.owner;
        task->priority = Priority(f.severity);
        task->due = CivilFromDays(as_of_days + pack.sla_days[static_cast<int>(f.severity)]);
      }
      task->subjects.push_back(evidence_id);
      task->findings.push_back(FindingRef(f));
      for (const Violation& v : f.violations) {
        if (!v.task_keys.empty() &&
            std::find(v.task_keys.begin(), v.task_keys.end(), r.key) == v.task_keys.end()) {
          continue;
        }
        task->description += (task->description.empty() ? "" : "\n") + evidence_id + " " +
                             (v.pointer.empty() ? "(document)" : v.pointer) + ": " + v.message;
      }
      if (f.violations.empty()) {
        task->description += (task->description.empty() ? "" : "\n") + evidence_id + ": " + f.message;
      }
    }
  }
  report.gate.fail_on = options.fail_on;
  report.gate.require_evidence = options.require_evidence;
  report.gate.passed = report.gate.blocking == 0;
  return report;
}

}  // namespace aimsgate
