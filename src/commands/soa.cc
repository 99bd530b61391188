// aimsgate soa: evaluate the evidence, then write the Statement of Applicability: each Annex A
// control's applicability from the organisation's SoA and its implementation from the findings.
#include "aimsgate/soa.h"

#include <sstream>

#include "aimsgate/engine.h"
#include "aimsgate/waivers.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/output_file.h"
#include "commands/eval_inputs.h"
#include "report/soa_writers.h"

namespace aimsgate::cli {

int RunSoa(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "pack", po::value<std::vector<std::string>>()->composing(),
      "pack directory (default: the bundled ISO/IEC 42001 pack)")(
      "format,f", po::value<std::string>()->default_value("markdown"),
      "format: csv, markdown, json")("output,o", po::value<std::string>(),
                                     "write to this file (atomically) instead of stdout")(
      "as-of", po::value<std::string>(), "the evaluation date, YYYY-MM-DD (default: today, UTC)")(
      "waivers", po::value<std::string>(), "apply the waivers of this file before aggregating")(
      "jobs,j", po::value<unsigned>()->default_value(1), "worker threads")(
      "inputs", po::value<std::vector<std::string>>(), "evidence files or directories");
  po::positional_options_description positional;
  positional.add("inputs", -1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("soa", args, options, positional, &vm, io, &exit_code)) return exit_code;

  auto usage = [&](const std::string& message) {
    io.err << "aimsgate soa: error: " << message << "\nRun 'aimsgate soa --help' for usage.\n";
    return kExitInvalid;
  };
  if (!vm.count("inputs")) return usage("no evidence given: name the organization document");
  const std::string format = vm["format"].as<std::string>();
  if (format != "csv" && format != "markdown" && format != "json") {
    return usage("unknown --format '" + format + "' (csv, markdown, json)");
  }
  EvalOptions eval;
  if (std::string bad = ReadAsOf(vm, &eval.as_of); !bad.empty()) return usage(bad);
  if (vm.count("waivers")) {
    Result<std::vector<Waiver>> waivers = LoadWaiversFile(vm["waivers"].as<std::string>());
    if (!waivers.ok()) {
      PrintStatus(waivers.status(), "soa", io.err);
      return kExitInvalid;
    }
    eval.waivers = std::move(waivers).value();
  }
  EngineOptions engine_options;
  if (std::string bad = ReadJobs(vm, &engine_options.jobs); !bad.empty()) return usage(bad);

  Engine engine(engine_options);
  std::vector<std::string> pack_dirs;
  if (vm.count("pack")) pack_dirs = vm["pack"].as<std::vector<std::string>>();
  if (!LoadPackOrReport(engine, pack_dirs, "soa", io, &exit_code)) return exit_code;
  EvalInputs inputs =
      LoadEvalInputs(vm["inputs"].as<std::vector<std::string>>(), EvidenceOptions{}, "soa", io);
  if (inputs.had_errors) {
    io.err << "aimsgate soa: error: some evidence was invalid (see above); no statement written\n";
    return kExitInvalid;
  }
  Result<Report> report = engine.Evaluate(inputs.documents, eval);
  if (!report.ok()) {
    return FailWith(report.status(), "soa", io.err);
  }
  PrintWaiverWarnings(*report, io.err);
  Result<StatementOfApplicability> soa = BuildStatementOfApplicability(*report, inputs.documents);
  if (!soa.ok()) {
    PrintStatus(soa.status(), "soa", io.err);
    return kExitInvalid;
  }
  if (!soa->note.empty()) io.err << "aimsgate soa: warning: " << soa->note << "\n";

  std::ostringstream rendered;
  if (format == "csv") {
    report::WriteSoaCsv(*soa, rendered);
  } else if (format == "json") {
    report::WriteSoaJson(*soa, rendered);
  } else {
    report::WriteSoaMarkdown(*soa, rendered);
  }
  if (vm.count("output")) {
    if (Status s = WriteFileAtomically(vm["output"].as<std::string>(), rendered.str()); !s.ok()) {
      PrintStatus(s, "soa", io.err);
      return kExitInvalid;
    }
  } else {
    io.out << rendered.str();
  }
  return report->gate.passed ? kExitPass : kExitFail;
}

}  // namespace aimsgate::cli
