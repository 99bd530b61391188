// The bundled ISO/IEC 42001 pack as a whole: it encodes exactly the registry's requirements,
// and its own cases pass and exercise every control both ways.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "aimsgate/engine.h"
#include "aimsgate/pack_tests.h"
#include "registry/registry.h"

namespace aimsgate {
namespace {

const std::string kPackDir = std::string(AIMSGATE_SOURCE_DIR) + "/policies/iso42001";

TEST(BundledPack, ControlIdsAreExactlyTheRegistry) {
  Engine engine;
  ASSERT_TRUE(engine.LoadPack(PackSource::Bundled()).ok());
  std::set<std::string> loaded, registry;
  for (const ControlInfo& c : engine.pack().controls) loaded.insert(c.id);
  for (const RegistryEntry& e : Iso42001Registry::Get().entries()) registry.insert(e.id);
  EXPECT_EQ(registry.size(), 70u);
  std::vector<std::string> missing, invented;
  for (const std::string& id : registry) {
    if (!loaded.count(id)) missing.push_back(id);
  }
  for (const std::string& id : loaded) {
    if (!registry.count(id)) invented.push_back(id);
  }
  EXPECT_TRUE(missing.empty()) << "missing: " << ::testing::PrintToString(missing);
  EXPECT_TRUE(invented.empty()) << "not in the registry: " << ::testing::PrintToString(invented);
  EXPECT_EQ(engine.pack().controls.size(), loaded.size()) << "duplicate control ids";
}

TEST(BundledPack, EmbeddedCopyMatchesTheSourceTree) {
  Result<PackSource> on_disk = PackSource::FromDirectory(kPackDir);
  ASSERT_TRUE(on_disk.ok()) << on_disk.status().ToString();
  EXPECT_EQ(on_disk->files(), PackSource::Bundled().files());
}

TEST(BundledPack, EveryControlHasTitleRemediationAndOwner) {
  Engine engine;
  ASSERT_TRUE(engine.LoadPack(PackSource::Bundled()).ok());
  for (const ControlInfo& c : engine.pack().controls) {
    EXPECT_FALSE(c.title.empty()) << c.id;
    EXPECT_FALSE(c.description.empty()) << c.id << " has no description";
    ASSERT_FALSE(c.remediation.empty()) << c.id;
    for (const RemediationSpec& r : c.remediation) EXPECT_FALSE(r.owner.empty()) << c.id;
  }
}

TEST(BundledPack, CasesPassAndCoverEveryControlBothWays) {
  Result<PackSource> source = PackSource::FromDirectory(kPackDir);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  Engine engine;
  ASSERT_TRUE(engine.LoadPack(*source).ok());
  Result<PackTestResult> result = RunPackTests(engine, kPackDir + "/tests");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  for (const PackTestCase& c : result->cases) {
    EXPECT_TRUE(c.passed) << c.path << ":\n  " << ::testing::PrintToString(c.problems)
                          << (c.mismatches.empty()
                                  ? ""
                                  : c.mismatches.front().key + ": " + c.mismatches.front().actual);
  }
  // Coverage counts only cases that passed: a failing case proves nothing.
  std::map<std::string, std::set<FindingStatus>> seen;
  for (const PackTestCase& c : result->cases) {
    if (!c.passed) continue;
    for (const auto& [control, status] : c.exercised) seen[control].insert(status);
  }
  for (const ControlInfo& c : engine.pack().controls) {
    EXPECT_TRUE(seen[c.id].count(FindingStatus::kPass)) << c.id << " has no passing case";
    EXPECT_TRUE(seen[c.id].count(FindingStatus::kFail)) << c.id << " has no failing case";
  }
}

}  // namespace
}  // namespace aimsgate
