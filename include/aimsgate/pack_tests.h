// Pack tests: a pack's own cases, each some evidence plus the status expected of some controls.
//
// A case is a JSON file under the pack's tests/ folder:
//   {
//     "description": "A metric below its threshold fails A.6.2.4",
//     "as_of": "2026-11-24",
//     "documents": [
//       { "file": "fixtures/model_card.json",            // relative to the case file
//         "patch": [ { "op": "replace", "path": "/x", "value": 1 } ] },   // RFC 6902 add/remove/replace
//       { "inline": { "kind": "organization", ... } }
//     ],
//     "expect": {
//       "A.6.2.4": "fail",
//       "6.1.2@acme-bank-aims": { "status": "fail", "pointer": "/risk_management/risk_register/2",
//                                 "message": "substring of the finding's message" }
//     }
//   }
// An expectation keyed "ID" matches the control's only finding; "ID@doc-id" picks one document.
// Files under tests/fixtures/ are evidence for cases, not cases.
#pragma once

#include <string>
#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/status.h"

namespace aimsgate {

struct PackTestCase {
  std::string path;  // the case file
  std::string description;
  bool passed = false;
  std::vector<std::string> problems;  // for a failed case: what was expected and what came
  // What the case exercised: (control id, status) of every expectation it checked.
  std::vector<std::pair<std::string, FindingStatus>> exercised;
};

struct PackTestResult {
  std::vector<PackTestCase> cases;
  size_t passed() const;
  size_t failed() const;
};

// Runs every case below `tests_dir` (recursively, *.json, sorted, except fixtures/) against the
// pack loaded in `engine`. A case that cannot be read or set up fails with the reason; a
// missing or empty tests_dir is an invalid-input Status.
Result<PackTestResult> RunPackTests(Engine& engine, const std::string& tests_dir);

}  // namespace aimsgate
