// Engine: loads one policy pack into sandboxed Lua states and evaluates evidence against it.
//
//   aimsgate::Engine engine(options);
//   Status s = engine.LoadPack(aimsgate::PackSource::Bundled());
//   Result<Report> r = engine.Evaluate(documents, eval_options);
//
// Thread-safety: an Engine is used from one thread at a time; Evaluate itself runs `jobs`
// workers, each with its own Lua state holding the pack compiled once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aimsgate/evidence.h"
#include "aimsgate/pack.h"
#include "aimsgate/report.h"
#include "aimsgate/status.h"
#include "aimsgate/waivers.h"

namespace aimsgate {

// The text of a pack's files, read once: pack.lua, the modules and lib/.
class PackSource {
 public:
  // The ISO/IEC 42001 pack embedded in the program at build time.
  static PackSource Bundled();
  // Every *.lua file below `dir` (except tests/). A missing directory or pack.lua is an error.
  static Result<PackSource> FromDirectory(const std::string& dir);
  // From memory: pack-relative path -> Lua source. For tests and fuzzing.
  static PackSource FromFiles(std::string label, std::map<std::string, std::string> files);

  const std::string& label() const { return label_; }
  // The directory the pack was read from; empty for the bundled and in-memory packs.
  // Diagnostics name files below it, so they can be opened from the working directory.
  const std::string& root() const { return root_; }
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::string label_;
  std::string root_;
  std::map<std::string, std::string> files_;
};

struct EngineOptions {
  uint64_t instruction_budget = 20'000'000;  // Lua VM instructions per check call
  uint64_t memory_limit = 64ull << 20;       // bytes per Lua state
  unsigned jobs = 1;                         // worker threads, each with its own state
  // --param overrides, applied when the pack loads: "name=value" sets the param everywhere it
  // is declared, "CONTROL.name=value" for one control. The value must parse as the declared type.
  std::vector<std::string> params = {};
  bool profile = false;  // time every check call (see Engine::Profile); reports do not change
};

struct EvalOptions {
  std::string as_of;                  // YYYY-MM-DD; the only clock packs can read
  Severity fail_on = Severity::kLow;  // block on findings at or above this severity
  bool require_evidence = false;      // not_evaluated blocks too
  std::vector<std::string> controls;  // evaluate only these ids; empty means all
  std::vector<Waiver> waivers;        // applied after evaluation, see waivers.h
  // Soft controls overridden: control id -> reason (non-empty). Their findings do not block and
  // carry the reason. Naming a control that is unknown or not soft is an invalid-input error.
  std::map<std::string, std::string> overrides;
  bool trace_reads = false;  // fill Finding::reads (for explain; costs time)
};

// One document of a stream, as text: the worker that takes it parses it, so parsing runs in
// parallel too.
struct StreamInput {
  std::string path;         // findings and diagnostics cite it, e.g. "<stdin>"
  std::string text;         // one JSON document
  uint32_t first_line = 1;  // the line `text` starts on in its source (an NDJSON line number)
  std::string default_id;   // the evidence id when the document has no "id" member
};

// What a stream hands back for one document, in input order.
struct DocumentResult {
  size_t index = 0;                          // 0-based: the context documents, then the stream
  std::shared_ptr<const Evidence> evidence;  // null when the input was not valid evidence
  Status status;                             // why not (located diagnostics), else ok
  Report report;  // this document's findings, tasks, summary and gate; no not_evaluated findings
  std::string rendered;  // what a DocumentPrepare made of it (e.g. its NDJSON line)
};

// Hands out the next document; false when there are no more. Called from one thread at a time.
using DocumentSource = std::function<bool(StreamInput* next)>;
// Receives each result in input order, from one thread at a time. Returns whether the document
// counts in the run (false for one the caller rejects, e.g. a duplicate id).
using DocumentSink = std::function<bool(DocumentResult& result)>;
// Optional: called for each evaluated document in the worker that evaluated it, in any order
// and concurrently, before the sink sees it. Rendering here keeps output off the ordered path.
using DocumentPrepare = std::function<void(DocumentResult& result)>;

// What one control's check cost over the calls of an Engine (EngineOptions::profile).
struct ControlProfile {
  std::string control;
  uint64_t calls = 0;
  uint64_t nanoseconds = 0;  // wall-clock time inside the check, summed over workers
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads and checks the pack. Every load error (syntax, unknown citation, bad control spec)
  // is collected with its file:line; any error leaves the engine without a pack.
  Status LoadPack(const PackSource& source);
  // Loads several packs as one (eval --pack a --pack b): their controls side by side; the same
  // control id in two packs is an error unless one extends the other (then it is loaded once).
  Status LoadPacks(const std::vector<PackSource>& sources);

  // Precondition: LoadPack succeeded.
  const PackInfo& pack() const;
  // What the last successful LoadPack noticed without failing (e.g. a module nothing loads).
  const std::vector<Diagnostic>& warnings() const;

  // One finding per (applicable control, document), then one not_evaluated finding per
  // control no given document applies to. Deterministic: the same inputs and as_of give the
  // same report, whatever `jobs` is.
  Result<Report> Evaluate(const std::vector<Evidence>& documents, const EvalOptions& options);

  // Streaming evaluation with flat memory: `context` documents first (they stay in memory for
  // the whole run: the documents later checks may look up), then every document `source`
  // gives, each parsed and evaluated by a worker and handed to `sink` in input order (a small
  // reorder buffer keeps at most a few documents per worker in flight). Returns the run's
  // totals: summary, gate and the not_evaluated findings; `evidence` is left empty. The gate
  // and the findings are those Evaluate gives for the same documents.
  Result<Report> EvaluateStream(const std::vector<Evidence>& context, const DocumentSource& source,
                                const DocumentSink& sink, const EvalOptions& options,
                                const EvidenceOptions& evidence_options = {},
                                const DocumentPrepare& prepare = {});

  // Per-control cost of every check call so far, slowest first (ties by control id). Empty
  // unless EngineOptions::profile is set.
  std::vector<ControlProfile> Profile() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The version of this build, e.g. "0.1.0".
const char* Version();

}  // namespace aimsgate
