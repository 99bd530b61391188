// Engine and PackSource: the public facade over workers, pack loading and report assembly.
#include "aimsgate/engine.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "aimsgate/validation.h"
#include "eval/report_builder.h"
#include "eval/worker.h"
#include "util/dates.h"
#include "util/embedded.h"

namespace aimsgate {
namespace fs = std::filesystem;

const char* Version() {
  return AIMSGATE_VERSION;
}

PackSource PackSource::Bundled() {
  PackSource s;
  s.label_ = "<bundled iso42001>";
  for (const embedded::File& f : embedded::BundledPack()) s.files_.emplace(f.path, f.text());
  return s;
}

PackSource PackSource::FromFiles(std::string label, std::map<std::string, std::string> files) {
  PackSource s;
  s.label_ = std::move(label);
  s.files_ = std::move(files);
  return s;
}

Result<PackSource> PackSource::FromDirectory(const std::string& dir) {
  auto fail = [&](const std::string& message) {
    Diagnostic d;
    d.location.file = dir;
    d.message = message;
    return Status::InvalidInput({d});
  };
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail("not a pack directory");
  if (!fs::is_regular_file(fs::path(dir) / "pack.lua", ec)) return fail("not a pack: no pack.lua");
  PackSource s;
  s.label_ = dir;
  s.root_ = dir;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    fs::path rel = it->path().lexically_relative(dir);
    if (it->is_directory(ec) && rel == "tests") {
      it.disable_recursion_pending();  // pack tests are evidence, not code
      continue;
    }
    if (!it->is_regular_file(ec) || it->path().extension() != ".lua") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return fail("cannot read " + rel.generic_string());
    s.files_.emplace(rel.generic_string(), text.str());
  }
  if (ec) return fail("cannot list: " + ec.message());
  return s;
}

struct Engine::Impl {
  EngineOptions options;
  std::vector<PackSource> sources;
  std::vector<std::unique_ptr<Worker>> workers;

  // The worker of `slot`, made on first use by the calling thread (so sandboxes, and the
  // pack's compilation, are made in parallel). Worker 0 is made by LoadPacks.
  Result<Worker*> WorkerAt(size_t slot) {
    std::unique_ptr<Worker>& worker = workers[slot];
    if (!worker) {
      Result<std::unique_ptr<Worker>> made = Worker::Create(sources, options);
      if (!made.ok()) return made.status();
      worker = std::move(made).value();
    }
    return worker.get();
  }
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (impl_->options.jobs == 0) impl_->options.jobs = 1;
}

Engine::~Engine() = default;

Status Engine::LoadPack(const PackSource& source) {
  return LoadPacks({source});
}

Status Engine::LoadPacks(const std::vector<PackSource>& sources) {
  impl_->workers.clear();
  impl_->sources.clear();
  if (sources.empty()) return Status::Internal("LoadPacks without a pack");
  Result<std::unique_ptr<Worker>> first = Worker::Create(sources, impl_->options);
  if (!first.ok()) return first.status();
  impl_->workers.push_back(std::move(first).value());
  impl_->sources = sources;
  return Status::Ok();
}

const PackInfo& Engine::pack() const {
  return impl_->workers.front()->pack().info;
}

const std::vector<Diagnostic>& Engine::warnings() const {
  return impl_->workers.front()->pack().warnings;
}

