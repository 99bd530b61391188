// A report built by hand for the writer tests: one finding of every status (a waived one
// with its waiver, a blocking not_evaluated one, a fail with several violations), and text
// that is hard to quote: commas, quotes, line breaks, pipes, percent signs, markup, and a
// message that looks like a spreadsheet formula.
#pragma once

#include "aimsgate/report.h"

namespace aimsgate::clitest {

inline constexpr const char* kTrickyMessage =
    "value \"a, b\" | 50% of <x> & y\nsecond line: ok, done";

inline Report TrickyReport() {
  Report r;
  r.tool_version = "0.1.0";
  r.pack_id = "demo";
  r.pack_version = "1.0.0";
  r.pack_digest = "sha256:" + std::string(64, 'a');
  r.as_of = "2026-11-24";
  r.evidence = {{"cards/card, one.json", "model_card", "card-1", "sha256:" + std::string(64, 'b')},
                {"cards/card2.json", "model_card", "card-2", "sha256:" + std::string(64, 'c')}};
  auto finding = [&](const char* control, FindingStatus status, const EvidenceSummary* e,
                     const std::string& message) {
    Finding f;
    f.control = control;
    f.title = std::string("Title of ") + control + ", with a comma";
    f.status = status;
    f.severity = Severity::kHigh;
    f.citations = {"A.6.2.4", "8.1"};
    f.message = message;
    if (e != nullptr) f.evidence = EvidenceRef{e->path, e->kind, e->id, "/metrics/0", 7, 3, false};
    return f;
  };
  const EvidenceSummary* one = &r.evidence[0];
  const EvidenceSummary* two = &r.evidence[1];

  Finding pass = finding("C-1", FindingStatus::kPass, one, "all good");
  Finding fail = finding("C-2", FindingStatus::kFail, one, kTrickyMessage);
  fail.violations = {{FindingStatus::kFail, "/metrics/0", 7, 3, false, kTrickyMessage, {}},
                     {FindingStatus::kFail, "/metrics/4", 19, 5, false, "=HYPERLINK(\"x\")", {}}};
  fail.tasks = {"T-000000000001"};
  fail.blocking = true;
  Finding insufficient =
      finding("C-3", FindingStatus::kInsufficientEvidence, two, "-nothing at /owner");
  insufficient.violations = {
      {FindingStatus::kInsufficientEvidence, "/owner", 1, 1, true, "-nothing at /owner", {}}};
  insufficient.severity = Severity::kLow;  // below --fail-on: not blocking
  Finding not_applicable = finding("C-4", FindingStatus::kNotApplicable, two, "@no supplier");
  Finding waived = finding("C-5", FindingStatus::kWaived, two, "retention is 90 days");
  waived.violations = {
      {FindingStatus::kFail, "/logging/retention_days", 12, 9, false, "retention is 90 days", {}}};
  waived.waiver = AppliedWaiver{"W-7",
                                "waivers.json",
                                4,
                                FindingStatus::kFail,
                                "accepted until the log store moves, see RISK-12",
                                "CISO",
                                "2026-10-01",
                                "2027-01-31"};
  Finding error = finding("C-6", FindingStatus::kError, two, "check.lua:3: attempt to index nil");
  error.blocking = true;
  Finding not_evaluated = finding("C-7", FindingStatus::kNotEvaluated, nullptr,
                                  "no document of kind pipeline_run was given");
  not_evaluated.blocking = true;
  r.findings = {pass, fail, insufficient, not_applicable, waived, error, not_evaluated};
  for (const Finding& f : r.findings) r.summary[static_cast<int>(f.status)] += 1;
  r.tasks = {{"T-000000000001", "C-2", "Fix the metric, then re-run", "ml-engineering", "P2",
              "2026-12-24", "card-1", {"card-1"}, {"C-2@card-1"}, "metric below threshold"}};
  r.gate = {false, Severity::kMedium, true, 3};
  return r;
}

}  // namespace aimsgate::clitest
