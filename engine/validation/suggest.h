// "Did you mean ...?": the allowed name closest to a misspelled one. A measure of its own, not
// util/edit_distance.h's: member names are matched ignoring case and a swap counts 1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aimsgate::validation {

// The optimal-string-alignment distance between `a` and `b`: insertions, deletions,
// substitutions and swaps of adjacent characters each count 1. Case-insensitive (ASCII).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when it is close enough to be a plausible misspelling (at
// most a quarter of the word's length apart, between 1 and 3 edits, and fewer edits than the
// word has characters); ties go to the first.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace aimsgate::validation
