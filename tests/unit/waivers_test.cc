// Waivers: parsing with located errors, subject globs, and applying them to findings as of a
// date (inclusive expiry, approval required, only fail and insufficient_evidence waivable).
#include "aimsgate/waivers.h"

#include <gtest/gtest.h>

namespace aimsgate {
namespace {

std::string File(const std::string& entries) {
  return R"({"kind": "waivers", "schema_version": "1.0", "waivers": [)" + entries + "]}";
}

const char* kValid = R"({"id": "W-1", "control": "A.6.2.4", "subject": "credit-*",
  "justification": "accepted until the refresh", "approver": "Head of Model Risk",
  "approved": "2026-11-01", "expires": "2026-11-24"})";

Finding FailingFinding(const std::string& control, const std::string& evidence_id,
                       FindingStatus status = FindingStatus::kFail) {
  Finding f;
  f.control = control;
  f.status = status;
  f.message = "below threshold";
  f.evidence = EvidenceRef{evidence_id + ".json", "model_card", evidence_id, "", 1, 1, false};
  return f;
}

TEST(WaiverParse, ReadsEveryField) {
  Result<std::vector<Waiver>> w = ParseWaivers(File(kValid), "w.json");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_EQ(w->size(), 1u);
  EXPECT_EQ((*w)[0].id, "W-1");
  EXPECT_EQ((*w)[0].subject, "credit-*");
  EXPECT_EQ((*w)[0].approver, "Head of Model Risk");
  EXPECT_EQ((*w)[0].expires, "2026-11-24");
  EXPECT_EQ((*w)[0].line, 1u);
}

TEST(WaiverParse, ReportsEveryProblemWithPointerAndLine) {
  const std::string text = File(R"({"id": "W-1", "control": "A.6.2.4", "subject": "x",
    "expires": "2026-13-01", "note": "?"},
    {"id": "W-1", "control": "A.7.5", "subject": "y", "justification": "j", "expires": "2026-12-01"})");
  Result<std::vector<Waiver>> w = ParseWaivers(text, "w.json");
  ASSERT_FALSE(w.ok());
  std::vector<std::string> got;
  const Status status = w.status();
  for (const Diagnostic& d : status.diagnostics()) got.push_back(d.ToString());
  const std::vector<std::string> expected = {
      "w.json:1:58 (/waivers/0): error: missing \"justification\"",
      "w.json:2:16 (/waivers/0/expires): error: \"expires\" must be a calendar date "
      "YYYY-MM-DD, not \"2026-13-01\"",
      "w.json:2:38 (/waivers/0/note): error: unknown field \"note\" (known: id, "
      "control, subject, justification, approver, approved, expires)",
      "w.json:3:12 (/waivers/1/id): error: duplicate waiver id \"W-1\" (first at line 1)"};
  EXPECT_EQ(got, expected);
}

TEST(WaiverParse, BadJsonIsLocated) {
  Result<std::vector<Waiver>> w = ParseWaivers("{\"kind\": \"waivers\",}", "w.json");
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().ToString().find("w.json:1:"), std::string::npos) << w.status().ToString();
}

TEST(WaiverGlob, StarAndQuestionMark) {
  EXPECT_TRUE(WaiverSubjectMatches("credit-*", "credit-a"));
  EXPECT_TRUE(WaiverSubjectMatches("credit-*", "credit-"));
  EXPECT_TRUE(WaiverSubjectMatches("*-pd", "acme-retail-credit-pd"));
  EXPECT_TRUE(WaiverSubjectMatches("run-?", "run-7"));
  EXPECT_FALSE(WaiverSubjectMatches("run-?", "run-17"));
  EXPECT_FALSE(WaiverSubjectMatches("credit-*", "fraud-credit-a"));
  EXPECT_FALSE(WaiverSubjectMatches("credit-a", "credit-ab"));
}

