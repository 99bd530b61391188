// Pack tests: a pack's own cases, each some evidence plus the status expected of some controls.
//
// A case is a JSON file under the pack's tests/ folder:
//   {
//     "description": "A metric below its threshold fails A.6.2.4",
//     "as_of": "2026-11-24",
//     "documents": [
//       { "file": "fixtures/model_card.json",            // relative to the case file
//         "patch": [ { "op": "replace", "path": "/x", "value": 1 } ] },   // RFC 6902
//         add/remove/replace
//       { "inline": { "kind": "organization", ... } }
//     ],
//     "expect": {
//       "A.6.2.4": "fail",
//       "6.1.2@acme-bank-aims": { "status": "fail", "pointer": "/risk_management/risk_register/2",
//                                 "message": "substring of the finding's message" },
//       "A.6.2.5": { "status": "fail", "message_matches": "approved by \\S+ before" }   // RE2
//     }
//   }
// An expectation keyed "ID" matches the control's only finding; "ID@doc-id" picks one document.
// Files under tests/fixtures/ are evidence for cases, not cases.
#pragma once

#include <array>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/status.h"

namespace aimsgate {

// One expectation that did not hold: what the case asked for and what the pack gave.
struct PackTestMismatch {
  uint32_t line = 0;     // of the expectation in the case file
  std::string key;       // "A.6.2.5" or "A.6.2.5@doc-id"
  std::string expected;  // e.g. `fail at /approvals/0, message containing "submitter"`
  std::string actual;    // e.g. `pass at /: approved by ...`, then one line per violation
};

struct PackTestCase {
  std::string path;  // the case file
  std::string description;
  bool passed = false;
  std::vector<std::string> problems;         // the case itself is broken (unreadable, bad patch)
  std::vector<PackTestMismatch> mismatches;  // expectations that did not hold
  // What the case exercised: (control id, status) of every expectation that held.
  std::vector<std::pair<std::string, FindingStatus>> exercised;
};

struct PackTestResult {
  std::vector<PackTestCase> cases;
  size_t passed() const;
  size_t failed() const;
};

// Control id -> evidence kind -> the JSON Pointers its check read in documents of that kind,
// over every case ("*" for array positions).
using PackReads = std::map<std::string, std::map<std::string, std::set<std::string>>>;

// Runs every case below `tests_dir` (recursively, *.json, sorted, except fixtures/) against the
// pack loaded in `engine`. A case that cannot be read or set up fails with the reason; a
// missing or empty tests_dir is an invalid-input Status. With `reads`, also traces what each
// control's check reads (EvalOptions::trace_reads) into it.
Result<PackTestResult> RunPackTests(Engine& engine, const std::string& tests_dir,
                                    PackReads* reads = nullptr);

// Which statuses of which controls the passing cases assert (a failing case proves nothing).
struct ControlCoverage {
  std::string id;
  std::array<uint32_t, kFindingStatusCount> cases{};  // passing cases per status
  bool covered() const;                               // some case asserts some status of it
  bool both_ways() const;                             // a pass, and a fail or insufficient_evidence
};

struct PackCoverage {
  std::vector<ControlCoverage> controls;  // every control of the pack, in pack order
  size_t covered() const;
  size_t both_ways() const;
  double covered_percent() const;    // controls covered
  double both_ways_percent() const;  // control x {pass, fail/insufficient} slots covered
};

PackCoverage ComputeCoverage(const PackInfo& pack, const PackTestResult& result);

}  // namespace aimsgate
