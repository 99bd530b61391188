#include "lint/source_scan.h"

#include <cstddef>

#include "lint/lua_lexer.h"

namespace aimsgate::lint {
namespace {

using Tokens = std::vector<Token>;

// `local NAME = <x>.params` or `local NAME = params`, not followed by an index.
std::set<std::string> ParamAliases(const Tokens& t) {
  std::set<std::string> aliases;
  for (size_t i = 0; i + 3 < t.size(); ++i) {
    if (!t[i].IsName("local") || t[i + 1].kind != Token::Kind::kName || !t[i + 2].IsPunct("=")) {
      continue;
    }
    size_t j = i + 3;
    if (j + 2 < t.size() && t[j].kind == Token::Kind::kName && t[j + 1].IsPunct(".")) j += 2;
    if (j >= t.size() || !t[j].IsName("params")) continue;
    if (j + 1 < t.size() &&
        (t[j + 1].IsPunct(".") || t[j + 1].IsPunct("[") || t[j + 1].IsPunct(":"))) {
      continue;
    }
    aliases.insert(t[i + 1].text);
  }
  return aliases;
}

// If a param is read at t[i] (`params.NAME`, `params["NAME"]`, `alias.NAME`), its name.
std::string ParamReadAt(const Tokens& t, size_t i, const std::set<std::string>& aliases) {
  if (t[i].kind != Token::Kind::kName || (t[i].text != "params" && !aliases.count(t[i].text))) {
    return "";
  }
  if (i > 0 && t[i - 1].IsPunct(".") && aliases.count(t[i].text) && t[i].text != "params") {
    return "";  // x.alias is not the alias
  }
  if (i + 2 < t.size() && t[i + 1].IsPunct(".") && t[i + 2].kind == Token::Kind::kName) {
    return t[i + 2].text;
  }
  if (i + 3 < t.size() && t[i + 1].IsPunct("[") && t[i + 2].kind == Token::Kind::kString &&
      t[i + 3].IsPunct("]")) {
    return t[i + 2].text;
  }
  return "";
}

// File-level string constants: `local NAME = "literal"` not continued by an operator.
std::map<std::string, std::string> StringConstants(const Tokens& t) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i + 3 < t.size(); ++i) {
    if (t[i].IsName("local") && t[i + 1].kind == Token::Kind::kName && t[i + 2].IsPunct("=") &&
        t[i + 3].kind == Token::Kind::kString &&
        (i + 4 >= t.size() || !(t[i + 4].IsPunct("..") || t[i + 4].IsPunct(",")))) {
      out[t[i + 1].text] = t[i + 3].text;
    }
  }
  return out;
}

void ScanRegexCalls(const std::string& file, const Tokens& t, const std::set<std::string>& aliases,
                    SourceScan* out) {
  const std::map<std::string, std::string> constants = StringConstants(t);
  for (size_t i = 0; i + 3 < t.size(); ++i) {
    if (!t[i].IsName("re") || !t[i + 1].IsPunct(".") ||
        !(t[i + 2].IsName("test") || t[i + 2].IsName("match") || t[i + 2].IsName("full")) ||
        !t[i + 3].IsPunct("(") || (i > 0 && (t[i - 1].IsPunct(".") || t[i - 1].IsPunct(":")))) {
      continue;
    }
    // Skip the subject: up to the comma at depth 1.
    size_t j = i + 4;
    int depth = 1;
    for (; j < t.size() && depth > 0; ++j) {
      if (t[j].IsPunct("(") || t[j].IsPunct("{") || t[j].IsPunct("[")) ++depth;
      if (t[j].IsPunct(")") || t[j].IsPunct("}") || t[j].IsPunct("]")) --depth;
      if (depth == 1 && t[j].IsPunct(",")) break;
    }
    if (j + 2 >= t.size() || !t[j].IsPunct(",")) continue;
    const Token& arg = t[j + 1];
    const bool ends = t[j + 2].IsPunct(")") || t[j + 2].IsPunct(",");
    if (arg.kind == Token::Kind::kString && ends) {
      out->regex_literals.push_back({file, arg.line, arg.text});
    } else if (arg.kind == Token::Kind::kName && ends && constants.count(arg.text)) {
      out->regex_literals.push_back({file, arg.line, constants.at(arg.text)});
    } else {
      // ctx.params.NAME, params.NAME or alias.NAME as the whole argument.
      size_t k = j + 1;
      if (k + 2 < t.size() && t[k].kind == Token::Kind::kName && t[k + 1].IsPunct(".") &&
          t[k + 2].IsName("params")) {
        k += 2;
      }
      std::string name = ParamReadAt(t, k, aliases);
      if (!name.empty()) out->params_as_regex.insert(name);
    }
  }
}

}  // namespace

SourceScan ScanSource(const std::map<std::string, std::string>& files) {
  SourceScan out;
  for (const auto& [file, text] : files) {
    const Tokens t = Tokenize(text);
    const std::set<std::string> aliases = ParamAliases(t);
    for (size_t i = 0; i < t.size(); ++i) {
      std::string name = ParamReadAt(t, i, aliases);
      if (!name.empty()) out.params_read.insert(name);
    }
    ScanRegexCalls(file, t, aliases, &out);
  }
  return out;
}

uint32_t LineOfAssignment(const std::string& text, uint32_t from_line, const std::string& name) {
  const Tokens t = Tokenize(text);
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].line >= from_line && t[i].kind == Token::Kind::kName && t[i].text == name &&
        t[i + 1].IsPunct("=") && (i == 0 || !t[i - 1].IsPunct("."))) {
      return t[i].line;
    }
  }
  return from_line;
}

}  // namespace aimsgate::lint
