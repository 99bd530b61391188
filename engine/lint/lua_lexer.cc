#include "lint/lua_lexer.h"

#include <cctype>

namespace aimsgate::lint {
namespace {

bool IsNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> Run() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '-' && Peek(1) == '-') {
        pos_ += 2;
        size_t level;
        if (LongBracketLevel(&level)) {
          if (!SkipLong(level, nullptr)) break;
        } else {
          while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
        }
      } else if (IsNameStart(c)) {
        const size_t start = pos_;
        while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
        Emit(Token::Kind::kName, std::string(s_.substr(start, pos_ - start)), line_);
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '.' && std::isdigit(static_cast<unsigned char>(Peek(1))))) {
        const size_t start = pos_;
        while (pos_ < s_.size() && (IsNameChar(s_[pos_]) || s_[pos_] == '.' ||
                                    ((s_[pos_] == '+' || s_[pos_] == '-') &&
                                     (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E' ||
                                      s_[pos_ - 1] == 'p' || s_[pos_ - 1] == 'P')))) {
          ++pos_;
        }
        Emit(Token::Kind::kNumber, std::string(s_.substr(start, pos_ - start)), line_);
      } else if (c == '"' || c == '\'') {
        const uint32_t line = line_;
        std::string value;
        if (!ShortString(c, &value)) break;
        Emit(Token::Kind::kString, std::move(value), line);
      } else if (size_t level; c == '[' && LongBracketLevel(&level)) {
        const uint32_t line = line_;
        std::string value;
        if (!SkipLong(level, &value)) break;
        Emit(Token::Kind::kString, std::move(value), line);
      } else {
        static constexpr std::string_view kOps[] = {
            "...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>"};
        size_t len = 1;
        for (std::string_view op : kOps) {
          if (s_.substr(pos_, op.size()) == op) {
            len = op.size();
            break;
          }
        }
        Emit(Token::Kind::kPunct, std::string(s_.substr(pos_, len)), line_);
        pos_ += len;
      }
    }
    return std::move(tokens_);
  }

 private:
  char Peek(size_t ahead) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }

  void Emit(Token::Kind kind, std::string text, uint32_t line) {
    tokens_.push_back(Token{kind, std::move(text), line});
  }

  // At '[': "[[" or "[==[" opens a long bracket of that level; consumes it if so.
  bool LongBracketLevel(size_t* level) {
    if (Peek(0) != '[') return false;
    size_t i = 1;
    while (Peek(i) == '=') ++i;
    if (Peek(i) != '[') return false;
    *level = i - 1;
    pos_ += i + 1;
    return true;
  }

  // Reads to the matching close bracket; false if there is none.
  bool SkipLong(size_t level, std::string* out) {
    const std::string close = "]" + std::string(level, '=') + "]";
    size_t end = s_.find(close, pos_);
    if (end == std::string_view::npos) return false;
    std::string_view body = s_.substr(pos_, end - pos_);
    if (!body.empty() && body.front() == '\n') body.remove_prefix(1);  // Lua skips it too
    for (char ch : s_.substr(pos_, end - pos_)) line_ += ch == '\n';
    if (out != nullptr) *out = std::string(body);
    pos_ = end + close.size();
    return true;
  }

  // Reads a quoted string, decoding escapes; false if it does not end on its line.
  bool ShortString(char quote, std::string* out) {
    ++pos_;
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == quote) return true;
      if (c == '\n') return false;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return false;
      const char e = s_[pos_++];
      switch (e) {
        case 'n':
          out->push_back('\n');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 'a':
          out->push_back('\a');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'v':
          out->push_back('\v');
          break;
        case '\n':
          out->push_back('\n');
          ++line_;
          break;
        case 'z':
          while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) {
            line_ += s_[pos_] == '\n';
            ++pos_;
          }
          break;
        case 'x': {
          int v = 0;
          for (int i = 0; i < 2 && std::isxdigit(static_cast<unsigned char>(Peek(0))); ++i) {
            v = v * 16 + (std::isdigit(static_cast<unsigned char>(s_[pos_]))
                              ? s_[pos_] - '0'
                              : (std::tolower(static_cast<unsigned char>(s_[pos_])) - 'a' + 10));
            ++pos_;
          }
          out->push_back(static_cast<char>(v));
          break;
        }
        case 'u': {  // \u{XXX}: kept as UTF-8
          size_t close = s_.find('}', pos_);
          if (Peek(0) != '{' || close == std::string_view::npos) return false;
          unsigned long cp = 0;
          for (size_t i = pos_ + 1; i < close; ++i) {
            const char h = s_[i];
            if (!std::isxdigit(static_cast<unsigned char>(h)) || cp > 0x10FFFF) return false;
            cp = cp * 16 + static_cast<unsigned long>(
                               std::isdigit(static_cast<unsigned char>(h))
                                   ? h - '0'
                                   : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
          }
          pos_ = close + 1;
          if (cp < 0x80) {
            out->push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            out->push_back(static_cast<char>(0xE0 | ((cp >> 12) & 0x0F)));
            out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          break;
        }
        default:
          if (std::isdigit(static_cast<unsigned char>(e))) {
            int v = e - '0';
            for (int i = 0; i < 2 && std::isdigit(static_cast<unsigned char>(Peek(0))); ++i) {
              v = v * 10 + (s_[pos_++] - '0');
            }
            out->push_back(static_cast<char>(v));
          } else {
            out->push_back(e);  // \\ \" \' and anything Lua would reject anyway
          }
      }
    }
    return false;
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view source) {
  return Lexer(source).Run();
}

}  // namespace aimsgate::lint
