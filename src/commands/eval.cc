// aimsgate eval: load evidence, evaluate it against a pack, write the report, gate.
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "aimsgate/engine.h"
#include "aimsgate/waivers.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/output_file.h"
#include "commands/eval_inputs.h"
#include "commands/eval_outputs.h"
#include "commands/ndjson_reader.h"
#include "report/ndjson.h"
#include "report/tasks_writer.h"
#include "report/writers.h"

namespace aimsgate::cli {
namespace {

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// --profile: what each control's check cost over the run, slowest first. Timings vary from run
// to run, so they never go into the report.
void PrintProfile(const std::vector<ControlProfile>& profile, std::ostream& out) {
  uint64_t calls = 0, total = 0;
  for (const ControlProfile& p : profile) {
    calls += p.calls;
    total += p.nanoseconds;
  }
  out << "profile: " << profile.size() << " controls, " << calls << " check calls, " << std::fixed
      << std::setprecision(3) << static_cast<double>(total) / 1e6 << " ms in checks\n";
  out << std::setw(12) << "total ms" << std::setw(10) << "calls" << std::setw(12) << "us/call"
      << std::setw(8) << "share"
      << "  control\n";
  for (const ControlProfile& p : profile) {
    out << std::setw(12) << std::setprecision(3) << static_cast<double>(p.nanoseconds) / 1e6
        << std::setw(10) << p.calls << std::setw(12) << std::setprecision(1)
        << static_cast<double>(p.nanoseconds) / 1e3 / static_cast<double>(p.calls) << std::setw(7)
        << std::setprecision(1)
        << (total == 0 ? 0.0
                       : 100.0 * static_cast<double>(p.nanoseconds) / static_cast<double>(total))
        << "%  " << p.control << "\n";
  }
}

// Writes the profile where --profile-output says, else to stderr. False if the file failed.
bool ReportProfile(const Engine& engine, const po::variables_map& vm, Io& io) {
  if (!vm.count("profile") && !vm.count("profile-output")) return true;
  std::ostringstream text;
  PrintProfile(engine.Profile(), text);
  if (!vm.count("profile-output")) {
    io.err << text.str();
    return true;
  }
  if (Status s = WriteFileAtomically(vm["profile-output"].as<std::string>(), text.str()); !s.ok()) {
    PrintStatus(s, "eval", io.err);
    return false;
  }
  return true;
}

int NoEvidence(Io& io) {
  io.err << "aimsgate eval: error: no evidence could be loaded\n";
  return kExitInvalid;
}

// How every eval ends once its reports are written: the profile (--profile), then exit code 2
// when some evidence was invalid (the reports cover the rest), else the gate's verdict.
int FinishEval(const Engine& engine, const po::variables_map& vm, bool bad_input, bool passed,
               Io& io) {
  if (!ReportProfile(engine, vm, io)) return kExitInvalid;
  if (bad_input) {
    io.err << "aimsgate eval: error: some evidence was invalid (see above); the report covers the "
              "rest\n";
    return kExitInvalid;
  }
  return passed ? kExitPass : kExitFail;
}

// --format ndjson: files and directories are the run's context (loaded first, kept for the
// run); documents from "-" stream through, one line out per document as it completes.
int RunEvalStream(Engine& engine, const po::variables_map& vm, const EvalOptions& eval,
                  const EvidenceOptions& evidence_options, Io& io) {
  std::vector<std::string> paths = vm["inputs"].as<std::vector<std::string>>();
  const bool read_stdin = std::erase(paths, "-") > 0;
  EvalInputs context = LoadEvalInputs(paths, evidence_options, "eval", io);
  bool bad_input = context.had_errors;

  std::unique_ptr<AtomicOutputStream> file;
  if (vm.count("output")) {
    Result<std::unique_ptr<AtomicOutputStream>> opened =
        AtomicOutputStream::Open(vm["output"].as<std::string>());
    if (!opened.ok()) {
      PrintStatus(opened.status(), "eval", io.err);
      return kExitInvalid;
    }
    file = std::move(opened).value();
  }
  std::ostream& out = file ? file->stream() : io.out;

  EvidenceIds ids;
  for (const Evidence& ev : context.documents) ids.Admit(ev, io.err);  // unique already
  NdjsonReader reader(io.in);
  DocumentSource source;
  if (read_stdin) source = [&](StreamInput* next) { return reader.Next(next); };
  uint64_t counted = 0;
  DocumentSink sink = [&](DocumentResult& result) {
    if (!result.evidence) {
      PrintStatus(result.status, "eval", io.err);
      bad_input = true;
      return false;
    }
    if (result.index >= context.documents.size() && !ids.Admit(*result.evidence, io.err)) {
      bad_input = true;
      return false;
    }
    out << result.rendered;  // the line, rendered in parallel by `prepare`
    out.flush();
    ++counted;
    return true;
  };
  DocumentPrepare prepare = [](DocumentResult& result) {
    result.rendered = report::NdjsonDocumentLine(result);
  };
  Result<Report> totals =
      engine.EvaluateStream(context.documents, source, sink, eval, evidence_options, prepare);
  if (!totals.ok()) {
    return FailWith(totals.status(), "eval", io.err);
  }
  if (counted == 0) {
    return NoEvidence(io);
  }
  report::WriteNdjsonRunSummary(*totals, counted, out);
  if (file) {
    if (Status s = file->Commit(); !s.ok()) {
      PrintStatus(s, "eval", io.err);
      return kExitInvalid;
    }
  }
  return FinishEval(engine, vm, bad_input, totals->gate.passed, io);
}

}  // namespace

int RunEval(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "pack", po::value<std::vector<std::string>>()->composing(),
      "pack directory, repeatable: several are merged (default: the bundled ISO/IEC 42001 pack)")(
      "param", po::value<std::vector<std::string>>()->composing(),
      "override a pack param for this run, repeatable: NAME=VALUE or CONTROL.NAME=VALUE")(
      "format,f", po::value<std::string>()->default_value("text"),
      ("report format: " + report::FormatNames() +
       ", ndjson (one line per document, streamed; eval only)")
          .c_str())("output,o", po::value<std::string>(),
                    "write the report to this file (atomically) instead of stdout")(
      "report", po::value<std::vector<std::string>>()->composing(),
      "also write a report as FORMAT=PATH (atomically; PATH '-' is stdout); repeatable")(
      "fail-on", po::value<std::string>()->default_value("low"),
      "block on findings at or above: critical, high, medium, low")(
      "require-evidence", "controls with no evidence given (not_evaluated) block too")(
      "as-of", po::value<std::string>(), "the evaluation date, YYYY-MM-DD (default: today, UTC)")(
      "controls", po::value<std::string>(), "evaluate only these control ids, comma-separated")(
      "waivers", po::value<std::string>(),
      "apply the waivers of this file (schemas/waivers.schema.json)")(
      "override", po::value<std::vector<std::string>>()->composing(),
      "CONTROL=REASON: a soft control's findings do not block; the reason is recorded "
      "(repeatable)")("tasks-out", po::value<std::string>(),
                      "also write the remediation tasks to this file")(
      "tasks-format", po::value<std::string>(),
      "format of --tasks-out: csv, json (default: from its extension)")(
      "jobs,j", po::value<unsigned>(), "worker threads (default: the machine's cores)")(
      "color", po::value<std::string>()->default_value("auto"),
      "colour the text report: auto, always, never")(
      "instruction-budget",
      po::value<uint64_t>()->default_value(EngineOptions{}.instruction_budget),
      "Lua instructions allowed per check")(
      "memory-limit-mb", po::value<uint64_t>()->default_value(EngineOptions{}.memory_limit >> 20),
      "memory allowed per Lua state, MiB")(
      "max-evidence-bytes", po::value<uint64_t>()->default_value(ParseLimits{}.max_bytes),
      "largest evidence file accepted")(
      "profile", "print each control's check time and call count to stderr, slowest first")(
      "profile-output", po::value<std::string>(), "write the --profile table to this file")(
      "inputs", po::value<std::vector<std::string>>(),
      "evidence files or directories; - reads NDJSON from stdin");
  po::positional_options_description positional;
  positional.add("inputs", -1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("eval", args, options, positional, &vm, io, &exit_code)) return exit_code;

