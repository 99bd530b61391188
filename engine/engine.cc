// Engine and PackSource: the public facade over workers, pack loading and report assembly.
#include "aimsgate/engine.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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

Result<Report> Engine::Evaluate(const std::vector<Evidence>& documents,
                                const EvalOptions& options) {
  if (impl_->workers.empty()) return Status::Internal("Evaluate before a successful LoadPack");
  std::optional<int64_t> as_of_days = ParseDate(options.as_of);
  if (!as_of_days) {
    return Status::InvalidInput("--as-of '" + options.as_of + "' is not a date (YYYY-MM-DD)");
  }
  const PackInfo& info = pack();
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

  const size_t jobs = std::max<size_t>(1, std::min<size_t>(impl_->options.jobs, documents.size()));
  while (impl_->workers.size() < jobs) {
    Result<std::unique_ptr<Worker>> w = Worker::Create(impl_->sources, impl_->options);
    if (!w.ok()) return w.status();
    impl_->workers.push_back(std::move(w).value());
  }

  for (const std::unique_ptr<Worker>& w : impl_->workers) w->set_trace_reads(options.trace_reads);
  std::vector<std::vector<Finding>> per_document(documents.size());
  std::atomic<size_t> next{0};
  auto run = [&](Worker* worker) {
    for (size_t i = next++; i < documents.size(); i = next++) {
      per_document[i] =
          worker->Evaluate(documents, documents[i], selected, options.as_of, *as_of_days);
    }
  };
  if (jobs == 1) {
    run(impl_->workers.front().get());
  } else {
    std::vector<std::thread> threads;
    for (size_t j = 0; j < jobs; ++j) threads.emplace_back(run, impl_->workers[j].get());
    for (std::thread& t : threads) t.join();
  }
  return BuildReport(info, documents, std::move(per_document), selected, options, *as_of_days);
}

}  // namespace aimsgate
