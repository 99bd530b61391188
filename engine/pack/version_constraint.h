// Version constraints of `extends`: which versions of a parent pack a child accepts.
//
//   ">=0.1, <1.0"   every comparison must hold (>=, >, <=, <, =)
//   "^0.1"          caret: >=0.1 and below the next change of the first non-zero part (<0.2)
//   "0.1.0"         exactly that version (as "=0.1.0")
// Versions are dotted numbers compared part by part; a missing part counts as 0.
#pragma once

#include <string>
#include <string_view>

namespace aimsgate {

// Compares dotted versions numerically: "0.10" > "0.9", "1.0" == "1.0.0".
int CompareVersions(std::string_view a, std::string_view b);

// True when the text is a dotted version: digits separated by single dots.
bool IsVersion(std::string_view text);

// Whether `version` satisfies `constraint`. On a malformed constraint returns false and sets
// `*error` to the reason; `error` is left empty otherwise.
bool SatisfiesConstraint(std::string_view version, std::string_view constraint, std::string* error);

}  // namespace aimsgate