  auto usage = [&](const std::string& message) {
    io.err << "aimsgate eval: error: " << message << "\nRun 'aimsgate eval --help' for usage.\n";
    return kExitInvalid;
  };
  if (!vm.count("inputs")) return usage("no evidence given: name files or directories");
  // --format ndjson streams one line per document; it is the only output of such a run.
  const bool streaming = vm["format"].as<std::string>() == "ndjson";
  if (streaming && (vm.count("report") || vm.count("tasks-out") || vm.count("waivers"))) {
    return usage(
        "--format ndjson streams one line per document: it cannot be combined with "
        "--report, --tasks-out or --waivers");
  }
  std::vector<ReportTarget> targets;
  if (!streaming) {
    std::string error;
    if (!PlanReportTargets(vm["format"].as<std::string>(),
                           vm.count("output") ? vm["output"].as<std::string>() : "-",
                           vm.count("report") ? vm["report"].as<std::vector<std::string>>()
                                              : std::vector<std::string>{},
                           &targets, &error)) {
      return usage(error);
    }
  }
  EvalOptions eval;
  if (!ParseSeverity(vm["fail-on"].as<std::string>(), &eval.fail_on)) {
    return usage("--fail-on must be critical, high, medium or low");
  }
  eval.require_evidence = vm.count("require-evidence") > 0;
  if (std::string bad = ReadAsOf(vm, &eval.as_of); !bad.empty()) return usage(bad);
  if (vm.count("controls")) eval.controls = SplitList(vm["controls"].as<std::string>());
  if (vm.count("override")) {
    for (const std::string& item : vm["override"].as<std::vector<std::string>>()) {
      const size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0 ||
          item.find_first_not_of(" \t", eq + 1) == std::string::npos) {
        return usage("--override '" + item + "': expected CONTROL=REASON with a reason");
      }
      if (!eval.overrides.emplace(item.substr(0, eq), item.substr(eq + 1)).second) {
        return usage("--override: " + item.substr(0, eq) + " is overridden twice");
      }
    }
  }
  std::string tasks_format;
  if (vm.count("tasks-out")) {
    Result<std::string> f = report::TasksFormatFor(
        vm["tasks-out"].as<std::string>(),
        vm.count("tasks-format") ? vm["tasks-format"].as<std::string>() : "");
    if (!f.ok()) return usage(f.status().message());
    tasks_format = *f;
  } else if (vm.count("tasks-format")) {
    return usage("--tasks-format needs --tasks-out");
  }
  if (vm.count("waivers")) {
    Result<std::vector<Waiver>> waivers = LoadWaiversFile(vm["waivers"].as<std::string>());
    if (!waivers.ok()) {
      PrintStatus(waivers.status(), "eval", io.err);
      return kExitInvalid;
    }
    eval.waivers = std::move(waivers).value();
  }
  const std::string color = vm["color"].as<std::string>();
  if (color != "auto" && color != "always" && color != "never") {
    return usage("--color must be auto, always or never");
  }

  EngineOptions engine_options;
  if (std::string bad = ReadJobs(vm, &engine_options.jobs); !bad.empty()) return usage(bad);
  if (vm.count("param")) engine_options.params = vm["param"].as<std::vector<std::string>>();
  engine_options.instruction_budget = vm["instruction-budget"].as<uint64_t>();
  engine_options.memory_limit = vm["memory-limit-mb"].as<uint64_t>() << 20;
  engine_options.profile = vm.count("profile") > 0 || vm.count("profile-output") > 0;
  EvidenceOptions evidence_options;
  evidence_options.limits.max_bytes = vm["max-evidence-bytes"].as<uint64_t>();

  // The pack first: a pack that does not load makes every finding meaningless.
  Engine engine(engine_options);
  std::vector<std::string> pack_dirs;
  if (vm.count("pack")) pack_dirs = vm["pack"].as<std::vector<std::string>>();
  if (!LoadPackOrReport(engine, pack_dirs, "eval", io, &exit_code)) return exit_code;
  if (streaming) return RunEvalStream(engine, vm, eval, evidence_options, io);

  // Evidence: every problem is reported; the documents that load are still evaluated.
  EvalInputs inputs =
      LoadEvalInputs(vm["inputs"].as<std::vector<std::string>>(), evidence_options, "eval", io);
  const bool bad_input = inputs.had_errors;
  const std::vector<Evidence>& documents = inputs.documents;
  if (documents.empty()) {
    return NoEvidence(io);
  }

  Result<Report> report = engine.Evaluate(documents, eval);
  if (!report.ok()) {
    return FailWith(report.status(), "eval", io.err);
  }

  PrintWaiverWarnings(*report, io.err);

  if (!WriteReportTargets(targets, *report, engine.pack(),
                          {color, std::getenv("NO_COLOR") != nullptr}, io)) {
    return kExitInvalid;
  }
  if (!tasks_format.empty()) {
    std::ostringstream tasks;
    report::WriteTasks(*report, tasks_format, tasks);
    if (Status s = WriteFileAtomically(vm["tasks-out"].as<std::string>(), tasks.str()); !s.ok()) {
      PrintStatus(s, "eval", io.err);
      return kExitInvalid;
    }
  }
  return FinishEval(engine, vm, bad_input, report->gate.passed, io);
}

}  // namespace aimsgate::cli
