// A JSON Schema (draft-07) compiled for valijson, kept with its JSON so that errors can be
// explained from the schema (see schema_walk.h). Immutable once compiled: any number of threads
// may validate against one at once. Not copyable (valijson's schema holds pointers into itself).
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <string_view>
#include <valijson/schema.hpp>

#include "aimsgate/status.h"

namespace aimsgate::validation {

struct CompiledSchema {
  rapidjson::Document json;  // the schema as given, `format` keywords guarded (see below)
  valijson::Schema schema;   // compiled from a copy of `json` without any `format`
};

// Compiles `text`. Every `"format": F` is rewritten to apply only to strings
// (`allOf: [{if: {type: string}, then: {format: F}}]`), as draft-07 specifies, and valijson is
// given a copy without formats: valijson 1.0 would read a non-string value as a string and
// abort, and it compiles a std::regex per value it checks. Formats are checked by our own walk
// (unknown_members.h, formats.h) on `json`. Text that is not a JSON object is an error.
// Precondition: a schema valijson can parse (valijson aborts otherwise; the embedded schemas are
// tested to parse).
Result<std::unique_ptr<CompiledSchema>> CompileSchema(std::string_view text);

// The embedded schema of evidence `kind`, compiled on its first use (each kind on its own, so
// a run of model cards never compiles the others); nullptr for an unknown kind. Thread-safe.
const CompiledSchema* EvidenceSchema(std::string_view kind);

}  // namespace aimsgate::validation
