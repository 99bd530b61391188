// aimsgate import cyclonedx|mct FILE [-o PATH]: convert a foreign file into native model_card
// documents. One model: one JSON document, on stdout or in PATH. Several models (a BOM with
// more than one): -o DIR, one file per model named after its id. Conversion errors are reported
// before anything is written; warnings (a metric value left out) are printed and do not stop it.
#include "aimsgate/import.h"

#include <filesystem>
#include <set>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/output_file.h"

namespace aimsgate::cli {
namespace {

namespace fs = std::filesystem;

// A file name for document `id`: letters, digits, '.', '-' and '_' kept, anything else '_'.
std::string FileNameFor(const std::string& id) {
  std::string name;
  for (char c : id) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    name += keep ? c : '_';
  }
  if (name.empty() || name[0] == '.') name.insert(0, "model");
  return name + ".json";
}

}  // namespace

int RunImport(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(),
      "write the document to this file, or one file per model to this existing directory")(
      "max-evidence-bytes", po::value<uint64_t>()->default_value(ParseLimits{}.max_bytes),
      "largest input file accepted")("format", po::value<std::string>(),
                                     "the input format: cyclonedx or mct")(
      "input", po::value<std::string>(), "the file to convert");
  po::positional_options_description positional;
  positional.add("format", 1).add("input", 1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("import", args, options, positional, &vm, io, &exit_code)) return exit_code;
  auto usage = [&](const std::string& message) {
    io.err << "aimsgate import: error: " << message
           << "\nRun 'aimsgate import --help' for usage.\n";
    return kExitInvalid;
  };
  if (!vm.count("format") || !vm.count("input")) {
    return usage("usage: aimsgate import cyclonedx|mct FILE [-o PATH]");
  }
  const std::string format_name = vm["format"].as<std::string>();
  EvidenceFormat wanted;
  if (format_name == "cyclonedx") {
    wanted = EvidenceFormat::kCycloneDx;
  } else if (format_name == "mct") {
    wanted = EvidenceFormat::kModelCardToolkit;
  } else {
    return usage("unknown format '" + format_name + "' (cyclonedx, mct)");
  }
  const std::string path = vm["input"].as<std::string>();
  EvidenceOptions evidence_options;
  evidence_options.limits.max_bytes = vm["max-evidence-bytes"].as<uint64_t>();

  Result<std::string> text = ReadEvidenceFile(path, evidence_options);
  if (!text.ok()) {
    PrintStatus(text.status(), "import", io.err);
    return kExitInvalid;
  }
  Result<JsonTree> tree = JsonTree::Parse(*text, path, evidence_options.limits);
  if (!tree.ok()) {
    PrintStatus(tree.status(), "import", io.err);
    return kExitInvalid;
  }
  Result<EvidenceFormat> found = DetectEvidenceFormat(*tree, path);
  if (!found.ok()) {
    PrintStatus(found.status(), "import", io.err);
    return kExitInvalid;
  }
  if (*found != wanted) {
    io.err << "aimsgate import: error: " << path << " is "
           << (*found == EvidenceFormat::kNative
                   ? std::string("native evidence (it has a root "
                                 "\"kind\"), nothing to import")
                   : "a " + std::string(EvidenceFormatName(*found)) +
                         " file: use 'aimsgate import " +
                         (*found == EvidenceFormat::kCycloneDx ? "cyclonedx" : "mct") + "'")
           << "\n";
    return kExitInvalid;
  }
  const std::string digest = "";  // not written: the native documents carry no digest
  Result<std::vector<Evidence>> documents = wanted == EvidenceFormat::kCycloneDx
                                                ? ImportCycloneDx(*tree, path, digest)
                                                : ImportModelCardToolkit(*tree, path, digest);
  if (!documents.ok()) {
    PrintStatus(documents.status(), "import", io.err);
    return documents.status().code() == Status::Code::kInternal ? kExitInternal : kExitInvalid;
  }
  // Gaps the documents are imported with (a metric value that is not a number): printed, and
  // the documents are still written.
  for (const Evidence& ev : *documents) {
    for (const Diagnostic& w : ev.warnings) io.err << w.ToString() << "\n";
  }

  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::error_code ec;
  const bool to_directory = !output.empty() && fs::is_directory(output, ec);
  if (documents->size() > 1 && !to_directory) {
    std::string ids;
    for (const Evidence& ev : *documents) ids += (ids.empty() ? "" : ", ") + ev.id;
    io.err << "aimsgate import: error: " << path << " holds " << documents->size() << " models ("
           << ids << "): give -o DIR, an existing directory, to write one document per model\n";
    return kExitInvalid;
  }
  if (output.empty()) {
    io.out << ToJsonText(documents->front().tree, documents->front().tree.root());
    return kExitPass;
  }
  // Every target is known before the first is written: two ids must not share a file.
  std::vector<std::string> targets;
  std::set<std::string> seen;
  for (const Evidence& ev : *documents) {
    std::string target = to_directory ? (fs::path(output) / FileNameFor(ev.id)).string() : output;
    if (!seen.insert(target).second) {
      io.err << "aimsgate import: error: two models would both be written to " << target
             << " (ids differ only in characters a file name cannot hold)\n";
      return kExitInvalid;
    }
    targets.push_back(std::move(target));
  }
  for (size_t i = 0; i < documents->size(); ++i) {
    const Evidence& ev = (*documents)[i];
    if (Status s = WriteFileAtomically(targets[i], ToJsonText(ev.tree, ev.tree.root())); !s.ok()) {
      PrintStatus(s, "import", io.err);
      return kExitInvalid;
    }
    io.out << "wrote " << targets[i] << " (model_card " << ev.id << ")\n";
  }
  return kExitPass;
}

}  // namespace aimsgate::cli
