// JsonTree parsing: RapidJSON's SAX reader over a stream that tracks line:column, feeding a
// builder that lays values out flat. Iterative parsing, so depth never touches the C++ stack.
#include "aimsgate/json_tree.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace aimsgate {
namespace {

// A RapidJSON input stream that remembers where the most recent token started. Shadowing the
// lexer this little is enough: a SAX event always fires after its token has been taken.
class PositionStream {
 public:
  using Ch = char;
  PositionStream(std::string_view text, uint32_t first_line)
      : begin_(text.data()),
        p_(text.data()),
        end_(text.data() + text.size()),
        line_(first_line),
        token_line_(first_line) {}

  Ch Peek() const { return p_ < end_ ? *p_ : '\0'; }
  size_t Tell() const { return static_cast<size_t>(p_ - begin_); }
  Ch Take() {
    if (p_ >= end_) return '\0';
    const char c = *p_++;
    Shadow(c);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;  // columns count code points, not bytes
    }
    return c;
  }
  // Unused: only for in-situ parsing.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

  // Where the next character is: the iterative reader announces a container before it takes
  // the bracket, so containers start here.
  uint32_t line() const { return line_; }
  uint32_t column() const { return column_; }
  uint32_t token_line() const { return token_line_; }
  uint32_t token_column() const { return token_column_; }

 private:
  void Mark() {
    token_line_ = line_;
    token_column_ = column_;
  }
  void Shadow(char c) {
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      return;
    }
    switch (c) {
      case '"':
        Mark();
        in_string_ = true;
        in_literal_ = false;
        break;
      case '{':
      case '[':
        Mark();
        in_literal_ = false;
        break;
      case '}':
      case ']':
      case ',':
      case ':':
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        in_literal_ = false;
        break;
      default:
        if (!in_literal_) Mark();
        in_literal_ = true;
    }
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  uint32_t line_, column_ = 1;
  uint32_t token_line_, token_column_ = 1;
  bool in_string_ = false, escaped_ = false, in_literal_ = false;
};

// 1-based line and column (in code points) of byte `offset` in `text`.
void LineColumnAt(std::string_view text, size_t offset, uint32_t first_line, uint32_t* line,
                  uint32_t* column) {
  *line = first_line;
  *column = 1;
  offset = std::min(offset, text.size());
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++*line;
      *column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++*column;
    }
  }
}

}  // namespace

// Receives SAX events and lays the tree out. Containers collect their children on a shared
// pending stack and move them into one contiguous span when they close.
class JsonTreeBuilder {
 public:
  JsonTreeBuilder(JsonTree* tree, PositionStream* stream, uint32_t max_depth)
      : tree_(tree), stream_(stream), max_depth_(max_depth) {}

