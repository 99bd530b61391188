#include "validation/compiled_schema.h"

#include <rapidjson/error/en.h>

#include <map>
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
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::RapidJsonAdapter adapter(compiled->json);
  parser.populateSchema(adapter, compiled->schema);
  return compiled;
}

const CompiledSchema* EvidenceSchema(std::string_view kind) {
  // Built once, on first use, by whichever thread gets here first (a function-local static).
  static const std::map<std::string, std::unique_ptr<CompiledSchema>, std::less<>> schemas = [] {
    std::map<std::string, std::unique_ptr<CompiledSchema>, std::less<>> out;
    for (std::string_view k : kEvidenceKinds) {
      const std::string path = std::string(k) + ".schema.json";
      for (const embedded::File& file : embedded::EvidenceSchemas()) {
        if (path != file.path) continue;
        Result<std::unique_ptr<CompiledSchema>> compiled = CompileSchema(file.text());
        if (compiled.ok()) out.emplace(std::string(k), std::move(compiled).value());
      }
    }
    return out;
  }();
  auto it = schemas.find(kind);
  return it == schemas.end() ? nullptr : it->second.get();
}

}  // namespace aimsgate::validation
