#include "validation/compiled_schema.h"

#include <rapidjson/error/en.h>

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema_parser.hpp>

#include "aimsgate/evidence.h"
#include "util/embedded.h"

namespace aimsgate::validation {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

void GuardFormats(rapidjson::Value& schema, Allocator& alloc);

// Applies GuardFormats to every member value of `map` (properties, definitions, ...).
void GuardEachMember(rapidjson::Value& map, Allocator& alloc) {
  if (!map.IsObject()) return;
  for (auto& member : map.GetObject()) GuardFormats(member.value, alloc);
}

void GuardEachElement(rapidjson::Value& list, Allocator& alloc) {
  if (!list.IsArray()) return;
  for (auto& element : list.GetArray()) GuardFormats(element, alloc);
}

// Rewrites `format` in `schema` and every subschema of it. Walks keywords, not every object,
// so a property that happens to be named "format" is left alone.
void GuardFormats(rapidjson::Value& schema, Allocator& alloc) {
  if (!schema.IsObject()) return;
  for (const char* map : {"properties", "patternProperties", "definitions", "dependencies"}) {
    if (schema.HasMember(map)) GuardEachMember(schema[map], alloc);
  }
  for (const char* list : {"allOf", "anyOf", "oneOf", "items"}) {
    if (schema.HasMember(list)) GuardEachElement(schema[list], alloc);
  }
  for (const char* sub : {"additionalProperties", "additionalItems", "items", "contains",
                          "propertyNames", "not", "if", "then", "else"}) {
    if (schema.HasMember(sub)) GuardFormats(schema[sub], alloc);
  }
  auto format = schema.FindMember("format");
  if (format == schema.MemberEnd() || !format->value.IsString()) return;
  rapidjson::Value guarded(rapidjson::kObjectType);
  rapidjson::Value if_string(rapidjson::kObjectType);
  if_string.AddMember("type", "string", alloc);
  rapidjson::Value then_format(rapidjson::kObjectType);
  then_format.AddMember("format", rapidjson::Value(format->value, alloc), alloc);
  guarded.AddMember("if", if_string, alloc);
  guarded.AddMember("then", then_format, alloc);
  schema.RemoveMember("format");
  if (!schema.HasMember("allOf") || !schema["allOf"].IsArray()) {
    schema.RemoveMember("allOf");
    schema.AddMember("allOf", rapidjson::Value(rapidjson::kArrayType), alloc);
  }
  schema["allOf"].PushBack(guarded, alloc);
}

// Removes every "format" keyword of `schema` (walking keywords as GuardFormats does, so a
// property named "format" stays).
void RemoveFormats(rapidjson::Value& schema) {
  if (!schema.IsObject()) return;
  for (const char* map : {"properties", "patternProperties", "definitions", "dependencies"}) {
    if (schema.HasMember(map) && schema[map].IsObject()) {
      for (auto& member : schema[map].GetObject()) RemoveFormats(member.value);
    }
  }
  for (const char* list : {"allOf", "anyOf", "oneOf", "items"}) {
    if (schema.HasMember(list) && schema[list].IsArray()) {
      for (auto& element : schema[list].GetArray()) RemoveFormats(element);
    }
  }
  for (const char* sub : {"additionalProperties", "additionalItems", "items", "contains",
                          "propertyNames", "not", "if", "then", "else"}) {
    if (schema.HasMember(sub)) RemoveFormats(schema[sub]);
  }
  if (auto format = schema.FindMember("format");
      format != schema.MemberEnd() && format->value.IsString()) {
    schema.RemoveMember(format);
  }
}

}  // namespace

Result<std::unique_ptr<CompiledSchema>> CompileSchema(std::string_view text) {
  auto compiled = std::make_unique<CompiledSchema>();
  compiled->json.Parse(text.data(), text.size());
  if (compiled->json.HasParseError()) {
    return Status::Internal(std::string("schema is not JSON: ") +
                            rapidjson::GetParseError_En(compiled->json.GetParseError()) +
                            " at byte " + std::to_string(compiled->json.GetErrorOffset()));
  }
  if (!compiled->json.IsObject()) return Status::Internal("schema is not a JSON object");
  GuardFormats(compiled->json, compiled->json.GetAllocator());
  rapidjson::Document without_formats;
  without_formats.CopyFrom(compiled->json, without_formats.GetAllocator());
  RemoveFormats(without_formats);
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::RapidJsonAdapter adapter(without_formats);
  parser.populateSchema(adapter, compiled->schema);
  return compiled;
}

const CompiledSchema* EvidenceSchema(std::string_view kind) {
  // Each kind compiled once, on its first use, by whichever thread gets there first.
  constexpr size_t kKinds = std::size(kEvidenceKinds);
  static std::array<std::once_flag, kKinds> once;
  static std::array<std::unique_ptr<CompiledSchema>, kKinds> schemas;
  for (size_t k = 0; k < kKinds; ++k) {
    if (kEvidenceKinds[k] != kind) continue;
    std::call_once(once[k], [k] {
      const std::string path = std::string(kEvidenceKinds[k]) + ".schema.json";
      for (const embedded::File& file : embedded::EvidenceSchemas()) {
        if (path != file.path) continue;
        Result<std::unique_ptr<CompiledSchema>> compiled = CompileSchema(file.text());
        if (compiled.ok()) schemas[k] = std::move(compiled).value();
      }
    });
    return schemas[k].get();
  }
  return nullptr;
}

}  // namespace aimsgate::validation
