// A small Lua 5.4 lexer for static checks of pack source: names, strings (decoded), numbers
// and punctuation with their line, comments dropped. It never fails: what it cannot read
// (an unfinished string) ends the token stream, and the loader reports the syntax error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aimsgate::lint {

struct Token {
  enum class Kind { kName, kString, kNumber, kPunct };
  Kind kind;
  std::string text;  // the name, the decoded string value, the number or the punctuation
  uint32_t line;

  bool Is(Kind k, std::string_view t) const { return kind == k && text == t; }
  bool IsPunct(std::string_view t) const { return Is(Kind::kPunct, t); }
  bool IsName(std::string_view t) const { return Is(Kind::kName, t); }
};

// The tokens of `source`. Multi-character operators are single tokens ("..", "==", "::" ...).
std::vector<Token> Tokenize(std::string_view source);

}  // namespace aimsgate::lint
