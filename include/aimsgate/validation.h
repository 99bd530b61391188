// Schema validation of evidence: each document against its kind's JSON Schema (schemas/, draft-07,
// compiled into the program). Every violation is reported, not just the first.
#pragma once

#include <vector>

#include "aimsgate/evidence.h"
#include "aimsgate/status.h"

namespace aimsgate {

// Every way `evidence` breaks the schema of its kind, each located by JSON Pointer and the
// line:column of its tree's node (for an imported document, a position in the original file),
// sorted by position. Empty when the document is valid. A document whose kind has no schema
// gets one diagnostic saying so. Each schema is compiled once per process; thread-safe.
std::vector<Diagnostic> ValidateEvidence(const Evidence& evidence);

}  // namespace aimsgate
