#include "commands/eval_inputs.h"

#include <algorithm>

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
  auto admit = [&](Result<Evidence> ev) {
    if (!ev.ok()) {
      PrintStatus(ev.status(), command, io.err);
      inputs.had_errors = true;
    } else if (!ids.Admit(*ev, io.err)) {
      inputs.had_errors = true;
    } else {
      inputs.documents.push_back(std::move(ev).value());
    }
  };
  for (const std::string& file : files.ok() ? *files : std::vector<std::string>{}) {
    admit(LoadEvidenceFile(file, options));
  }
  if (read_stdin) {
    NdjsonReader reader(io.in);
    StreamInput input;
    while (reader.Next(&input)) {
      EvidenceOptions line_options = options;
      line_options.first_line = input.first_line;
      line_options.default_id = input.default_id;
      admit(ParseEvidence(input.text, input.path, line_options));
    }
  }
  return inputs;
}

}  // namespace aimsgate::cli
