#include "validation/schema_walk.h"

#include <rapidjson/pointer.h>

#include <cstdlib>
#include <regex>
#include <unordered_map>

namespace aimsgate::validation {

const rapidjson::Value* FollowRef(const rapidjson::Value& root, const rapidjson::Value* schema) {
  for (int hops = 0; schema != nullptr && hops < 32; ++hops) {
    if (!schema->IsObject()) return schema;
    auto ref = schema->FindMember("$ref");
    if (ref == schema->MemberEnd()) return schema;
    if (!ref->value.IsString() || ref->value.GetString()[0] != '#') return nullptr;
    const rapidjson::Pointer pointer(ref->value.GetString() + 1, ref->value.GetStringLength() - 1);
    if (!pointer.IsValid()) return nullptr;
    schema = pointer.Get(root);
  }
  return nullptr;
}

namespace {

// A schema's patternProperties pattern, compiled once per thread (std::regex compiles slowly
// and is not safe to share for matching across threads without care).
const std::regex& CachedRegex(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    it = cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
  }
  return it->second;
}

}  // namespace

const rapidjson::Value* MemberSchema(const rapidjson::Value& root,
                                     const rapidjson::Value& object_schema, std::string_view key) {
  if (!object_schema.IsObject()) return nullptr;
  const rapidjson::Value name(rapidjson::StringRef(key.data(), key.size()));
  if (auto props = object_schema.FindMember("properties");
      props != object_schema.MemberEnd() && props->value.IsObject()) {
    if (auto m = props->value.FindMember(name); m != props->value.MemberEnd()) {
      return FollowRef(root, &m->value);
    }
  }
  if (auto patterns = object_schema.FindMember("patternProperties");
      patterns != object_schema.MemberEnd() && patterns->value.IsObject()) {
    for (const auto& p : patterns->value.GetObject()) {
      // The evidence schemas' patterns are plain ECMAScript ones, as valijson reads them.
      if (std::regex_search(key.begin(), key.end(), CachedRegex(p.name.GetString()))) {
        return FollowRef(root, &p.value);
      }
    }
  }
  if (auto extra = object_schema.FindMember("additionalProperties");
      extra != object_schema.MemberEnd() && extra->value.IsObject()) {
    return FollowRef(root, &extra->value);
  }
  return nullptr;
}

const rapidjson::Value* ItemSchema(const rapidjson::Value& root,
                                   const rapidjson::Value& array_schema) {
  if (!array_schema.IsObject()) return nullptr;
  auto items = array_schema.FindMember("items");
  if (items == array_schema.MemberEnd() || !items->value.IsObject()) return nullptr;
  return FollowRef(root, &items->value);
}

std::vector<std::string> PointerTokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  size_t start = 1;  // past the leading '/'
  while (true) {
    const size_t end = pointer.find('/', start);
    std::string_view raw = pointer.substr(start, end == std::string_view::npos ? end : end - start);
    std::string token;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return tokens;
}

const rapidjson::Value* SchemaAt(const rapidjson::Value& root, const JsonTree& tree,
                                 std::string_view pointer) {
  const rapidjson::Value* schema = FollowRef(root, &root);
  NodeId node = tree.root();
  for (const std::string& token : PointerTokens(pointer)) {
    if (schema == nullptr || node == kNoNode) return nullptr;
    if (tree.type(node) == JsonType::kObject) {
      schema = MemberSchema(root, *schema, token);
      node = tree.member(node, token);
    } else if (tree.type(node) == JsonType::kArray) {
      schema = ItemSchema(root, *schema);
      char* end = nullptr;
      const unsigned long index = std::strtoul(token.c_str(), &end, 10);
      node = token.empty() || *end != '\0' || index >= tree.size(node)
                 ? kNoNode
                 : tree.child(node, static_cast<uint32_t>(index));
    } else {
      return nullptr;
    }
  }
  return schema;
}

}  // namespace aimsgate::validation
