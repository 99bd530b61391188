// Unknown members, reported one by one. valijson names only the first member that
// additionalProperties: false rejects in each object, and at the object; this pass walks the
// document with the schema and reports every such member at its own pointer and line, with the
// allowed name it most likely misspells.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "aimsgate/json_tree.h"
#include "aimsgate/status.h"

namespace aimsgate::validation {

// Appends to `out` one diagnostic per member of an object of `tree` that `schema_root` closes
// (additionalProperties false) and does not name in properties or patternProperties.
void FindUnknownMembers(const rapidjson::Value& schema_root, const JsonTree& tree,
                        const std::string& file, std::vector<Diagnostic>* out);

}  // namespace aimsgate::validation
