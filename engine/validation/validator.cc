#include "validation/validator.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "validation/messages.h"
#include "validation/schema_walk.h"
#include "validation/unknown_members.h"

namespace aimsgate::validation {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

// A RapidJSON copy of the value at `node`, for valijson's RapidJSON adapter. Recursion is as
// deep as the tree, which JsonTree::Parse bounds (ParseLimits::max_depth).
rapidjson::Value ToRapidJson(const JsonTree& tree, NodeId node, Allocator& alloc) {
  switch (tree.type(node)) {
    case JsonType::kNull:
      return rapidjson::Value(rapidjson::kNullType);
    case JsonType::kTrue:
      return rapidjson::Value(true);
    case JsonType::kFalse:
      return rapidjson::Value(false);
    case JsonType::kInteger:
      return rapidjson::Value(static_cast<int64_t>(tree.integer(node)));
    case JsonType::kReal:
      return rapidjson::Value(tree.real(node));
    case JsonType::kString: {
      const std::string_view s = tree.string(node);
      return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc);
    }
    case JsonType::kArray: {
      rapidjson::Value array(rapidjson::kArrayType);
      array.Reserve(tree.size(node), alloc);
      for (uint32_t i = 0; i < tree.size(node); ++i) {
        array.PushBack(ToRapidJson(tree, tree.child(node, i), alloc), alloc);
      }
      return array;
    }
    case JsonType::kObject: {
      rapidjson::Value object(rapidjson::kObjectType);
      for (uint32_t i = 0; i < tree.size(node); ++i) {
        const NodeId member = tree.child(node, i);
        const std::string_view key = tree.key(member);
        object.AddMember(
            rapidjson::Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), alloc),
            ToRapidJson(tree, member, alloc), alloc);
      }
      return object;
    }
  }
  return rapidjson::Value(rapidjson::kNullType);
}

// valijson names where an error is as {"<root>", "[risks]", "[0]", "[score]"}.
std::string PointerOfContext(const std::vector<std::string>& context) {
  std::string pointer;
  for (const std::string& part : context) {
    if (part == "<root>") continue;
    std::string_view token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
      token = token.substr(1, token.size() - 2);
    }
    pointer += "/" + EscapePointerToken(token);
  }
  return pointer;
}

Diagnostic At(const std::string& file, const JsonTree& tree, const std::string& pointer,
              std::string message) {
  // A missing value (a required member) is shown where its object is.
  const NodeId node = tree.ResolveDeepest(pointer);
  Diagnostic d;
  d.location = {file, node == kNoNode ? 0 : tree.line(node),
                node == kNoNode ? 0 : tree.column(node), pointer};
  d.message = std::move(message);
  return d;
}

}  // namespace

std::vector<Diagnostic> ValidateTree(const CompiledSchema& schema, const JsonTree& tree,
                                     const std::string& file) {
  std::vector<Diagnostic> out;
  if (tree.root() == kNoNode) return out;
  rapidjson::Document document;
  static_cast<rapidjson::Value&>(document) =
      ToRapidJson(tree, tree.root(), document.GetAllocator());

  valijson::Validator validator;  // strict types: "1" is not a number
  valijson::ValidationResults results;
  const bool valid =
      validator.validate(schema.schema, valijson::adapters::RapidJsonAdapter(document), &results);

  struct Raw {
    std::string pointer;
    std::string description;
  };
  std::vector<Raw> raw;
  std::set<std::string> type_errors;  // pointers with a type error; other errors there repeat it
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    raw.push_back({PointerOfContext(error.context), error.description});
    if (IsTypeError(error.description)) type_errors.insert(raw.back().pointer);
  }
  for (const Raw& r : raw) {
    if (type_errors.count(r.pointer) && !IsTypeError(r.description)) continue;
    const rapidjson::Value* at = SchemaAt(schema.json, tree, r.pointer);
    std::optional<std::string> message =
        ExplainError(r.description, at, tree, tree.Resolve(r.pointer));
    if (message) out.push_back(At(file, tree, r.pointer, std::move(*message)));
  }
  FindMemberAndFormatErrors(schema.json, tree, file, &out);
  if (!valid && out.empty()) {
    out.push_back(At(file, tree, "", "does not match its schema"));
  }

  auto key = [](const Diagnostic& d) {
    return std::tie(d.location.line, d.location.column, d.location.pointer, d.message);
  };
  std::sort(out.begin(), out.end(),
            [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace aimsgate::validation
