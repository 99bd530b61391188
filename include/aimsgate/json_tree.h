// JsonTree: an immutable parsed JSON document in which every value keeps its line:column.
// Values live in one flat array; a NodeId names one. Thread-safety: immutable after Parse,
// so any number of threads may read one tree at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/status.h"

namespace aimsgate {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class JsonType : uint8_t { kNull, kFalse, kTrue, kInteger, kReal, kString, kArray, kObject };

struct ParseLimits {
  uint32_t max_depth = 512;          // nesting deeper than this is an error, never a stack overflow
  uint64_t max_bytes = 64ull << 20;  // larger input is rejected before parsing
};

class JsonTree {
 public:
  // Parses `text` strictly (RFC 8259: no comments, trailing commas, NaN, BOM or duplicate keys;
  // UTF-8 validated). `file` names the source in diagnostics. Errors carry line:column; lines
  // count from `first_line` (an NDJSON document's line in its stream).
  static Result<JsonTree> Parse(std::string_view text, const std::string& file,
                                const ParseLimits& limits = {}, uint32_t first_line = 1);

  NodeId root() const { return nodes_.empty() ? kNoNode : 0; }

  JsonType type(NodeId n) const { return nodes_[n].type; }
  bool is_container(NodeId n) const {
    return type(n) == JsonType::kArray || type(n) == JsonType::kObject;
  }
  uint32_t line(NodeId n) const { return nodes_[n].line; }
  uint32_t column(NodeId n) const { return nodes_[n].column; }

  // Scalars. Preconditions: the matching type.
  int64_t integer(NodeId n) const { return nodes_[n].integer; }
  double real(NodeId n) const { return nodes_[n].real; }
  double number(NodeId n) const;  // integer or real, as a double
  std::string_view string(NodeId n) const;

  // Containers: the number of elements or members, and the i-th child (0-based).
  uint32_t size(NodeId n) const { return is_container(n) ? nodes_[n].count : 0; }
  NodeId child(NodeId n, uint32_t i) const { return children_[nodes_[n].first + i]; }
  // The key under which object member `child` is stored. Precondition: its parent is an object.
  std::string_view key(NodeId child) const;
  // The member named `key`, or kNoNode. Precondition: n is an object.
  NodeId member(NodeId n, std::string_view key) const;

  // Resolves an RFC 6901 JSON Pointer ("" is the root). Returns kNoNode when nothing is there.
  NodeId Resolve(std::string_view pointer) const;
  // Resolves `pointer` relative to `from` ("" is `from` itself); kNoNode when nothing is there.
  NodeId Resolve(NodeId from, std::string_view pointer) const;
  // The deepest node that exists along `pointer`: where to point at when the value is missing.
  NodeId ResolveDeepest(std::string_view pointer) const;
  // The JSON Pointer of `n`.
  std::string PointerOf(NodeId n) const;

  size_t node_count() const { return nodes_.size(); }

 private:
  friend class JsonTreeBuilder;
  friend class JsonTreeComposer;
  struct Node {
    JsonType type;
    uint32_t line;
    uint32_t column;
    uint32_t parent;
    uint32_t key_offset;  // into strings_, for object members
    uint32_t key_length;
    uint32_t first;  // into children_, for containers; into strings_, for strings
    uint32_t count;  // children, or string length
    union {
      int64_t integer;
      double real;
    };
  };
  std::vector<Node> nodes_;
  std::vector<NodeId> children_;
  std::string strings_;
};

// Builds a JsonTree value by value instead of parsing text: for documents converted from another
// format, so that each value can carry the line:column of the source value it came from.
// Values are given in document order, as a SAX parser would report them: inside an object, Key()
// before each member's value. Not thread-safe; one composer builds one tree.
class JsonTreeComposer {
 public:
  struct Position {
    uint32_t line = 0;  // 1-based; 0 when unknown
    uint32_t column = 0;
  };

  // Names the next member of the enclosing object.
  void Key(std::string_view key);
  void Null(Position at);
  void Bool(bool value, Position at);
  void Integer(int64_t value, Position at);
  void Real(double value, Position at);
  void String(std::string_view value, Position at);
  void StartObject(Position at);
  void EndObject();
  void StartArray(Position at);
  void EndArray();

  // The finished tree. An internal error (a bug of the caller) when there is not exactly one
  // root value, a container is left open, a member has no key or an object repeats a key.
  Result<JsonTree> Finish() &&;

 private:
  void Add(JsonType type, Position at);
  void Close();

  JsonTree tree_;
  std::vector<NodeId> open_;     // containers not yet closed
  std::vector<NodeId> pending_;  // children of the open containers, innermost last
  std::vector<size_t> marks_;    // where each open container's children start in pending_
  std::string key_;
  bool has_key_ = false;
  std::string error_;  // the first misuse, reported by Finish()
};

// The value `node` of `tree` as JSON text, indented by two spaces per level, members in tree
// order, ending with a newline.
std::string ToJsonText(const JsonTree& tree, NodeId node);

// Escapes one reference token for a JSON Pointer ("~" -> "~0", "/" -> "~1").
std::string EscapePointerToken(std::string_view token);

}  // namespace aimsgate