  bool Null() { return Add(JsonType::kNull); }
  bool Bool(bool b) { return Add(b ? JsonType::kTrue : JsonType::kFalse); }
  bool Int(int i) { return Integer(i); }
  bool Uint(unsigned u) { return Integer(u); }
  bool Int64(int64_t i) { return Integer(i); }
  bool Uint64(uint64_t u) {
    if (u > static_cast<uint64_t>(INT64_MAX)) return Double(static_cast<double>(u));
    return Integer(static_cast<int64_t>(u));
  }
  bool Double(double d) {
    if (!Add(JsonType::kReal)) return false;
    tree_->nodes_.back().real = d;
    return true;
  }
  // Every number arrives here as its text (kParseNumbersAsStringsFlag) and is converted with
  // std::from_chars, correctly rounded: RapidJSON 1.1's own full-precision conversion is
  // undefined behaviour for a zero significand with a large exponent ("0e89" calls clz(0) in
  // DiyFp::Normalize; found by fuzz/waivers). An integer beyond int64 becomes a real.
  bool RawNumber(const char* s, rapidjson::SizeType length, bool) {
    const char* end = s + length;
    if (std::none_of(s, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; })) {
      int64_t integer = 0;
      const auto [stop, ec] = std::from_chars(s, end, integer);
      if (ec == std::errc() && stop == end) return Integer(integer);
    }
    double real = 0;
    const auto [stop, ec] = std::from_chars(s, end, real);
    if (ec == std::errc::result_out_of_range) {
      // Overflow, or underflow to a subnormal or zero: strtod (the C locale: the program sets
      // none) tells them apart.
      real = std::strtod(std::string(s, length).c_str(), nullptr);
      if (std::isinf(real)) return Fail("invalid JSON: number too big to be stored in double");
    } else if (ec != std::errc() || stop != end) {
      return Fail("invalid JSON: invalid number \"" + std::string(s, length) + "\"");
    }
    return Double(real);
  }
  bool String(const char* s, rapidjson::SizeType length, bool) {
    if (!Add(JsonType::kString)) return false;
    JsonTree::Node& node = tree_->nodes_.back();
    node.first = static_cast<uint32_t>(tree_->strings_.size());
    node.count = length;
    tree_->strings_.append(s, length);
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    key_line_ = stream_->token_line();
    key_column_ = stream_->token_column();
    key_offset_ = static_cast<uint32_t>(tree_->strings_.size());
    key_length_ = length;
    tree_->strings_.append(s, length);
    return true;
  }
  bool StartObject() { return Open(JsonType::kObject); }
  bool StartArray() { return Open(JsonType::kArray); }
  bool EndObject(rapidjson::SizeType) { return Close(/*check_keys=*/true); }
  bool EndArray(rapidjson::SizeType) { return Close(/*check_keys=*/false); }

  // Set when a handler method refused the input; the reader then reports a termination.
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  uint32_t error_line() const { return error_line_; }
  uint32_t error_column() const { return error_column_; }

 private:
  bool Integer(int64_t v) {
    if (!Add(JsonType::kInteger)) return false;
    tree_->nodes_.back().integer = v;
    return true;
  }

  bool Add(JsonType type) {
    JsonTree::Node node{};
    node.type = type;
    node.line = stream_->token_line();
    node.column = stream_->token_column();
    node.parent = open_.empty() ? kNoNode : open_.back().node;
    if (!open_.empty() && tree_->nodes_[open_.back().node].type == JsonType::kObject) {
      node.key_offset = key_offset_;
      node.key_length = key_length_;
    }
    if (tree_->nodes_.size() >= UINT32_MAX - 1) return Fail("document has too many values");
    pending_.push_back(static_cast<NodeId>(tree_->nodes_.size()));
    pending_key_at_.push_back({key_line_, key_column_});
    tree_->nodes_.push_back(node);
    return true;
  }

  bool Open(JsonType type) {
    if (open_.size() >= max_depth_) {
      Fail("nesting deeper than " + std::to_string(max_depth_) + " levels");
      error_line_ = stream_->line();  // the bracket has not been taken yet: it is here
      error_column_ = stream_->column();
      return false;
    }
    if (!Add(type)) return false;
    tree_->nodes_.back().line = stream_->line();
    tree_->nodes_.back().column = stream_->column();
    open_.push_back({static_cast<NodeId>(tree_->nodes_.size() - 1), pending_.size()});
    return true;
  }

  bool Close(bool check_keys) {
    const OpenContainer c = open_.back();
    open_.pop_back();
    JsonTree::Node& node = tree_->nodes_[c.node];
    node.first = static_cast<uint32_t>(tree_->children_.size());
    node.count = static_cast<uint32_t>(pending_.size() - c.pending_mark);
    tree_->children_.insert(tree_->children_.end(), pending_.begin() + c.pending_mark,
                            pending_.end());
    const bool ok = !check_keys || CheckDuplicateKeys(c.pending_mark);
    pending_.resize(c.pending_mark);
    pending_key_at_.resize(c.pending_mark);
    return ok;
  }

  // Duplicate keys make evidence ambiguous: an error, never last-one-wins. The members of the
  // object that just closed are pending_[mark..], their keys' positions pending_key_at_[mark..].
  bool CheckDuplicateKeys(size_t mark) {
    const size_t n = pending_.size() - mark;
    if (n < 2) return true;
    sorted_.clear();
    for (size_t i = 0; i < n; ++i) sorted_.push_back(static_cast<uint32_t>(mark + i));
    auto key_of = [&](uint32_t i) { return tree_->key(pending_[i]); };
    std::stable_sort(sorted_.begin(), sorted_.end(),
                     [&](uint32_t a, uint32_t b) { return key_of(a) < key_of(b); });
    for (size_t i = 1; i < sorted_.size(); ++i) {
      if (key_of(sorted_[i]) == key_of(sorted_[i - 1])) {
        const Position first = pending_key_at_[std::min(sorted_[i], sorted_[i - 1])];
        const Position second = pending_key_at_[std::max(sorted_[i], sorted_[i - 1])];
        error_line_ = second.line;
        error_column_ = second.column;
        error_ = "duplicate key \"" + std::string(key_of(sorted_[i])) + "\" (first at " +
                 std::to_string(first.line) + ":" + std::to_string(first.column) +
                 "): ambiguous evidence";
        return false;
      }
    }
    return true;
  }

  bool Fail(std::string message) {
    error_ = std::move(message);
    error_line_ = stream_->token_line();
    error_column_ = stream_->token_column();
    return false;
  }

  struct OpenContainer {
    NodeId node;
    size_t pending_mark;
  };
  struct Position {
    uint32_t line, column;
  };
  JsonTree* tree_;
  PositionStream* stream_;
  uint32_t max_depth_;
  std::vector<OpenContainer> open_;
  std::vector<NodeId> pending_;
  std::vector<Position> pending_key_at_;  // where each pending member's key is
  std::vector<uint32_t> sorted_;
  uint32_t key_offset_ = 0, key_length_ = 0;
  uint32_t key_line_ = 0, key_column_ = 0;
  std::string error_;
  uint32_t error_line_ = 0, error_column_ = 0;
};

