// Static scans of a pack's Lua source, token by token (comments ignored). Heuristics, stated
// exactly so their limits are known:
// - a param is read where the source says `params.NAME`, `params["NAME"]`, or `ALIAS.NAME`
//   after `local ALIAS = ctx.params` (or `= params`), in any file of the pack;
// - a regular expression is the second argument of `re.test`, `re.match` or `re.full` when it
//   is a string literal, a file-level `local NAME = "literal"`, or a param read as above.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace aimsgate::lint {

struct RegexUse {
  std::string file;  // pack-relative
  uint32_t line = 0;
  std::string pattern;
};

struct SourceScan {
  std::set<std::string> params_read;      // names of params the source reads
  std::set<std::string> params_as_regex;  // params passed to re.* as the pattern
  std::vector<RegexUse> regex_literals;   // literal patterns, where they are passed
};

// Scans every file of `files` (pack-relative path -> Lua source).
SourceScan ScanSource(const std::map<std::string, std::string>& files);

// The first line at or after `from_line` of `text` where `name` is assigned (`name =`), or
// `from_line` if there is none: where a param or field is declared.
uint32_t LineOfAssignment(const std::string& text, uint32_t from_line, const std::string& name);

}  // namespace aimsgate::lint
