#include "validation/messages.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cctype>
#include <charconv>
#include <vector>

#include "validation/suggest.h"

namespace aimsgate::validation {
namespace {

constexpr size_t kLongestQuoted = 60;  // characters of a string value shown in a message

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// A JSON string literal of `text`, shortened to kLongestQuoted bytes (on a UTF-8 boundary).
std::string Quote(std::string_view text) {
  bool shortened = false;
  if (text.size() > kLongestQuoted) {
    size_t cut = kLongestQuoted;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
    shortened = true;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  std::string out = buffer.GetString();
  if (shortened) out.insert(out.size() - 1, "...");
  return out;
}

std::string JsonText(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

std::string NameOfType(std::string_view type) {
  if (type == "string") return "a string";
  if (type == "number") return "a number";
  if (type == "integer") return "an integer";
  if (type == "boolean") return "true or false";
  if (type == "array") return "an array";
  if (type == "object") return "an object";
  if (type == "null") return "null";
  return std::string(type);
}

// The quoted text between the first pair of single quotes in `text` ("... 'x'." -> "x").
std::string Quoted(std::string_view text) {
  const size_t open = text.find('\'');
  const size_t close = text.rfind('\'');
  if (open == std::string_view::npos || close <= open) return std::string(text);
  return std::string(text.substr(open + 1, close - open - 1));
}

std::string Found(const JsonTree& tree, NodeId node) {
  return node == kNoNode ? std::string() : ", found " + DescribeValue(tree, node);
}

std::string ExplainEnum(const rapidjson::Value* schema, const JsonTree& tree, NodeId node) {
  if (schema == nullptr || !schema->HasMember("enum") || !(*schema)["enum"].IsArray()) {
    return "not one of the allowed values" + Found(tree, node);
  }
  const rapidjson::Value& values = (*schema)["enum"];
  if (values.Size() == 1) return "expected " + JsonText(values[0]) + Found(tree, node);
  std::string list;
  std::vector<std::string> names;
  for (const rapidjson::Value& v : values.GetArray()) {
    list += (list.empty() ? "" : ", ") + JsonText(v);
    if (v.IsString()) names.emplace_back(v.GetString(), v.GetStringLength());
  }
  std::string out = "expected one of " + list + Found(tree, node);
  if (node != kNoNode && tree.type(node) == JsonType::kString) {
    if (auto near = ClosestMatch(tree.string(node), names)) {
      out += ": did you mean " + Quote(*near) + "?";
    }
  }
  return out;
}

}  // namespace

std::string DescribeValue(const JsonTree& tree, NodeId node) {
  switch (tree.type(node)) {
    case JsonType::kNull:
      return "null";
    case JsonType::kTrue:
      return "true";
    case JsonType::kFalse:
      return "false";
    case JsonType::kInteger:
      return "a number " + std::to_string(tree.integer(node));
    case JsonType::kReal: {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, tree.real(node));
      return "a number " + (ec == std::errc() ? std::string(buffer, end) : std::string("?"));
    }
    case JsonType::kString:
      return "a string " + Quote(tree.string(node));
    case JsonType::kArray:
      return "an array";
    case JsonType::kObject:
      return "an object";
  }
  return "a value";
}

std::string DescribeType(const rapidjson::Value& schema) {
  if (!schema.IsObject()) return "";
  auto type = schema.FindMember("type");
  if (type == schema.MemberEnd()) return "";
  if (type->value.IsString()) return NameOfType(type->value.GetString());
  if (!type->value.IsArray()) return "";
  std::string out;
  const rapidjson::SizeType n = type->value.Size();
  for (rapidjson::SizeType i = 0; i < n; ++i) {
    if (!type->value[i].IsString()) continue;
    out += (i == 0 ? "" : i + 1 == n ? " or " : ", ") + NameOfType(type->value[i].GetString());
  }
  return out;
}

bool IsTypeError(std::string_view description) {
  return StartsWith(description, "Value type not permitted by 'type' constraint");
}

std::optional<std::string> ExplainError(std::string_view description,
                                        const rapidjson::Value* schema, const JsonTree& tree,
                                        NodeId node) {
  // Repeats of a deeper error, and unknown members (reported by FindUnknownMembers, for every
  // one of them where valijson names only the first).
  for (std::string_view echo :
       {"Failed to validate item #", "Failed to validate against schema associated with",
        "Failed to validate against a conditional schema",
        "Failed to validate against child schema",
        "Failed to validate against additional properties schema",
        "Failed to validate against additional items schema",
        "Object contains a property that could not be validated"}) {
    if (StartsWith(description, echo)) return std::nullopt;
  }
  if (IsTypeError(description)) {
    const std::string expected = schema != nullptr ? DescribeType(*schema) : "";
    return "expected " + (expected.empty() ? std::string("another type") : expected) +
           Found(tree, node);
  }
  if (StartsWith(description, "Failed to match against any enum values")) {
    return ExplainEnum(schema, tree, node);
  }
  if (StartsWith(description, "Missing required property")) {
    return "missing required member '" + Quoted(description) + "'";
  }
  if (StartsWith(description, "String should be a valid")) {
    // valijson calls an impossible day of any format "date-time": the schema says which it is.
    const std::string format = schema != nullptr ? FindFormat(*schema, 0) : "";
    constexpr std::string_view kPrefix = "String should be a valid ";
    return ExplainFormat(format.empty() ? description.substr(kPrefix.size()) : format, tree, node);
  }
  if (StartsWith(description, "Failed to match regex specified by 'pattern'")) {
    std::string pattern;
    if (schema != nullptr && schema->HasMember("pattern") && (*schema)["pattern"].IsString()) {
      pattern = " " + std::string((*schema)["pattern"].GetString());
    }
    return "expected a string matching the pattern" + pattern + Found(tree, node);
  }
  // Anything else, in valijson's words, with the value it is about.
  std::string text(description);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text + Found(tree, node);
}

// The "format" that applies to values of `schema`: its own, or one under then/allOf (where
// CompileSchema's guard and the schemas' own if/then put it). "" when there is none.
std::string FindFormat(const rapidjson::Value& schema, int depth) {
  if (!schema.IsObject() || depth > 4) return "";
  if (auto f = schema.FindMember("format"); f != schema.MemberEnd() && f->value.IsString()) {
    return f->value.GetString();
  }
  if (auto then = schema.FindMember("then"); then != schema.MemberEnd()) {
    if (std::string f = FindFormat(then->value, depth + 1); !f.empty()) return f;
  }
  if (auto all = schema.FindMember("allOf"); all != schema.MemberEnd() && all->value.IsArray()) {
    for (const rapidjson::Value& sub : all->value.GetArray()) {
      if (std::string f = FindFormat(sub, depth + 1); !f.empty()) return f;
    }
  }
  return "";
}

std::string ExplainFormat(std::string_view format, const JsonTree& tree, NodeId node) {
  std::string expected = format == "date"        ? "a date, YYYY-MM-DD"
                         : format == "date-time" ? "a date-time with an offset (RFC 3339), "
                                                   "e.g. 2026-11-20T14:31:00Z"
                         : format == "time"      ? "a time with an offset, e.g. 14:31:00Z"
                                                 : "a valid " + std::string(format);
  return "expected " + expected + Found(tree, node);
}

}  // namespace aimsgate::validation