namespace {

// The indices of the controls `options` selects (all when it names none), in pack order.
Result<std::vector<size_t>> SelectControls(const PackInfo& info, const EvalOptions& options) {
  std::vector<size_t> selected;
  if (options.controls.empty()) {
    for (size_t i = 0; i < info.controls.size(); ++i) selected.push_back(i);
  } else {
    for (size_t i = 0; i < info.controls.size(); ++i) {
      if (std::find(options.controls.begin(), options.controls.end(), info.controls[i].id) !=
          options.controls.end()) {
        selected.push_back(i);
      }
    }
    for (const std::string& id : options.controls) {
      if (info.FindControl(id) == nullptr) {
        return Status::InvalidInput("--controls: pack " + info.id + " has no control '" + id + "'");
      }
    }
  }
  return selected;
}

// --override names soft controls of the pack, each with a reason.
Status CheckOverrides(const PackInfo& info, const EvalOptions& options) {
  for (const auto& [id, reason] : options.overrides) {
    const ControlInfo* c = info.FindControl(id);
    if (c == nullptr) {
      return Status::InvalidInput("--override: pack " + info.id + " has no control '" + id + "'");
    }
    if (c->enforcement != Enforcement::kSoft) {
      return Status::InvalidInput("--override " + id + ": only soft controls can be overridden; " +
                                  id + " is " + std::string(ToString(c->enforcement)));
    }
    if (reason.find_first_not_of(" \t") == std::string::npos) {
      return Status::InvalidInput("--override " + id + ": a reason is required (CONTROL=REASON)");
    }
  }
  return Status::Ok();
}

// What Evaluate and EvaluateStream settle before any document: the --as-of date as days, and
// the selected controls; the overrides are checked too.
struct Plan {
  int64_t as_of_days = 0;
  std::vector<size_t> selected;
};

Result<Plan> PlanEvaluation(const PackInfo& info, const EvalOptions& options) {
  std::optional<int64_t> days = ParseDate(options.as_of);
  if (!days) {
    return Status::InvalidInput("--as-of '" + options.as_of + "' is not a date (YYYY-MM-DD)");
  }
  Result<std::vector<size_t>> selection = SelectControls(info, options);
  if (!selection.ok()) return selection.status();
  if (Status s = CheckOverrides(info, options); !s.ok()) return s;
  return Plan{*days, std::move(selection).value()};
}

// Runs `run(slot)` for slots 0..jobs-1, on this thread when there is one job, else on one
// thread per slot, and returns when all have.
template <typename Run>
void RunSlots(size_t jobs, const Run& run) {
  if (jobs == 1) {
    run(0);
    return;
  }
  std::vector<std::thread> threads;
  for (size_t j = 0; j < jobs; ++j) threads.emplace_back(run, j);
  for (std::thread& t : threads) t.join();
}

// Adds `from`'s status counts and blocking count to `into`.
void AddCounts(Report& into, const Report& from) {
  for (int i = 0; i < kFindingStatusCount; ++i) into.summary[i] += from.summary[i];
  into.gate.blocking += from.gate.blocking;
}

}  // namespace

Result<Report> Engine::Evaluate(const std::vector<Evidence>& documents,
                                const EvalOptions& options) {
  if (impl_->workers.empty()) return Status::Internal("Evaluate before a successful LoadPack");
  const PackInfo& info = pack();
  Result<Plan> plan = PlanEvaluation(info, options);
  if (!plan.ok()) return plan.status();
  const std::vector<size_t>& selected = plan->selected;
  const int64_t as_of_days = plan->as_of_days;

  const size_t jobs = std::max<size_t>(1, std::min<size_t>(impl_->options.jobs, documents.size()));
  impl_->workers.resize(std::max(impl_->workers.size(), jobs));

  std::vector<std::vector<Finding>> per_document(documents.size());
  std::atomic<size_t> next{0};
  std::vector<Status> failures(jobs, Status::Ok());
  auto run = [&](size_t slot) {
    Result<Worker*> made = impl_->WorkerAt(slot);
    if (!made.ok()) {
      failures[slot] = made.status();
      return;  // the other workers take its share
    }
    Worker* worker = *made;
    worker->set_trace_reads(options.trace_reads);
    for (size_t i = next++; i < documents.size(); i = next++) {
      per_document[i] =
          worker->Evaluate(documents, documents[i], selected, options.as_of, as_of_days);
    }
  };
  RunSlots(jobs, run);
  // Worker 0 was made by LoadPack and cannot fail: every document was evaluated, unless every
  // other worker failed too, which then is the error.
  for (const Status& failure : failures) {
    if (!failure.ok() && next < documents.size()) return failure;
  }
  return BuildReport(info, documents, std::move(per_document), selected, options, as_of_days);
}