Result<JsonTree> JsonTree::Parse(std::string_view text, const std::string& file,
                                 const ParseLimits& limits, uint32_t first_line) {
  auto error = [&](uint32_t line, uint32_t column, std::string message) {
    Diagnostic d;
    d.location = {file, line, column, std::nullopt};
    d.message = std::move(message);
    return Status::InvalidInput({std::move(d)});
  };
  if (text.size() > limits.max_bytes) {
    return error(0, 0,
                 "file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                     std::to_string(limits.max_bytes) + " (see --max-evidence-bytes)");
  }
  if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) {
    return error(first_line, 1,
                 "file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return error(first_line, 1, "file is empty: expected a JSON value");
  }

  JsonTree tree;
  tree.nodes_.reserve(text.size() / 16 + 8);
  tree.children_.reserve(text.size() / 16 + 8);
  PositionStream stream(text, first_line);
  JsonTreeBuilder builder(&tree, &stream, limits.max_depth);
  rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>> reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (!ok) {
    if (builder.failed())
      return error(builder.error_line(), builder.error_column(), builder.error());
    uint32_t line, column;
    // A trailing comma is the most common hand-edit mistake: name it, at the comma itself.
    size_t before = std::min(ok.Offset(), text.size());
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (before > 0 && blank(text[before - 1])) --before;
    if (before > 0 && text[before - 1] == ',' && ok.Offset() < text.size() &&
        (text[ok.Offset()] == '}' || text[ok.Offset()] == ']')) {
      LineColumnAt(text, before - 1, first_line, &line, &column);
      return error(line, column,
                   std::string("invalid JSON: trailing comma before '") + text[ok.Offset()] +
                       "' (JSON allows none)");
    }
    LineColumnAt(text, ok.Offset(), first_line, &line, &column);
    std::string message = rapidjson::GetParseError_En(ok.Code());
    if (!message.empty() && message.back() == '.') message.pop_back();
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    return error(line, column, "invalid JSON: " + message);
  }
  return tree;
}

double JsonTree::number(NodeId n) const {
  return type(n) == JsonType::kInteger ? static_cast<double>(nodes_[n].integer) : nodes_[n].real;
}

std::string_view JsonTree::string(NodeId n) const {
  return std::string_view(strings_).substr(nodes_[n].first, nodes_[n].count);
}

std::string_view JsonTree::key(NodeId child) const {
  return std::string_view(strings_).substr(nodes_[child].key_offset, nodes_[child].key_length);
}

NodeId JsonTree::member(NodeId n, std::string_view k) const {
  const uint32_t count = nodes_[n].count;
  for (uint32_t i = 0; i < count; ++i) {
    NodeId c = child(n, i);
    if (key(c) == k) return c;
  }
  return kNoNode;
}

namespace {

// Splits the next reference token off `rest` (which starts after a '/'), unescaping it.
// Returns false on an invalid escape.
bool NextToken(std::string_view* rest, std::string* token) {
  size_t end = rest->find('/');
  std::string_view raw = rest->substr(0, end);
  *rest = end == std::string_view::npos ? std::string_view() : rest->substr(end);
  token->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '~') {
      *token += raw[i];
    } else if (i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
      *token += raw[++i] == '0' ? '~' : '/';
    } else {
      return false;
    }
  }
  return true;
}

