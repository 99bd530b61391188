#include "eval/worker.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "lua/evidence_binding.h"

namespace aimsgate {

Finding FindingFor(const ControlInfo& info) {
  Finding f;
  f.control = info.id;
  f.title = info.title;
  f.severity = info.severity;
  f.citations = info.citations;
  f.crosswalk = info.crosswalk;
  f.enforcement = info.enforcement;
  return f;
}

Result<std::unique_ptr<Worker>> Worker::Create(const std::vector<PackSource>& sources,
                                               const EngineOptions& options) {
  SandboxLimits limits;
  limits.instruction_budget = options.instruction_budget;
  limits.memory_limit = options.memory_limit;
  Result<std::unique_ptr<Sandbox>> box = Sandbox::Create(limits);
  if (!box.ok()) return box.status();
  std::unique_ptr<Worker> worker(new Worker());
  worker->box_ = std::move(box).value();
  Result<LoadedPack> pack = LoadPackInto(*worker->box_, sources, options.params);
  if (!pack.ok()) return pack.status();
  worker->pack_ = std::move(pack).value();
  if (options.profile) worker->costs_.resize(worker->pack_.info.controls.size());
  return worker;
}

std::vector<Finding> Worker::Evaluate(const std::vector<Evidence>& run, const Evidence& evidence,
                                      const std::vector<size_t>& selected, const std::string& as_of,
                                      int64_t as_of_days) {
  CheckScope& scope = box_->scope();
  scope.as_of = as_of;
  scope.as_of_days = as_of_days;
  scope.run = &run;
  std::vector<Finding> findings;
  std::vector<size_t> ran;  // the control index of each finding
  for (size_t index : selected) {
    const ControlInfo& info = pack_.info.controls[index];
    if (std::find(info.applies_to.begin(), info.applies_to.end(), evidence.kind) ==
        info.applies_to.end()) {
      continue;
    }
    if (!info.switched_off.empty()) {
      findings.push_back(SwitchedOff(info, evidence));
    } else {
      findings.push_back(RunCheck(index, evidence));
    }
    ran.push_back(index);
  }
  // A check that reassigned an upvalue kept state for the next document: put it back, and
  // fail closed on every control that can reach it, whichever of them did it.
  for (const StateGuard::Change& change : pack_.guard.VerifyAndRestore(box_->state())) {
    // A change reached only through require at run time reaches no check's upvalues: then
    // nothing tells which control did it, and every finding of the document fails closed.
    bool attributed = false;
    for (size_t i = 0; i < findings.size(); ++i) {
      attributed =
          attributed || pack_.guard.Reaches(box_->state(), pack_.refs[ran[i]].check, change);
    }
    for (size_t i = 0; i < findings.size(); ++i) {
      Finding& f = findings[i];
      if (f.status == FindingStatus::kError) continue;  // already failed closed, with its reason
      if (attributed && !pack_.guard.Reaches(box_->state(), pack_.refs[ran[i]].check, change))
        continue;
      f.status = FindingStatus::kError;
      f.violations.clear();
      f.message =
          "check changed " +
          (change.name == "a metatable" ? change.name : "the upvalue '" + change.name + "'") +
          " while evaluating this document: a pack must not keep state between "
          "documents (keep it local to the check)";
    }
  }
  return findings;
}

Finding Worker::SwitchedOff(const ControlInfo& info, const Evidence& evidence) {
  Finding f = FindingFor(info);
  const JsonTree& tree = evidence.tree;
  f.evidence = EvidenceRef{evidence.path,          evidence.kind,           evidence.id, "",
                           tree.line(tree.root()), tree.column(tree.root())};
  f.status = FindingStatus::kNotApplicable;
  f.message = info.switched_off;
  return f;
}

Finding Worker::RunCheck(size_t control_index, const Evidence& evidence) {
  const ControlInfo& info = pack_.info.controls[control_index];
  const ControlRefs& refs = pack_.refs[control_index];
  lua_State* L = box_->state();
  CheckOutcome outcome;
  CheckScope& scope = box_->scope();
  scope.generation += 1;
  scope.control_index = static_cast<int>(control_index);
  scope.control = &info;
  scope.evidence = &evidence;
  scope.outcome = &outcome;
  std::set<std::string> reads;
  scope.reads = trace_reads_ ? &reads : nullptr;

  scope.active = true;  // handles below belong to this call
  const auto started =
      costs_.empty() ? std::chrono::steady_clock::time_point() : std::chrono::steady_clock::now();
  CallOutcome call;
  bool applies = true;
  if (refs.when != LUA_NOREF) {
    // The applicability test of an override: falsy means not applicable, with its reason.
    lua_rawgeti(L, LUA_REGISTRYINDEX, refs.when);
    PushEvidenceValue(L, evidence.tree.root());
    lua_rawgeti(L, LUA_REGISTRYINDEX, refs.ctx);
    call = box_->Call(2, 2);
    if (call.ok()) {
      applies = lua_toboolean(L, -2);
      if (!applies && !outcome.not_applicable) {
        outcome.not_applicable = true;
        outcome.not_applicable_reason =
            lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : refs.when_reason;
      }
      lua_pop(L, 2);
    }
  }
  if (call.ok() && applies) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, refs.check);
    PushEvidenceValue(L, evidence.tree.root());
    lua_rawgeti(L, LUA_REGISTRYINDEX, refs.ctx);
    call = box_->Call(2, 0);
  }
  if (!costs_.empty()) {  // --profile: the applicability test and the check together
    costs_[control_index].calls += 1;
    costs_[control_index].nanoseconds +=
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count());
  }
  scope.active = false;
  scope.evidence = nullptr;
  scope.outcome = nullptr;
  scope.reads = nullptr;

  Finding f = FindingFor(info);
  f.reads.assign(reads.begin(), reads.end());
  const JsonTree& tree = evidence.tree;
  f.evidence = EvidenceRef{evidence.path,          evidence.kind,           evidence.id, "",
                           tree.line(tree.root()), tree.column(tree.root())};
  if (!call.ok()) {
    f.status = FindingStatus::kError;
    f.message = "check failed: " + call.message;
    if (call.kind == CallOutcome::Kind::kMemoryExceeded) {
      // What the check hoarded may hang off its upvalues: put them back and free it now, so
      // the controls after it in this document get their memory.
      pack_.guard.VerifyAndRestore(L);
      lua_gc(L, LUA_GCCOLLECT);
    }
    return f;
  }
  auto first_of = [&](FindingStatus status) {
    return std::find_if(outcome.violations.begin(), outcome.violations.end(),
                        [&](const Violation& v) { return v.status == status; });
  };
  auto primary = first_of(FindingStatus::kFail);
  if (primary != outcome.violations.end()) {
    f.status = FindingStatus::kFail;
  } else if ((primary = first_of(FindingStatus::kInsufficientEvidence)) !=
             outcome.violations.end()) {
    f.status = FindingStatus::kInsufficientEvidence;
  } else if (outcome.not_applicable) {
    f.status = FindingStatus::kNotApplicable;
    f.message = outcome.not_applicable_reason;
    const Violation& at = outcome.not_applicable_at;
    f.evidence->pointer = at.pointer;
    f.evidence->line = at.line;
    f.evidence->column = at.column;
    f.evidence->missing = at.missing;
  } else {
    f.status = FindingStatus::kPass;
    f.message = outcome.pass_message;
  }
  if (primary != outcome.violations.end()) {
    f.evidence->pointer = primary->pointer;
    f.evidence->line = primary->line;
    f.evidence->column = primary->column;
    f.evidence->missing = primary->missing;
    f.message = primary->message;
    size_t others = outcome.violations.size() - 1 + outcome.dropped_violations;
    if (others > 0) f.message += " (and " + std::to_string(others) + " more)";
  }
  f.violations = std::move(outcome.violations);
  return f;
}

}  // namespace aimsgate
