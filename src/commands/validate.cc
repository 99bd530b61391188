// aimsgate validate: check evidence against its kind's schema, and report every violation.
#include <sstream>

#include "aimsgate/evidence.h"
#include "aimsgate/validation.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/output_file.h"
#include "report/validation_writers.h"

namespace aimsgate::cli {
namespace {

// The problems of a Status as diagnostics; a Status without any becomes one naming `path`.
std::vector<Diagnostic> DiagnosticsOf(const Status& status, const std::string& path) {
  if (!status.diagnostics().empty()) return status.diagnostics();
  Diagnostic d;
  d.location.file = path;
  d.message = status.message();
  return {d};
}

// Expands and checks one path the user gave; each argument on its own, so that a missing path
// does not keep the others from being checked.
void ValidatePath(const std::string& path, const EvidenceOptions& options,
                  std::vector<report::DocumentValidation>* out) {
  Result<std::vector<std::string>> files = ExpandEvidencePaths({path});
  if (!files.ok()) {
    out->push_back({path, std::nullopt, std::nullopt, DiagnosticsOf(files.status(), path)});
    return;
  }
  for (const std::string& file : *files) {
    Result<Evidence> ev = LoadEvidenceFile(file, options);
    if (!ev.ok()) {
      out->push_back({file, std::nullopt, std::nullopt, DiagnosticsOf(ev.status(), file)});
      continue;
    }
    out->push_back({file, ev->kind, ev->id, ValidateEvidence(*ev)});
  }
}

}  // namespace

int RunValidate(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "format,f", po::value<std::string>()->default_value("text"), "output format: text, json")(
      "output,o", po::value<std::string>(),
      "write the results to this file (atomically) instead of stdout")(
      "max-evidence-bytes", po::value<uint64_t>()->default_value(ParseLimits{}.max_bytes),
      "largest evidence file accepted")("inputs", po::value<std::vector<std::string>>(),
                                        "evidence files or directories");
  po::positional_options_description positional;
  positional.add("inputs", -1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("validate", args, options, positional, &vm, io, &exit_code)) return exit_code;

  auto usage = [&](const std::string& message) {
    io.err << "aimsgate validate: error: " << message
           << "\nRun 'aimsgate validate --help' for usage.\n";
    return kExitInvalid;
  };
  if (!vm.count("inputs")) return usage("no evidence given: name files or directories");
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") {
    return usage("unknown --format '" + format + "' (text, json)");
  }
  EvidenceOptions evidence_options;
  evidence_options.limits.max_bytes = vm["max-evidence-bytes"].as<uint64_t>();

  std::vector<report::DocumentValidation> documents;
  for (const std::string& path : vm["inputs"].as<std::vector<std::string>>()) {
    ValidatePath(path, evidence_options, &documents);
  }
  std::ostringstream rendered;
  if (format == "json") {
    report::WriteValidationJson(documents, rendered);
  } else {
    report::WriteValidationText(documents, rendered);
  }
  if (vm.count("output")) {
    if (Status s = WriteFileAtomically(vm["output"].as<std::string>(), rendered.str()); !s.ok()) {
      PrintStatus(s, "validate", io.err);
      return kExitInvalid;
    }
  } else {
    io.out << rendered.str();
  }
  for (const report::DocumentValidation& d : documents) {
    if (!d.errors.empty()) return kExitInvalid;
  }
  return kExitPass;
}

}  // namespace aimsgate::cli
