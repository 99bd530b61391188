// The Levenshtein distance, behind every "did you mean" on ids (pack lint, the ISO registry).
// The evidence validator's suggestions use another measure on purpose (case-insensitive, a
// swap of adjacent letters counts 1: validation/suggest.h) and so do not share this one.
#pragma once

#include <cstddef>
#include <string_view>

namespace aimsgate {

// The fewest insertions, deletions and substitutions of single bytes that turn `a` into `b`.
// Case-sensitive.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace aimsgate
