// The Levenshtein distance shared by pack lint's and the registry's "did you mean".
#include "util/edit_distance.h"

#include <gtest/gtest.h>

namespace aimsgate {
namespace {

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("A.6.2.44", "A.6.2.4"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
}

TEST(EditDistanceTest, IsCaseSensitiveAndCountsASwapAsTwo) {
  // Unlike the validator's measure (validation/suggest.h).
  EXPECT_EQ(EditDistance("Owner", "owner"), 1u);
  EXPECT_EQ(EditDistance("nmae", "name"), 2u);
}

}  // namespace
}  // namespace aimsgate
