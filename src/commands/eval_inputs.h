// The evidence of one `eval` run: expands the paths the user gave, loads every document
// (importing CycloneDX and Model Card Toolkit files), validates it against its kind's schema,
// and rejects duplicate ids. Every problem is printed at its location; the documents that load are
// returned so that the rest of the run is still evaluated. "-" reads NDJSON from standard input
// (one document per line), after every file.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "aimsgate/evidence.h"
#include "cli/cli.h"

namespace aimsgate::cli {

struct EvalInputs {
  std::vector<Evidence> documents;  // in input order
  bool had_errors = false;          // something was reported to io.err; the run exits 2
};

// Evidence ids must be unique in a run: findings and tasks name documents by id. Documents
// from stdin are remembered by a 64-bit hash of their id and their line (16 bytes each, so a
// stream of millions stays small); two different ids with one hash would be reported as a
// duplicate, which at 2^-64 per pair does not happen in practice.
class EvidenceIds {
 public:
  // True for a document whose id no earlier one has; else prints where both are and false.
  bool Admit(const Evidence& ev, std::ostream& err);

 private:
  std::map<std::string, std::string> files_;            // id -> path, for files
  std::unordered_map<uint64_t, uint32_t> stdin_lines_;  // hash of id -> line, for stdin
};

// Loads `paths` (files, directories, "-") for `command`, reporting problems to io.err.
EvalInputs LoadEvalInputs(const std::vector<std::string>& paths, const EvidenceOptions& options,
                          const std::string& command, Io& io);

}  // namespace aimsgate::cli
