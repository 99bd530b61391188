// The evidence of one `eval` run: expands the paths the user gave, loads every document,
// validates it against its kind's schema, and rejects duplicate ids. Every problem is printed at
// its location; the documents that load are returned so that the rest of the run is still
// evaluated.
#pragma once

#include <string>
#include <vector>

#include "aimsgate/evidence.h"
#include "cli/cli.h"

namespace aimsgate::cli {

struct EvalInputs {
  std::vector<Evidence> documents;  // in input order
  bool had_errors = false;          // something was reported to io.err; the run exits 2
};

// Loads `paths` (files and directories) for `command`, reporting problems to io.err.
EvalInputs LoadEvalInputs(const std::vector<std::string>& paths, const EvidenceOptions& options,
                          const std::string& command, Io& io);

}  // namespace aimsgate::cli
