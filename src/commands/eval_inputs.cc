#include "commands/eval_inputs.h"

#include <algorithm>

#include "aimsgate/import.h"
#include "aimsgate/validation.h"
#include "cli/common.h"
#include "commands/ndjson_reader.h"

namespace aimsgate::cli {

bool EvidenceIds::Admit(const Evidence& ev, std::ostream& err) {
  const JsonTree& tree = ev.tree;
  std::string first;  // where the id was seen before, if it was
  if (auto file = files_.find(ev.id); file != files_.end()) first = file->second;
  const uint64_t hash = std::hash<std::string>()(ev.id);
  if (auto line = stdin_lines_.find(hash); line != stdin_lines_.end()) {
    first = std::string(kStdinPath) + ":" + std::to_string(line->second);
  }
  if (first.empty()) {
    if (ev.path == kStdinPath) {
      stdin_lines_.emplace(hash, tree.line(tree.root()));
    } else {
      files_.emplace(ev.id, ev.path);
    }
    return true;
  }
  NodeId id = tree.member(tree.root(), "id");
  NodeId at = id == kNoNode ? tree.root() : id;
  Diagnostic d{Diagnostic::Severity::kError,
               {ev.path, tree.line(at), tree.column(at), std::string(id == kNoNode ? "" : "/id")},
               "evidence id \"" + ev.id + "\" is also the id of " + first +
                   ": findings and tasks could not tell them apart; give each document its own id"};
  err << d.ToString() << "\n";
  return false;
}

EvalInputs LoadEvalInputs(const std::vector<std::string>& paths, const EvidenceOptions& options,
                          const std::string& command, Io& io) {
  EvalInputs inputs;
  std::vector<std::string> file_paths = paths;
  const bool read_stdin = std::erase(file_paths, "-") > 0;
  Result<std::vector<std::string>> files =
      file_paths.empty() ? Result<std::vector<std::string>>(std::vector<std::string>{})
                         : ExpandEvidencePaths(file_paths);
  if (!files.ok()) {
    PrintStatus(files.status(), command, io.err);
    inputs.had_errors = true;
  }
  EvidenceIds ids;
  // A document that breaks its schema is reported as `aimsgate validate` reports it and is not
  // evaluated: a control must never read a misspelled or mistyped field as missing.
  auto admit = [&](Evidence ev) {
    if (std::vector<Diagnostic> invalid = ValidateEvidence(ev); !invalid.empty()) {
      for (const Diagnostic& d : invalid) io.err << d.ToString() << "\n";
      inputs.had_errors = true;
    } else if (!ids.Admit(ev, io.err)) {
      inputs.had_errors = true;
    } else {
      inputs.documents.push_back(std::move(ev));
    }
  };
  auto report = [&](const Status& status) {
    PrintStatus(status, command, io.err);
    inputs.had_errors = true;
  };
  // A file may hold several documents (a CycloneDX ML-BOM with several models). An imported
  // document's warnings (a metric value that is not a number) are printed, and the document is
  // still evaluated: they do not make the run exit 2.
  for (const std::string& file : files.ok() ? *files : std::vector<std::string>{}) {
    Result<std::vector<Evidence>> loaded = LoadEvidenceDocuments(file, options);
    if (!loaded.ok()) {
      report(loaded.status());
      continue;
    }
    for (Evidence& ev : *loaded) {
      for (const Diagnostic& w : ev.warnings) io.err << w.ToString() << "\n";
      admit(std::move(ev));
    }
  }
  if (read_stdin) {
    NdjsonReader reader(io.in);
    StreamInput input;
    while (reader.Next(&input)) {
      EvidenceOptions line_options = options;
      line_options.first_line = input.first_line;
      line_options.default_id = input.default_id;
      Result<Evidence> ev = ParseEvidence(input.text, input.path, line_options);
      if (ev.ok()) {
        admit(std::move(ev).value());
      } else {
        report(ev.status());
      }
    }
  }
  return inputs;
}

}  // namespace aimsgate::cli
