// Assembling the report from per-document findings: not_evaluated findings, remediation
// tasks, the summary and the gate. Pure data in, data out.
#pragma once

#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/report.h"

namespace aimsgate {

// `per_document[i]` holds the findings for `documents[i]`; `selected` are the indices of the
// controls evaluated. `as_of_days` is options.as_of as days since the epoch.
Report BuildReport(const PackInfo& pack, const std::vector<Evidence>& documents,
                   std::vector<std::vector<Finding>> per_document,
                   const std::vector<size_t>& selected, const EvalOptions& options,
                   int64_t as_of_days);

// "T-" and 12 hex digits: stable for the same pack, control, task key and subject.
std::string TaskId(const std::string& pack_id, const std::string& control, const std::string& key,
                   const std::string& subject);

}  // namespace aimsgate
