// "Did you mean": the candidates closest to a misspelt id, by edit distance.
#pragma once

#include <string>
#include <vector>

namespace aimsgate::lint {

// Up to `max` of `candidates` within a small edit distance of `id` (at most 2, or a third of
// its length if longer), closest first, ties in the candidates' order.
std::vector<std::string> SimilarIds(const std::string& id,
                                    const std::vector<std::string>& candidates, size_t max);

}  // namespace aimsgate::lint
