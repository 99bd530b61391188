// The words of schema errors: what a value is ("a string \"0.8\"") and what the schema expected
// ("a number"), and valijson's error descriptions turned into those words.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "aimsgate/json_tree.h"

namespace aimsgate::validation {

// The value at `node`, as a user would name it: `a string "0.8"`, `a number 3`, `true`, `null`,
// `an array`, `an object`. Long strings are shortened.
std::string DescribeValue(const JsonTree& tree, NodeId node);

// What `schema` (followed) accepts as its "type": "a number", "a string or null", or "" when
// it has none.
std::string DescribeType(const rapidjson::Value& schema);

// valijson's description of an error at the value `node` (kNoNode when absent), explained from
// `schema` (the subschema there, or nullptr): e.g. "Value type not permitted by 'type'
// constraint." becomes `expected a number, found a string "0.8"`. nullopt for the errors
// valijson repeats on every enclosing value ("Failed to validate item #0 in array.") and for
// unknown members, which FindUnknownMembers reports instead.
std::optional<std::string> ExplainError(std::string_view description,
                                        const rapidjson::Value* schema, const JsonTree& tree,
                                        NodeId node);

// True iff `description` is valijson's type error, which makes other errors at the same value
// (its enum, its format) redundant.
bool IsTypeError(std::string_view description);

// The "format" that applies to values of `schema`: its own, or one under then/allOf (where
// the schemas' if/then puts it). "" when there is none. `depth` bounds the search; pass 0.
std::string FindFormat(const rapidjson::Value& schema, int depth = 0);

// "expected a date, YYYY-MM-DD, found ..." for a value at `node` that breaks `format`.
std::string ExplainFormat(std::string_view format, const JsonTree& tree, NodeId node);

}  // namespace aimsgate::validation
