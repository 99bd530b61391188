// What several writers say about a finding the same way: where it points, how its status
// reads, which tasks it has. Plain string helpers over the Report; no format knowledge.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aimsgate/report.h"

namespace aimsgate::report {

// One place a finding points at: a file and, when known (line > 0), a line and column.
struct Place {
  std::string path;
  std::string pointer;
  uint32_t line = 0;
  uint32_t column = 0;
};

// Where the finding is best shown: its first violation, else its evidence. Empty path for a
// not_evaluated finding.
Place PrimaryPlace(const Finding& finding);

// Every place of the finding: one per violation, or its evidence when it has none.
std::vector<Place> AllPlaces(const Finding& finding);

// "fail", or for a waived finding "waived (was fail)".
std::string StatusPhrase(const Finding& finding);

// The finding's message prefixed for waived findings: "waived (was fail): <message>" and,
// when the waiver has one, "; justification: ...".
std::string MessageWithStatus(const Finding& finding);

// `items` joined with `separator`.
std::string Join(const std::vector<std::string>& items, const std::string& separator);

// The report's tasks by id.
std::map<std::string, const Task*> TasksById(const Report& report);

}  // namespace aimsgate::report
