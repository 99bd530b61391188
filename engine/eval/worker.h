// Worker: one sandbox with the pack loaded, evaluating documents one at a time.
// Thread-safety: a Worker belongs to one thread at a time; workers share nothing mutable.
#pragma once

#include <memory>
#include <vector>

#include "aimsgate/engine.h"
#include "lua/sandbox.h"
#include "pack/pack_loader.h"

namespace aimsgate {

class Worker {
 public:
  // Loads `sources` (one pack, or several given together) into a new sandbox.
  static Result<std::unique_ptr<Worker>> Create(const std::vector<PackSource>& sources,
                                                const EngineOptions& options);

  const LoadedPack& pack() const { return pack_; }
  // Record what each check reads into Finding::reads (see EvalOptions::trace_reads).
  void set_trace_reads(bool on) { trace_reads_ = on; }

  // Calls and wall-clock time of each control's check (parallel to pack().info.controls);
  // counted only with EngineOptions::profile, else empty.
  struct CheckCost {
    uint64_t calls = 0;
    uint64_t nanoseconds = 0;
  };
  const std::vector<CheckCost>& costs() const { return costs_; }

  // Evaluates the controls `selected` (indices into pack().info.controls, in order) that apply
  // to `evidence`'s kind. One finding per such control, in the order given. `run` is every
  // document of the run (evidence among them), read in place by ctx:documents and ctx:find.
  std::vector<Finding> Evaluate(const std::vector<Evidence>& run, const Evidence& evidence,
                                const std::vector<size_t>& selected, const std::string& as_of,
                                int64_t as_of_days);

 private:
  Finding RunCheck(size_t control_index, const Evidence& evidence);
  // The not_applicable finding of a control a pack switched off; its check does not run.
  Finding SwitchedOff(const ControlInfo& info, const Evidence& evidence);

  std::unique_ptr<Sandbox> box_;
  LoadedPack pack_;
  bool trace_reads_ = false;
  std::vector<CheckCost> costs_;
};

// A finding for control `info` with everything but its outcome filled in.
Finding FindingFor(const ControlInfo& info);

}  // namespace aimsgate
