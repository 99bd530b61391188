// JsonTreeComposer: lays out a JsonTree from values given one by one, the way the parser's SAX
// builder does, but with positions chosen by the caller. ToJsonText: the reverse, a tree as text.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>

#include "aimsgate/json_tree.h"

namespace aimsgate {

void JsonTreeComposer::Key(std::string_view key) {
  if (open_.empty() || tree_.nodes_[open_.back()].type != JsonType::kObject) {
    if (error_.empty()) error_ = "a key outside an object";
  }
  key_.assign(key);
  has_key_ = true;
}

void JsonTreeComposer::Add(JsonType type, Position at) {
  JsonTree::Node node{};
  node.type = type;
  node.line = at.line;
  node.column = at.column;
  node.parent = open_.empty() ? kNoNode : open_.back();
  if (open_.empty() && !tree_.nodes_.empty() && error_.empty()) error_ = "a second root value";
  if (!open_.empty() && tree_.nodes_[open_.back()].type == JsonType::kObject) {
    if (!has_key_ && error_.empty()) error_ = "an object member without a key";
    node.key_offset = static_cast<uint32_t>(tree_.strings_.size());
    node.key_length = static_cast<uint32_t>(key_.size());
    tree_.strings_ += key_;
  }
  has_key_ = false;
  pending_.push_back(static_cast<NodeId>(tree_.nodes_.size()));
  tree_.nodes_.push_back(node);
}

void JsonTreeComposer::Null(Position at) {
  Add(JsonType::kNull, at);
}
void JsonTreeComposer::Bool(bool value, Position at) {
  Add(value ? JsonType::kTrue : JsonType::kFalse, at);
}
void JsonTreeComposer::Integer(int64_t value, Position at) {
  Add(JsonType::kInteger, at);
  tree_.nodes_.back().integer = value;
}
void JsonTreeComposer::Real(double value, Position at) {
  Add(JsonType::kReal, at);
  tree_.nodes_.back().real = value;
}
void JsonTreeComposer::String(std::string_view value, Position at) {
  Add(JsonType::kString, at);
  JsonTree::Node& node = tree_.nodes_.back();
  node.first = static_cast<uint32_t>(tree_.strings_.size());
  node.count = static_cast<uint32_t>(value.size());
  tree_.strings_.append(value);
}

void JsonTreeComposer::StartObject(Position at) {
  Add(JsonType::kObject, at);
  open_.push_back(static_cast<NodeId>(tree_.nodes_.size() - 1));
  marks_.push_back(pending_.size());
}
void JsonTreeComposer::StartArray(Position at) {
  Add(JsonType::kArray, at);
  open_.push_back(static_cast<NodeId>(tree_.nodes_.size() - 1));
  marks_.push_back(pending_.size());
}
void JsonTreeComposer::EndObject() {
  Close();
}
void JsonTreeComposer::EndArray() {
  Close();
}

// Moves the children of the innermost open container into one contiguous span, as the parser
// does, and checks an object for repeated keys.
void JsonTreeComposer::Close() {
  if (open_.empty()) {
    if (error_.empty()) error_ = "a container closed that was never opened";
    return;
  }
  const NodeId n = open_.back();
  const size_t mark = marks_.back();
  open_.pop_back();
  marks_.pop_back();
  JsonTree::Node& node = tree_.nodes_[n];
  node.first = static_cast<uint32_t>(tree_.children_.size());
  node.count = static_cast<uint32_t>(pending_.size() - mark);
  tree_.children_.insert(tree_.children_.end(), pending_.begin() + static_cast<ptrdiff_t>(mark),
                         pending_.end());
  pending_.resize(mark);
  if (node.type == JsonType::kObject && node.count > 1) {
    std::vector<std::string_view> keys;
    for (uint32_t i = 0; i < node.count; ++i) keys.push_back(tree_.key(tree_.child(n, i)));
    std::sort(keys.begin(), keys.end());
    auto repeated = std::adjacent_find(keys.begin(), keys.end());
    if (repeated != keys.end() && error_.empty()) {
      error_ = "key \"" + std::string(*repeated) + "\" given twice";
    }
  }
}

Result<JsonTree> JsonTreeComposer::Finish() && {
  if (error_.empty() && !open_.empty()) error_ = "a container left open";
  if (error_.empty() && tree_.nodes_.empty()) error_ = "no value";
  if (!error_.empty()) return Status::Internal("composing a JSON tree: " + error_);
  return std::move(tree_);
}

namespace {

void WriteNode(const JsonTree& tree, NodeId n,
               rapidjson::PrettyWriter<rapidjson::StringBuffer>& w) {
  switch (tree.type(n)) {
    case JsonType::kNull:
      w.Null();
      break;
    case JsonType::kFalse:
      w.Bool(false);
      break;
    case JsonType::kTrue:
      w.Bool(true);
      break;
    case JsonType::kInteger:
      w.Int64(tree.integer(n));
      break;
    case JsonType::kReal:
      w.Double(tree.real(n));
      break;
    case JsonType::kString: {
      std::string_view s = tree.string(n);
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      break;
    }
    case JsonType::kArray:
      w.StartArray();
      for (uint32_t i = 0; i < tree.size(n); ++i) WriteNode(tree, tree.child(n, i), w);
      w.EndArray();
      break;
    case JsonType::kObject:
      w.StartObject();
      for (uint32_t i = 0; i < tree.size(n); ++i) {
        const NodeId c = tree.child(n, i);
        std::string_view k = tree.key(c);
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        WriteNode(tree, c, w);
      }
      w.EndObject();
      break;
  }
}

}  // namespace

std::string ToJsonText(const JsonTree& tree, NodeId node) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  WriteNode(tree, node, writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace aimsgate