bool ArrayIndex(const std::string& token, uint32_t* index) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
  uint32_t v = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  *index = v;
  return true;
}

}  // namespace

NodeId JsonTree::ResolveDeepest(std::string_view pointer) const {
  NodeId n = root();
  if (n == kNoNode || pointer.empty() || pointer[0] != '/') return n;
  std::string token;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);
    if (!NextToken(&pointer, &token)) return n;
    NodeId next = kNoNode;
    if (type(n) == JsonType::kObject) {
      next = member(n, token);
    } else if (type(n) == JsonType::kArray) {
      uint32_t index;
      if (ArrayIndex(token, &index) && index < size(n)) next = child(n, index);
    }
    if (next == kNoNode) return n;
    n = next;
  }
  return n;
}

NodeId JsonTree::Resolve(std::string_view pointer) const {
  if (root() == kNoNode) return kNoNode;
  return Resolve(root(), pointer);
}

NodeId JsonTree::Resolve(NodeId from, std::string_view pointer) const {
  NodeId n = from;
  if (pointer.empty()) return n;
  if (pointer[0] != '/') return kNoNode;
  std::string token;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);
    if (!NextToken(&pointer, &token)) return kNoNode;
    if (type(n) == JsonType::kObject) {
      n = member(n, token);
    } else if (type(n) == JsonType::kArray) {
      uint32_t index;
      n = ArrayIndex(token, &index) && index < size(n) ? child(n, index) : kNoNode;
    } else {
      return kNoNode;
    }
    if (n == kNoNode) return kNoNode;
  }
  return n;
}

std::string JsonTree::PointerOf(NodeId n) const {
  std::vector<std::string> tokens;
  while (n != kNoNode && nodes_[n].parent != kNoNode) {
    NodeId parent = nodes_[n].parent;
    if (type(parent) == JsonType::kObject) {
      tokens.push_back(EscapePointerToken(key(n)));
    } else {
      const uint32_t count = size(parent);
      for (uint32_t i = 0; i < count; ++i) {
        if (child(parent, i) == n) {
          tokens.push_back(std::to_string(i));
          break;
        }
      }
    }
    n = parent;
  }
  std::string out;
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) out += "/" + *it;
  return out;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace aimsgate
