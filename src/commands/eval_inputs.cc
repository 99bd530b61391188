#include "commands/eval_inputs.h"

#include <map>

#include "aimsgate/import.h"
#include "aimsgate/validation.h"
#include "cli/common.h"

namespace aimsgate::cli {

EvalInputs LoadEvalInputs(const std::vector<std::string>& paths, const EvidenceOptions& options,
                          const std::string& command, Io& io) {
  EvalInputs inputs;
  Result<std::vector<std::string>> files = ExpandEvidencePaths(paths);
  if (!files.ok()) {
    PrintStatus(files.status(), command, io.err);
    inputs.had_errors = true;
  }
  std::map<std::string, std::string> path_of_id;  // evidence ids must be unique in a run
  for (const std::string& file : files.ok() ? *files : std::vector<std::string>{}) {
    Result<std::vector<Evidence>> loaded = LoadEvidenceDocuments(file, options);
    if (!loaded.ok()) {
      PrintStatus(loaded.status(), command, io.err);
      inputs.had_errors = true;
      continue;
    }
    for (Evidence& ev : *loaded) {
      // A document that breaks its schema is reported as `aimsgate validate` reports it and is
      // not evaluated: a control must never read a misspelled or mistyped field as missing.
      if (std::vector<Diagnostic> invalid = ValidateEvidence(ev); !invalid.empty()) {
        for (const Diagnostic& d : invalid) io.err << d.ToString() << "\n";
        inputs.had_errors = true;
        continue;
      }
      auto [first, inserted] = path_of_id.emplace(ev.id, ev.path);
      if (!inserted) {
        const JsonTree& tree = ev.tree;
        NodeId id = tree.member(tree.root(), "id");
        NodeId at = id == kNoNode ? tree.root() : id;
        Diagnostic d{
            Diagnostic::Severity::kError,
            {ev.path, tree.line(at), tree.column(at), std::string(id == kNoNode ? "" : "/id")},
            "evidence id \"" + ev.id + "\" is also the id of " + first->second +
                ": findings and tasks could not tell them apart; give each document its own id"};
        io.err << d.ToString() << "\n";
        inputs.had_errors = true;
        continue;
      }
      inputs.documents.push_back(std::move(ev));
    }
  }
  return inputs;
}

}  // namespace aimsgate::cli