TEST(WaiverApply, HoldsOnItsExpiryDayAndNotAfter) {
  std::vector<Waiver> waivers = ParseWaivers(File(kValid), "w.json").value();
  Report on_the_day;
  on_the_day.findings.push_back(FailingFinding("A.6.2.4", "credit-a"));
  ApplyWaivers(waivers, "2026-11-24", &on_the_day);
  EXPECT_EQ(on_the_day.findings[0].status, FindingStatus::kWaived);
  ASSERT_TRUE(on_the_day.findings[0].waiver.has_value());
  EXPECT_EQ(on_the_day.findings[0].waiver->original_status, FindingStatus::kFail);
  EXPECT_EQ(on_the_day.waivers[0].state, WaiverOutcome::State::kApplied);

  Report day_after;
  day_after.findings.push_back(FailingFinding("A.6.2.4", "credit-a"));
  ApplyWaivers(waivers, "2026-11-25", &day_after);
  EXPECT_EQ(day_after.findings[0].status, FindingStatus::kFail);
  EXPECT_FALSE(day_after.findings[0].waiver.has_value());
  EXPECT_EQ(day_after.findings[0].waiver_rejected,
            "waiver W-1 for A.6.2.4 expired on 2026-11-24, so it does not apply");
  EXPECT_EQ(day_after.findings[0].message,
            "waiver W-1 for A.6.2.4 expired on 2026-11-24, so it does not apply. below threshold");
  EXPECT_EQ(day_after.waivers[0].state, WaiverOutcome::State::kExpired);
}

TEST(WaiverApply, NeedsApprovalOnOrBeforeAsOf) {
  std::vector<Waiver> waivers = ParseWaivers(File(kValid), "w.json").value();
  Report report;
  report.findings.push_back(FailingFinding("A.6.2.4", "credit-a"));
  ApplyWaivers(waivers, "2026-10-31", &report);
  EXPECT_EQ(report.findings[0].status, FindingStatus::kFail);
  EXPECT_EQ(report.waivers[0].state, WaiverOutcome::State::kNotApproved);

  waivers[0].approver.clear();
  Report unapproved;
  unapproved.findings.push_back(FailingFinding("A.6.2.4", "credit-a"));
  ApplyWaivers(waivers, "2026-11-10", &unapproved);
  EXPECT_EQ(unapproved.findings[0].status, FindingStatus::kFail);
  EXPECT_EQ(unapproved.waivers[0].message,
            "waiver W-1 for A.6.2.4 is not approved (it names no approver)");
}

TEST(WaiverApply, WaivesOnlyGapsOfTheNamedControlAndSubject) {
  std::vector<Waiver> waivers = ParseWaivers(File(kValid), "w.json").value();
  Report report;
  report.findings.push_back(
      FailingFinding("A.6.2.4", "credit-a", FindingStatus::kInsufficientEvidence));
  report.findings.push_back(FailingFinding("A.6.2.4", "credit-b", FindingStatus::kError));
  report.findings.push_back(FailingFinding("A.6.2.4", "fraud"));
  report.findings.push_back(FailingFinding("A.7.5", "credit-a"));
  ApplyWaivers(waivers, "2026-11-10", &report);
  EXPECT_EQ(report.findings[0].status, FindingStatus::kWaived);
  EXPECT_EQ(report.findings[0].waiver->original_status, FindingStatus::kInsufficientEvidence);
  EXPECT_EQ(report.findings[1].status, FindingStatus::kError);
  EXPECT_EQ(report.findings[2].status, FindingStatus::kFail);
  EXPECT_EQ(report.findings[3].status, FindingStatus::kFail);
  EXPECT_EQ(report.waivers[0].findings, std::vector<std::string>{"A.6.2.4@credit-a"});
}

TEST(WaiverApply, AValidWaiverNamingNothingIsUnmatched) {
  std::vector<Waiver> waivers = ParseWaivers(File(kValid), "w.json").value();
  Report report;
  Finding pass = FailingFinding("A.6.2.4", "credit-a", FindingStatus::kPass);
  report.findings.push_back(pass);
  ApplyWaivers(waivers, "2026-11-10", &report);
  EXPECT_EQ(report.findings[0].status, FindingStatus::kPass);
  EXPECT_EQ(report.waivers[0].state, WaiverOutcome::State::kUnmatched);
  EXPECT_TRUE(report.waivers[0].findings.empty());
}

}  // namespace
}  // namespace aimsgate
