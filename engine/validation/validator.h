// Validating one JsonTree against one compiled schema, every error collected and located.
#pragma once

#include <string>
#include <vector>

#include "aimsgate/json_tree.h"
#include "aimsgate/status.h"
#include "validation/compiled_schema.h"

namespace aimsgate::validation {

// Every way `tree` breaks `schema`, as diagnostics naming `file`, the JSON Pointer of the value
// and the line:column of its node in `tree` (positions are never re-read from text, so an
// imported tree keeps the positions of its original file). Sorted by position; empty when valid.
std::vector<Diagnostic> ValidateTree(const CompiledSchema& schema, const JsonTree& tree,
                                     const std::string& file);

}  // namespace aimsgate::validation
