// The ISO/IEC 42001 identifier registry: its exact contents, identifier shapes, typo hints.
#include "registry/registry.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "aimsgate/json_tree.h"

namespace aimsgate {
namespace {

TEST(RegistryTest, ExactlyThirtyTwoClausesAndThirtyEightAnnexAControls) {
  const Iso42001Registry& r = Iso42001Registry::Get();
  int clauses = 0, annex_a = 0;
  for (const RegistryEntry& e : r.entries()) (e.annex_a ? annex_a : clauses) += 1;
  EXPECT_EQ(clauses, 32);
  EXPECT_EQ(annex_a, 38);
  EXPECT_EQ(r.entries().size(), 70u);
}

TEST(RegistryTest, IdentifiersAreUniqueAndTitled) {
  std::set<std::string> seen;
  for (const RegistryEntry& e : Iso42001Registry::Get().entries()) {
    EXPECT_TRUE(seen.insert(e.id).second) << "duplicate " << e.id;
    EXPECT_FALSE(e.title.empty()) << e.id;
    EXPECT_TRUE(LooksLikeIsoIdentifier(e.id)) << e.id;
    EXPECT_EQ(e.annex_a, e.id.rfind("A.", 0) == 0) << e.id;
  }
}

TEST(RegistryTest, MatchesTheSharedReference) {
  std::ifstream in(AIMSGATE_SHARED_DIR "/reference/iso42001.json", std::ios::binary);
  if (!in) GTEST_SKIP() << "no shared reference at " AIMSGATE_SHARED_DIR;
  std::stringstream text;
  text << in.rdbuf();
  Result<JsonTree> parsed = JsonTree::Parse(text.str(), "iso42001.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  std::set<std::string> reference;
  const JsonTree& t = parsed.value();
  for (const char* section : {"clauses", "annex_a"}) {
    NodeId groups = t.member(t.root(), section);
    ASSERT_NE(groups, kNoNode) << section;
    for (uint32_t g = 0; g < t.size(groups); ++g) {
      NodeId items = t.member(t.child(groups, g), section == std::string("clauses") ? "subclauses"
                                                                                 : "controls");
      for (uint32_t i = 0; items != kNoNode && i < t.size(items); ++i) {
        reference.insert(std::string(t.string(t.member(t.child(items, i), "id"))));
      }
    }
  }
  std::set<std::string> ours;
  for (const RegistryEntry& e : Iso42001Registry::Get().entries()) ours.insert(e.id);
  EXPECT_EQ(ours, reference);
}

TEST(RegistryTest, FindsKnownIdentifiers) {
  const Iso42001Registry& r = Iso42001Registry::Get();
  for (const char* id : {"4.1", "6.1.2", "7.5.3", "9.3.3", "10.2", "A.2.2", "A.6.2.4", "A.10.4"}) {
    ASSERT_NE(r.Find(id), nullptr) << id;
    EXPECT_EQ(r.Find(id)->id, id);
  }
  for (const char* id : {"A.6.10", "6.1", "4.5", "A.1.1", "A.11.2", "11.1", "", "a.6.2.4", "A.6.2.4 "}) {
    EXPECT_FALSE(r.Contains(id)) << "'" << id << "'";
  }
}

TEST(RegistryTest, LooksLikeIsoIdentifier) {
  for (const char* id : {"4.1", "6.1.2", "A.6.2.4", "A.6.10", "10", "A.99"}) {
    EXPECT_TRUE(LooksLikeIsoIdentifier(id)) << id;
  }
  for (const char* id : {"ACME-1", "A.", "A", "", ".4", "4.", "A.6.2.4a", "B.6.2.4", "6-1", "A 6.1"}) {
    EXPECT_FALSE(LooksLikeIsoIdentifier(id)) << "'" << id << "'";
  }
}

TEST(RegistryTest, SuggestsTheNearestIdentifierForTypos) {
  const Iso42001Registry& r = Iso42001Registry::Get();
  const std::string for_a610 = r.Suggest("A.6.10");
  EXPECT_TRUE(for_a610 == "A.6.1.2" || for_a610 == "A.6.1.3") << for_a610;
  EXPECT_EQ(r.Suggest("A.6.2.44"), "A.6.2.4");
  EXPECT_EQ(r.Suggest("A.10.22"), "A.10.2");
  EXPECT_EQ(r.Suggest("6.1.22"), "6.1.2");
  EXPECT_TRUE(r.Contains(r.Suggest("A.7.7")));
}

TEST(RegistryTest, SuggestsNothingForUnrelatedIds) {
  const Iso42001Registry& r = Iso42001Registry::Get();
  EXPECT_EQ(r.Suggest("ACME-COMPLIANCE-1"), "");
  EXPECT_EQ(r.Suggest("A.99.99.99"), "");
}

}  // namespace
}  // namespace aimsgate
