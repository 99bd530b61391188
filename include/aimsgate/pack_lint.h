// Pack lint: every problem a pack author can fix, found without evaluating any evidence.
//
//   Result<PackLint> lint = LintPack(source, "mypack/tests");
//   for (const Diagnostic& d : lint->diagnostics) std::cout << d.ToString() << "\n";
//
// Reports, in one run, everything the loader reports (citations, duplicate ids, missing title,
// severity, remediation and owners, evidence kinds, checks) plus static passes over the Lua
// source and the test cases: params never read, regular expressions that do not compile, test
// cases that name unknown controls. engine/lint/README.md describes each pass and its limits.
#pragma once

#include <string>
#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/status.h"

namespace aimsgate {

struct PackLint {
  PackInfo pack;  // what was read of the manifest and the controls (also those with errors)
  std::vector<Diagnostic> diagnostics;  // sorted by file, then line
  size_t errors() const;
  size_t warnings() const;
};

// Lints `source`; `tests_dir` is its cases folder ("" or a missing folder: no case checks).
// Fails only on an internal error; every problem with the pack is a diagnostic.
Result<PackLint> LintPack(const PackSource& source, const std::string& tests_dir);

// Up to `max` control ids of `pack` close to the unknown `id`, closest first: "did you mean".
std::vector<std::string> SimilarControlIds(const PackInfo& pack, const std::string& id,
                                           size_t max = 3);

}  // namespace aimsgate
