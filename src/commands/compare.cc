// aimsgate compare: rank vendor questionnaires side by side for a procurement decision.
#include <sstream>

#include "aimsgate/engine.h"
#include "aimsgate/procurement.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/output_file.h"
#include "commands/eval_inputs.h"
#include "report/comparison_writers.h"

namespace aimsgate::cli {

int RunCompare(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "pack", po::value<std::vector<std::string>>()->composing(),
      "pack directory (default: the bundled ISO/IEC 42001 pack)")(
      "format,f", po::value<std::string>()->default_value("text"), "text, markdown, html or json")(
      "output,o", po::value<std::string>(), "write the comparison to this file (atomically)")(
      "fail-on", po::value<std::string>()->default_value("low"),
      "issues at or above this severity count as blocking")(
      "as-of", po::value<std::string>(), "the evaluation date, YYYY-MM-DD (default: today, UTC)")(
      "jobs,j", po::value<unsigned>(), "worker threads (default: the machine's cores)")(
      "inputs", po::value<std::vector<std::string>>(),
      "vendor questionnaires, files or directories");
  po::positional_options_description positional;
  positional.add("inputs", -1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("compare", args, options, positional, &vm, io, &exit_code)) return exit_code;

  auto usage = [&](const std::string& message) {
    io.err << "aimsgate compare: error: " << message
           << "\nRun 'aimsgate compare --help' for usage.\n";
    return kExitInvalid;
  };
  if (!vm.count("inputs")) return usage("no vendor questionnaires given");
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "markdown" && format != "html" && format != "json") {
    return usage("unknown --format '" + format + "' (text, markdown, html, json)");
  }
  EvalOptions eval;
  if (!ParseSeverity(vm["fail-on"].as<std::string>(), &eval.fail_on)) {
    return usage("--fail-on must be critical, high, medium or low");
  }
  if (std::string bad = ReadAsOf(vm, &eval.as_of); !bad.empty()) return usage(bad);

  EngineOptions engine_options;
  if (std::string bad = ReadJobs(vm, &engine_options.jobs); !bad.empty()) return usage(bad);
  Engine engine(engine_options);
  std::vector<std::string> pack_dirs;
  if (vm.count("pack")) pack_dirs = vm["pack"].as<std::vector<std::string>>();
  if (!LoadPackOrReport(engine, pack_dirs, "compare", io, &exit_code)) return exit_code;

  EvalInputs inputs =
      LoadEvalInputs(vm["inputs"].as<std::vector<std::string>>(), EvidenceOptions{}, "compare", io);
  bool bad_input = inputs.had_errors;
  // Only questionnaires are ranked: anything else given is a mistake, not silently dropped.
  std::vector<Evidence> vendors;
  for (Evidence& doc : inputs.documents) {
    if (doc.kind == "vendor_questionnaire") {
      vendors.push_back(std::move(doc));
      continue;
    }
    const JsonTree& tree = doc.tree;
    NodeId kind = tree.member(tree.root(), "kind");
    NodeId at = kind == kNoNode ? tree.root() : kind;
    io.err << Diagnostic{Diagnostic::Severity::kError,
                         {doc.path, tree.line(at), tree.column(at), "/kind"},
                         "compare ranks vendor questionnaires; this is a " + doc.kind +
                             " (evaluate it with 'aimsgate eval')"}
                  .ToString()
           << "\n";
    bad_input = true;
  }
  if (vendors.empty()) {
    io.err << "aimsgate compare: error: no vendor questionnaire could be loaded\n";
    return kExitInvalid;
  }

  Result<Report> report = engine.Evaluate(vendors, eval);
  if (!report.ok()) {
    return FailWith(report.status(), "compare", io.err);
  }
  VendorComparison comparison = CompareVendors(*report, vendors, engine.pack());
  report::ComparisonContext ctx{report->pack_id, report->pack_version, report->as_of,
                                std::string(ToString(eval.fail_on))};
  std::ostringstream rendered;
  if (format == "markdown") {
    report::WriteComparisonMarkdown(comparison, ctx, rendered);
  } else if (format == "html") {
    report::WriteComparisonHtml(comparison, ctx, rendered);
  } else if (format == "json") {
    report::WriteComparisonJson(comparison, ctx, rendered);
  } else {
    report::WriteComparisonText(comparison, ctx, rendered);
  }
  if (vm.count("output")) {
    if (Status s = WriteFileAtomically(vm["output"].as<std::string>(), rendered.str()); !s.ok()) {
      PrintStatus(s, "compare", io.err);
      return kExitInvalid;
    }
  } else {
    io.out << rendered.str();
  }
  if (bad_input) {
    io.err << "aimsgate compare: error: some inputs were invalid (see above); the comparison "
              "covers the rest\n";
    return kExitInvalid;
  }
  return kExitPass;
}

}  // namespace aimsgate::cli
