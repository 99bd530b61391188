#include "report/escape.h"

#include <cctype>

namespace aimsgate::report {
namespace {

constexpr const char* kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the valid UTF-8 sequence at `s[i]`, or 0 when it is not one.
size_t Utf8Length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

}  // namespace

bool AppendMarkupEntity(char c, std::string& out) {
  switch (c) {
    case '&':
      out += "&amp;";
      return true;
    case '<':
      out += "&lt;";
      return true;
    case '>':
      out += "&gt;";
      return true;
    default:
      return false;
  }
}

std::string EscapeHtml(std::string_view text, Apostrophe apostrophe) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (AppendMarkupEntity(c, out)) continue;
    if (c == '"') {
      out += "&quot;";
    } else if (c == '\'' && apostrophe == Apostrophe::kEscape) {
      out += "&#39;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeXml(std::string_view text, XmlPlace place) {
  const bool attribute = place == XmlPlace::kAttribute;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const size_t n = Utf8Length(text, i);
    if (n == 0) {
      out += kReplacementCharacter;
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    if (AppendMarkupEntity(c, out)) continue;
    switch (c) {
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += kReplacementCharacter;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string EscapeMarkdownInline(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (AppendMarkupEntity(c, out)) continue;
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '_': {
        // Intraword underscores (snake_case) never emphasise in GFM; others may.
        const bool inside = i > 0 && i + 1 < text.size() &&
                            std::isalnum(static_cast<unsigned char>(text[i - 1])) &&
                            std::isalnum(static_cast<unsigned char>(text[i + 1]));
        if (!inside) out += '\\';
        out += c;
        break;
      }
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
        out += '\\';
        out += c;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        out += "<br>";
        break;
      case '\n':
        out += "<br>";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeMarkdownCell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace aimsgate::report
