// Finding the part of a schema that governs a value: the walk valijson does internally, for
// explaining its errors ("expected a number") and for checking unknown members ourselves.
// Understands the keywords the evidence schemas use: local $ref, properties, patternProperties,
// additionalProperties and items; anything else (anyOf, ...) ends the walk with nullptr.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/json_tree.h"

namespace aimsgate::validation {

// `schema` with its local "$ref" ("#/definitions/x") followed, or nullptr when it does not
// resolve (or refers in a cycle). `root` is the schema document.
const rapidjson::Value* FollowRef(const rapidjson::Value& root, const rapidjson::Value* schema);

// The subschema for member `key` of an object governed by `object_schema` (already followed):
// its properties, then patternProperties, then an additionalProperties schema. nullptr when
// none applies (for additionalProperties false: the member is unknown).
const rapidjson::Value* MemberSchema(const rapidjson::Value& root,
                                     const rapidjson::Value& object_schema, std::string_view key);

// The subschema for the elements of an array governed by `array_schema`, or nullptr.
const rapidjson::Value* ItemSchema(const rapidjson::Value& root,
                                   const rapidjson::Value& array_schema);

// The subschema (followed) that governs the value at `pointer` of `tree`, or nullptr.
const rapidjson::Value* SchemaAt(const rapidjson::Value& root, const JsonTree& tree,
                                 std::string_view pointer);

// The unescaped reference tokens of an RFC 6901 pointer ("/a~1b/0" -> {"a/b", "0"}).
std::vector<std::string> PointerTokens(std::string_view pointer);

}  // namespace aimsgate::validation
