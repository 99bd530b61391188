// What we check ourselves, in one walk of the document with the schema: unknown members, one
// by one (valijson names only the first member that additionalProperties: false rejects in each
// object, and at the object), each at its own pointer and line with the allowed name it most
// likely misspells; and string formats (formats.h), which valijson is not given.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "aimsgate/json_tree.h"
#include "aimsgate/status.h"

namespace aimsgate::validation {

// Appends to `out` one diagnostic per member of an object of `tree` that `schema_root` closes
// (additionalProperties false) and does not name in properties or patternProperties, and one
// per string that breaks the "format" its schema gives.
void FindMemberAndFormatErrors(const rapidjson::Value& schema_root, const JsonTree& tree,
                               const std::string& file, std::vector<Diagnostic>* out);

}  // namespace aimsgate::validation
