// Report writers: one file per format. Each renders a Report and knows nothing of Lua or of
// how the report was made. Output is deterministic: the same report gives the same bytes.
#pragma once

#include <ostream>

#include "aimsgate/report.h"

namespace aimsgate::report {

struct TextOptions {
  bool color = false;  // ANSI colour; only on a terminal
};

// For people: grouped by status, blocking findings first, summary and gate last.
void WriteText(const Report& report, const TextOptions& options, std::ostream& out);

// The contract: schemas/report.schema.json.
void WriteJson(const Report& report, std::ostream& out);

// For an auditor: one self-contained page (inline CSS, script and SVG; no network requests)
// with the gate, a summary, a clause-by-status heat map, filterable findings and the tasks.
void WriteHtml(const Report& report, std::ostream& out);

}  // namespace aimsgate::report
