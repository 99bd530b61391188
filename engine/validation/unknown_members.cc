#include "validation/unknown_members.h"

#include <utility>

#include "validation/formats.h"
#include "validation/messages.h"
#include "validation/schema_walk.h"
#include "validation/suggest.h"

namespace aimsgate::validation {
namespace {

constexpr size_t kNamesListed = 8;  // allowed names listed when no one is close

bool IsClosed(const rapidjson::Value& schema) {
  auto extra = schema.FindMember("additionalProperties");
  return extra != schema.MemberEnd() && extra->value.IsFalse();
}

std::vector<std::string> AllowedNames(const rapidjson::Value& schema) {
  std::vector<std::string> names;
  auto props = schema.FindMember("properties");
  if (props == schema.MemberEnd() || !props->value.IsObject()) return names;
  for (const auto& p : props->value.GetObject()) {
    names.emplace_back(p.name.GetString(), p.name.GetStringLength());
  }
  return names;
}

std::string UnknownMemberMessage(std::string_view key, const std::vector<std::string>& allowed) {
  std::string message = "unknown member '" + std::string(key) + "'";
  if (auto near = ClosestMatch(key, allowed)) return message + ": did you mean '" + *near + "'?";
  if (allowed.empty()) return message + ": this object takes no members";
  message += ": allowed here are ";
  for (size_t i = 0; i < allowed.size() && i < kNamesListed; ++i) {
    message += (i == 0 ? "'" : ", '") + allowed[i] + "'";
  }
  if (allowed.size() > kNamesListed) {
    message += " and " + std::to_string(allowed.size() - kNamesListed) + " more";
  }
  return message;
}

}  // namespace

void FindMemberAndFormatErrors(const rapidjson::Value& schema_root, const JsonTree& tree,
                               const std::string& file, std::vector<Diagnostic>* out) {
  if (tree.root() == kNoNode) return;
  // Depth-first over (value, the subschema that governs it); values no schema governs are not
  // entered, so the walk is as deep as the schema, whatever the document's nesting.
  std::vector<std::pair<NodeId, const rapidjson::Value*>> pending;
  pending.emplace_back(tree.root(), FollowRef(schema_root, &schema_root));
  while (!pending.empty()) {
    auto [node, schema] = pending.back();
    pending.pop_back();
    if (schema == nullptr || !schema->IsObject()) continue;
    if (tree.type(node) == JsonType::kArray) {
      if (const rapidjson::Value* items = ItemSchema(schema_root, *schema)) {
        for (uint32_t i = tree.size(node); i-- > 0;)
          pending.emplace_back(tree.child(node, i), items);
      }
      continue;
    }
    if (tree.type(node) == JsonType::kString) {
      const std::string format = FindFormat(*schema);
      if (!format.empty() && !MatchesFormat(format, tree.string(node))) {
        Diagnostic d;
        d.location = {file, tree.line(node), tree.column(node), tree.PointerOf(node)};
        d.message = ExplainFormat(format, tree, node);
        out->push_back(std::move(d));
      }
      continue;
    }
    if (tree.type(node) != JsonType::kObject) continue;
    const bool closed = IsClosed(*schema);
    std::vector<std::string> allowed;
    for (uint32_t i = tree.size(node); i-- > 0;) {
      const NodeId member = tree.child(node, i);
      const std::string_view key = tree.key(member);
      if (const rapidjson::Value* sub = MemberSchema(schema_root, *schema, key)) {
        pending.emplace_back(member, sub);
      } else if (closed) {
        if (allowed.empty()) allowed = AllowedNames(*schema);
        Diagnostic d;
        d.location = {file, tree.line(member), tree.column(member), tree.PointerOf(member)};
        d.message = UnknownMemberMessage(key, allowed);
        out->push_back(std::move(d));
      }
    }
  }
}

}  // namespace aimsgate::validation
