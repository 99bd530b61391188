// The NDJSON stream of `eval --format ndjson`: one "document" line per document, in input order,
// as each completes, then one "summary" line with the run's totals and gate. Findings and tasks
// have the shape they have in the JSON report. Lines are compact JSON, each ending in '\n'.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "aimsgate/engine.h"

namespace aimsgate::report {

// One document's line, newline included, as a string (rendered in a worker thread).
// Precondition: result.evidence is set.
std::string NdjsonDocumentLine(const DocumentResult& result);

// The last line: tool, pack, as_of, how many documents counted, the summary over the run, the
// gate, and the not_evaluated findings (controls no document applied to).
void WriteNdjsonRunSummary(const Report& totals, uint64_t documents, std::ostream& out);

}  // namespace aimsgate::report
