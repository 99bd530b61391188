#include "lint/suggest.h"

#include <algorithm>

#include "util/edit_distance.h"

namespace aimsgate::lint {

std::vector<std::string> SimilarIds(const std::string& id,
                                    const std::vector<std::string>& candidates, size_t max) {
  const size_t limit = std::max<size_t>(2, id.size() / 3);
  std::vector<std::pair<size_t, size_t>> scored;  // (distance, index)
  for (size_t i = 0; i < candidates.size(); ++i) {
    const size_t d = EditDistance(id, candidates[i]);
    if (d <= limit) scored.emplace_back(d, i);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (size_t k = 0; k < scored.size() && out.size() < max; ++k)
    out.push_back(candidates[scored[k].second]);
  return out;
}

}  // namespace aimsgate::lint
