// Escaping of evidence and pack text for the markup formats (HTML, XML, Markdown). Each
// function keeps the exact behaviour its writers have always had; where two formats escape
// differently the difference is a parameter or a separate function, never a silent change.
#pragma once

#include <string>
#include <string_view>

namespace aimsgate::report {

// Appends the entity for '&', '<' or '>' to `out` and returns true; returns false (appending
// nothing) for any other character. The part every markup escape below shares.
bool AppendMarkupEntity(char c, std::string& out);

// Whether HTML escaping also turns ' into &#39; (the report page does; the vendor comparison
// page, whose attributes are all double-quoted, never did).
enum class Apostrophe { kKeep, kEscape };

// `text` for HTML character data or a double-quoted attribute: & < > " (and ' by choice).
std::string EscapeHtml(std::string_view text, Apostrophe apostrophe);

// Where XML text goes: character data, or a double-quoted attribute value.
enum class XmlPlace { kText, kAttribute };

// `text` escaped for XML 1.0. Characters XML 1.0 cannot hold (control characters, invalid
// UTF-8) become U+FFFD; in attributes, quotes, line breaks and tabs become character
// references so that parsers keep them.
std::string EscapeXml(std::string_view text, XmlPlace place);

// Inline GitHub-flavoured Markdown: < > & never become HTML, | cannot break a table row,
// the characters that would change meaning (\ ` * [ ] and non-intraword _) are
// backslash-escaped, line breaks become <br>.
std::string EscapeMarkdownInline(std::string_view text);

// A plain Markdown table cell: only | is escaped and line breaks become spaces (the vendor
// comparison's tables; the report's comment uses EscapeMarkdownInline).
std::string EscapeMarkdownCell(std::string_view text);

}  // namespace aimsgate::report