Result<Report> Engine::EvaluateStream(const std::vector<Evidence>& context,
                                      const DocumentSource& source, const DocumentSink& sink,
                                      const EvalOptions& options,
                                      const EvidenceOptions& evidence_options,
                                      const DocumentPrepare& prepare) {
  if (impl_->workers.empty())
    return Status::Internal("EvaluateStream before a successful LoadPack");
  const PackInfo& info = pack();
  Result<Plan> plan = PlanEvaluation(info, options);
  if (!plan.ok()) return plan.status();
  const std::vector<size_t>& selected = plan->selected;
  const int64_t as_of_days = plan->as_of_days;

  const size_t jobs = std::max<size_t>(1, impl_->options.jobs);
  // Documents taken but not yet handed to the sink: the reorder buffer's bound, which keeps
  // memory flat however long the stream is.
  const size_t window = 4 * jobs;
  impl_->workers.resize(std::max(impl_->workers.size(), jobs));

  std::mutex mutex;
  std::condition_variable progress;
  size_t next_index = 0;  // the next document to take
  size_t next_emit = 0;   // the next document the sink gets
  bool source_done = false;
  std::map<size_t, DocumentResult> ready;  // finished, waiting for their turn
  Report totals;
  std::set<std::string> kinds_given;
  Status failure = Status::Ok();

  // Hands finished results to the sink in input order. Called with `mutex` held.
  auto drain = [&] {
    while (!ready.empty() && ready.begin()->first == next_emit) {
      DocumentResult result = std::move(ready.begin()->second);
      ready.erase(ready.begin());
      ++next_emit;
      if (!sink(result) || !result.evidence) continue;
      kinds_given.insert(result.evidence->kind);
      AddCounts(totals, result.report);
    }
  };

  auto run = [&](size_t slot) {
    for (;;) {
      size_t index;
      StreamInput input;
      const Evidence* given = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex);
        progress.wait(lock, [&] { return !failure.ok() || next_index - next_emit < window; });
        if (!failure.ok()) return;
        if (next_index < context.size()) {
          given = &context[next_index];
        } else if (source_done || !source || !source(&input)) {
          source_done = true;
          return;
        }
        index = next_index++;
      }
      DocumentResult result;
      result.index = index;
      if (given != nullptr) {
        result.evidence = std::shared_ptr<const Evidence>(std::shared_ptr<const Evidence>(), given);
      } else {
        EvidenceOptions parse_options = evidence_options;
        parse_options.first_line = input.first_line;
        parse_options.default_id = input.default_id;
        Result<Evidence> parsed = ParseEvidence(input.text, input.path, parse_options);
        if (!parsed.ok()) {
          result.status = parsed.status();
        } else if (std::vector<Diagnostic> invalid = ValidateEvidence(*parsed); !invalid.empty()) {
          // As `eval` reports a file that breaks its schema: located, and not evaluated.
          result.status = Status::InvalidInput(std::move(invalid));
        } else {
          result.evidence = std::make_shared<const Evidence>(std::move(parsed).value());
        }
      }
      if (result.evidence) {
        // A worker's sandbox is made when it first has a document: one document, one state.
        Result<Worker*> made = impl_->WorkerAt(slot);
        if (!made.ok()) {
          std::lock_guard<std::mutex> lock(mutex);
          failure = made.status();
          progress.notify_all();
          return;
        }
        Worker* worker = *made;
        const Evidence& ev = *result.evidence;
        std::vector<std::vector<Finding>> findings;
        findings.push_back(worker->Evaluate(context, ev, selected, options.as_of, as_of_days));
        // No documents and no controls: the findings of this one document with their tasks,
        // blocking flags, summary and gate, and no not_evaluated findings.
        result.report = BuildReport(info, {}, std::move(findings), {}, options, as_of_days);
        result.report.evidence.push_back({ev.path, ev.kind, ev.id, ev.digest});
        if (prepare) prepare(result);
      }
      std::lock_guard<std::mutex> lock(mutex);
      ready.emplace(index, std::move(result));
      drain();
      progress.notify_all();
    }
  };
  RunSlots(jobs, run);
  if (!failure.ok()) return failure;

  // The controls no counted document applied to: not_evaluated, as Evaluate reports them.
  std::vector<size_t> unseen;
  for (size_t index : selected) {
    const ControlInfo& c = info.controls[index];
    if (std::none_of(c.applies_to.begin(), c.applies_to.end(),
                     [&](const std::string& k) { return kinds_given.count(k) > 0; })) {
      unseen.push_back(index);
    }
  }
  Report report = BuildReport(info, {}, {}, unseen, options, as_of_days);
  AddCounts(report, totals);
  report.gate.passed = report.gate.blocking == 0;
  return report;
}

std::vector<ControlProfile> Engine::Profile() const {
  std::vector<ControlProfile> out;
  if (!impl_->options.profile || impl_->workers.empty() || !impl_->workers.front()) return out;
  const PackInfo& info = pack();
  out.resize(info.controls.size());
  for (size_t i = 0; i < info.controls.size(); ++i) out[i].control = info.controls[i].id;
  for (const std::unique_ptr<Worker>& worker : impl_->workers) {
    if (!worker) continue;
    for (size_t i = 0; i < worker->costs().size() && i < out.size(); ++i) {
      out[i].calls += worker->costs()[i].calls;
      out[i].nanoseconds += worker->costs()[i].nanoseconds;
    }
  }
  std::erase_if(out, [](const ControlProfile& p) { return p.calls == 0; });
  std::sort(out.begin(), out.end(), [](const ControlProfile& a, const ControlProfile& b) {
    return a.nanoseconds != b.nanoseconds ? a.nanoseconds > b.nanoseconds : a.control < b.control;
  });
  return out;
}

}  // namespace aimsgate
