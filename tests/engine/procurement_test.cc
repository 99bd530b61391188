// Vendor scoring: weights, tiers and ranking, on reports built by hand so each rule is isolated.
#include <gtest/gtest.h>

#include "aimsgate/procurement.h"

namespace aimsgate {
namespace {

Evidence Vendor(const std::string& id, const std::string& name) {
  std::string text = R"({"kind": "vendor_questionnaire", "schema_version": "1.0", "id": ")" + id +
                     R"(", "vendor": {"name": ")" + name + R"("}})";
  Result<Evidence> ev = ParseEvidence(text, id + ".json");
  EXPECT_TRUE(ev.ok());
  return std::move(ev).value();
}

Finding On(const std::string& vendor, const std::string& control, Severity severity,
           FindingStatus status) {
  Finding f;
  f.control = control;
  f.severity = severity;
  f.status = status;
  f.blocking = status == FindingStatus::kFail || status == FindingStatus::kInsufficientEvidence;
  f.evidence = EvidenceRef{vendor + ".json", "vendor_questionnaire", vendor, "", 1, 1, false};
  if (status != FindingStatus::kPass) {
    f.violations.push_back({status, "/answers/X", 3, 5, false, "reason for " + control, {}});
  }
  return f;
}

PackInfo Pack() {
  PackInfo pack;
  for (const char* id : {"C-CRIT", "C-HIGH", "C-MED", "C-LOW"}) {
    ControlInfo c;
    c.id = id;
    pack.controls.push_back(c);
  }
  return pack;
}

TEST(VendorScoring, WeighsControlsBySeverityAndLeavesNotApplicableOut) {
  Report report;
  report.findings = {On("a", "C-CRIT", Severity::kCritical, FindingStatus::kPass),
                     On("a", "C-HIGH", Severity::kHigh, FindingStatus::kPass),
                     On("a", "C-MED", Severity::kMedium, FindingStatus::kFail),
                     On("a", "C-LOW", Severity::kLow, FindingStatus::kNotApplicable)};
  VendorComparison c = CompareVendors(report, {Vendor("a", "Alpha")}, Pack());
  ASSERT_EQ(c.vendors.size(), 1u);
  const VendorScore& v = c.vendors[0];
  EXPECT_EQ(v.earned, 12u);    // critical 8 + high 4
  EXPECT_EQ(v.possible, 14u);  // + medium 2; the not_applicable low control is not judged
  EXPECT_EQ(v.score_permille, 857u);
  EXPECT_EQ(v.vendor, "Alpha");
  ASSERT_EQ(v.issues.size(), 1u);
  EXPECT_EQ(v.issues[0].control, "C-MED");
  EXPECT_EQ(v.issues[0].line, 3u);
  EXPECT_EQ(v.tier, RiskTier::kLow);  // 85.7% and no critical or high gap
}

TEST(VendorScoring, InsufficientEvidenceCountsAgainstTheVendor) {
  Report report;
  report.findings = {On("a", "C-HIGH", Severity::kHigh, FindingStatus::kInsufficientEvidence),
                     On("a", "C-MED", Severity::kMedium, FindingStatus::kPass)};
  VendorComparison c = CompareVendors(report, {Vendor("a", "Alpha")}, Pack());
  EXPECT_EQ(c.vendors[0].earned, 2u);
  EXPECT_EQ(c.vendors[0].possible, 6u);
  EXPECT_EQ(c.vendors[0].tier, RiskTier::kHigh);  // 33.3%
}

TEST(VendorScoring, ACriticalGapIsHighRiskWhateverTheScore) {
  Report report;
  report.findings = {On("a", "C-CRIT", Severity::kCritical, FindingStatus::kFail)};
  for (int i = 0; i < 40; ++i) {
    report.findings.push_back(On("a", "C-HIGH", Severity::kHigh, FindingStatus::kPass));
  }
  VendorComparison c = CompareVendors(report, {Vendor("a", "Alpha")}, Pack());
  EXPECT_GT(c.vendors[0].score_permille, 950u);
  EXPECT_EQ(c.vendors[0].tier, RiskTier::kHigh);
}

TEST(VendorScoring, RanksByScoreThenBlockingThenNameAndFillsTheMatrix) {
  Report report;
  report.findings = {On("b", "C-HIGH", Severity::kHigh, FindingStatus::kPass),
                     On("a", "C-HIGH", Severity::kHigh, FindingStatus::kPass),
                     On("c", "C-HIGH", Severity::kHigh, FindingStatus::kFail)};
  VendorComparison c = CompareVendors(
      report, {Vendor("c", "Gamma"), Vendor("b", "Beta"), Vendor("a", "Alpha")}, Pack());
  ASSERT_EQ(c.vendors.size(), 3u);
  EXPECT_EQ(c.vendors[0].vendor, "Alpha");  // a tie on score and blocking: by name
  EXPECT_EQ(c.vendors[1].vendor, "Beta");
  EXPECT_EQ(c.vendors[2].vendor, "Gamma");
  EXPECT_EQ(c.vendors[2].rank, 3u);
  ASSERT_EQ(c.controls.size(), 1u);  // only controls judged on some vendor are rows
  EXPECT_EQ(c.controls[0].id, "C-HIGH");
  EXPECT_EQ(c.vendors[2].status_by_control[0], FindingStatus::kFail);
}

}  // namespace
}  // namespace aimsgate
