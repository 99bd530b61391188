// Engine integration: inline packs evaluated against inline evidence.
#include "aimsgate/engine.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "eval/report_builder.h"
#include "support/inline_pack.h"

namespace aimsgate {
namespace {

using testing::AsOf;
using testing::Card;
using testing::Doc;
using testing::Dump;
using testing::FindingOf;
using testing::FindingsOf;
using testing::InlinePack;
using testing::TaskById;

constexpr const char* kCard = R"json(
{"kind": "model_card", "schema_version": "1.0", "id": "m1",
 "metrics": [
   {"type": "auc", "value": 0.71, "threshold": 0.8},
   {"type": "f1", "value": 0.9, "threshold": 0.85},
   {"type": "recall", "value": 0.5, "threshold": 0.6}
 ]}
)json";

constexpr const char* kOrg = R"json(
{"kind": "organization", "schema_version": "1.0", "id": "acme"}
)json";

// EvalOptions with the fields a test cares about; the rest keep their defaults.
EvalOptions Gate(Severity fail_on, bool require_evidence = false) {
  EvalOptions o;
  o.fail_on = fail_on;
  o.require_evidence = require_evidence;
  return o;
}
EvalOptions Only(std::vector<std::string> controls) {
  EvalOptions o;
  o.as_of = "2026-11-24";
  o.controls = std::move(controls);
  return o;
}

class EngineTest : public ::testing::Test {
 protected:
  // Loads `module` as annex_a/x.lua and evaluates `docs`.
  Report Run(std::string_view module, const std::vector<Evidence>& docs, EvalOptions options = {}) {
    pack_.File("annex_a/x.lua", module);
    const Status s = pack_.Load();
    if (!s.ok()) {
      ADD_FAILURE() << testing::Diagnostics(s);
      return Report{};
    }
    return pack_.Eval(docs, options);
  }

  InlinePack pack_;
};

// ---------------------------------------------------------------------------------------------
// Statuses

constexpr const char* kOneOfEachStatus = R"lua(
control "PASS-1" {
  title = "Passes", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) ctx:pass("three metrics recorded") end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "FAIL-1" {
  title = "Fails", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) ctx:fail("/metrics/0/value", "auc below threshold") end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "INSUFFICIENT-1" {
  title = "Lacks", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) ctx:insufficient("/intended_use", "no intended use recorded") end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "NA-1" {
  title = "Not applicable", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) ctx:not_applicable("the system is not high-risk") end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "ERROR-1" {
  title = "Errors", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    error("boom")
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "ORG-1" {
  title = "Needs an organization", citations = { "5.2" }, applies_to = { "organization" },
  severity = "high",
  check = function(doc, ctx) end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua";

TEST_F(EngineTest, EveryStatusAChecksCanReach) {
  Report r = Run(kOneOfEachStatus, {Doc(kCard, "card.json")});
  ASSERT_EQ(r.findings.size(), 6u) << Dump(r);

  const Finding* pass = FindingOf(r, "PASS-1", "m1");
  ASSERT_NE(pass, nullptr);
  EXPECT_EQ(pass->status, FindingStatus::kPass);
  EXPECT_EQ(pass->message, "three metrics recorded");
  EXPECT_TRUE(pass->violations.empty());

  const Finding* fail = FindingOf(r, "FAIL-1", "m1");
  ASSERT_NE(fail, nullptr);
  EXPECT_EQ(fail->status, FindingStatus::kFail);
  EXPECT_EQ(fail->message, "auc below threshold");
  EXPECT_EQ(fail->evidence->pointer, "/metrics/0/value");
  EXPECT_EQ(fail->evidence->path, "card.json");
  EXPECT_EQ(fail->evidence->kind, "model_card");
  EXPECT_EQ(fail->evidence->line, 3u);
  EXPECT_EQ(fail->evidence->column, 29u);
  EXPECT_EQ(fail->citations, std::vector<std::string>{"A.6.2.4"});
  EXPECT_EQ(fail->severity, Severity::kHigh);
  EXPECT_EQ(fail->title, "Fails");

  const Finding* insufficient = FindingOf(r, "INSUFFICIENT-1", "m1");
  ASSERT_NE(insufficient, nullptr);
  EXPECT_EQ(insufficient->status, FindingStatus::kInsufficientEvidence);
  EXPECT_EQ(insufficient->message, "no intended use recorded");
  EXPECT_EQ(insufficient->evidence->pointer, "/intended_use");

  const Finding* na = FindingOf(r, "NA-1", "m1");
  ASSERT_NE(na, nullptr);
  EXPECT_EQ(na->status, FindingStatus::kNotApplicable);
  EXPECT_EQ(na->message, "the system is not high-risk");

  const Finding* error = FindingOf(r, "ERROR-1", "m1");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->status, FindingStatus::kError);
  EXPECT_EQ(error->message, "check failed: annex_a/x.lua:24: boom");

  const Finding* not_evaluated = FindingOf(r, "ORG-1", "");
  ASSERT_NE(not_evaluated, nullptr);
  EXPECT_EQ(not_evaluated->status, FindingStatus::kNotEvaluated);
  EXPECT_FALSE(not_evaluated->evidence.has_value());
  EXPECT_EQ(not_evaluated->message, "no organization evidence was given");

  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kPass)], 1u);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kFail)], 1u);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kInsufficientEvidence)], 1u);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kNotApplicable)], 1u);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kWaived)], 0u);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kError)], 1u);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kNotEvaluated)], 1u);
}

TEST_F(EngineTest, ACheckThatSaysNothingPasses) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) if doc.x ~= 1 then ctx:fail("/x", "x is not 1") end end,
  remediation = { { key = "fix-x", title = "Set x", owner = "ml" } },
}
)lua",
                 {Card("good", 1), Card("bad", 2)});
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(FindingOf(r, "A.6.2.4", "good")->status, FindingStatus::kPass);
  EXPECT_EQ(FindingOf(r, "A.6.2.4", "good")->message, "");
  EXPECT_EQ(FindingOf(r, "A.6.2.4", "bad")->status, FindingStatus::kFail);
}

TEST_F(EngineTest, OneFindingPerControlAndDocument) {
  Report r = Run(R"lua(
control "CARD-1" {
  title = "Cards", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
control "ORG-1" {
  title = "Orgs", citations = { "5.2" }, applies_to = { "organization" }, severity = "low",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
control "BOTH-1" {
  title = "Both", citations = { "7.5.1" }, applies_to = { "model_card", "organization" },
  severity = "low",
  check = function(doc, ctx) ctx:fail(nil, "one") ctx:fail(nil, "two") end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "VENDOR-1" {
  title = "Vendors", citations = { "A.10.3" }, applies_to = { "vendor_questionnaire" },
  severity = "low",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Card("m1", 1), Doc(kOrg, "org.json"), Card("m2", 1)});
  EXPECT_EQ(FindingsOf(r, "CARD-1").size(), 2u);
  EXPECT_EQ(FindingsOf(r, "ORG-1").size(), 1u);
  EXPECT_EQ(FindingsOf(r, "BOTH-1").size(), 3u) << "two failures in one document are one finding";
  ASSERT_EQ(FindingsOf(r, "VENDOR-1").size(), 1u);
  EXPECT_EQ(FindingsOf(r, "VENDOR-1")[0]->status, FindingStatus::kNotEvaluated);
  ASSERT_EQ(r.findings.size(), 7u) << Dump(r);
  // Documents in the order given, controls in pack order, then not_evaluated.
  const char* order[][2] = {{"CARD-1", "m1"}, {"BOTH-1", "m1"}, {"ORG-1", "acme"},
                            {"BOTH-1", "acme"}, {"CARD-1", "m2"}, {"BOTH-1", "m2"},
                            {"VENDOR-1", ""}};
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(r.findings[i].control, order[i][0]) << i;
    EXPECT_EQ(r.findings[i].evidence ? r.findings[i].evidence->id : "", order[i][1]) << i;
  }
  ASSERT_EQ(r.evidence.size(), 3u);
  EXPECT_EQ(r.evidence[1].path, "org.json");
  EXPECT_EQ(r.evidence[1].kind, "organization");
  EXPECT_EQ(r.pack_id, "t");
  EXPECT_EQ(r.pack_version, "0.1.0");
  EXPECT_EQ(r.pack_digest.rfind("sha256:", 0), 0u);
  EXPECT_EQ(r.as_of, "2026-11-24");
}

// ---------------------------------------------------------------------------------------------
// Violations and where they point

TEST_F(EngineTest, FailWithSeveralViolationsKeepsThemAll) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    for i, m in ipairs(doc.metrics) do
      if m.value < m.threshold then
        ctx:fail(doc.metrics:pointer(i), ("%s = %s is below %s"):format(m.type, m.value, m.threshold))
      end
    end
  end,
  remediation = { { key = "thresholds", title = "Meet every threshold", owner = "ml" } },
}
)lua",
                 {Doc(kCard)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::kFail);
  EXPECT_EQ(f->message, "auc = 0.71 is below 0.8 (and 1 more)");
  EXPECT_EQ(f->evidence->pointer, "/metrics/0");
  EXPECT_EQ(f->evidence->line, 3u);
  EXPECT_EQ(f->evidence->column, 4u);
  ASSERT_EQ(f->violations.size(), 2u);
  EXPECT_EQ(f->violations[0].status, FindingStatus::kFail);
  EXPECT_EQ(f->violations[0].pointer, "/metrics/0");
  EXPECT_EQ(f->violations[0].line, 3u);
  EXPECT_EQ(f->violations[0].column, 4u);
  EXPECT_EQ(f->violations[0].message, "auc = 0.71 is below 0.8");
  EXPECT_FALSE(f->violations[0].missing) << "the value exists";
  EXPECT_FALSE(f->evidence->missing);
  EXPECT_EQ(f->violations[1].pointer, "/metrics/2");
  EXPECT_EQ(f->violations[1].line, 5u);
  EXPECT_EQ(f->violations[1].column, 4u);
  EXPECT_EQ(f->violations[1].message, "recall = 0.5 is below 0.6");
}

TEST_F(EngineTest, ANodeLocatesItsViolation) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    ctx:fail(doc.metrics[3], "recall too low")
    ctx:fail(doc, "the whole card")
    ctx:fail(nil, "also the whole card")
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(kCard)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->violations.size(), 3u);
  EXPECT_EQ(f->violations[0].pointer, "/metrics/2");
  EXPECT_EQ(f->violations[0].line, 5u);
  EXPECT_EQ(f->violations[1].pointer, "");
  EXPECT_EQ(f->violations[1].line, 1u);
  EXPECT_EQ(f->violations[1].column, 1u);
  EXPECT_EQ(f->violations[2].pointer, "");
  EXPECT_EQ(f->violations[2].line, 1u);
}

TEST_F(EngineTest, MissingPointerLocatesTheNearestParent) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    ctx:insufficient("/metrics/3/threshold", "no fourth metric")
    ctx:insufficient("/quantitative_analysis/performance_metrics", "no metrics section")
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(kCard)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::kInsufficientEvidence);
  ASSERT_EQ(f->violations.size(), 2u);
  EXPECT_EQ(f->violations[0].pointer, "/metrics/3/threshold") << "the pointer is kept as given";
  EXPECT_TRUE(f->violations[0].missing);
  EXPECT_TRUE(f->violations[1].missing);
  EXPECT_TRUE(f->evidence->missing);
  EXPECT_EQ(f->violations[0].line, 2u) << "at /metrics, the nearest value that exists";
  EXPECT_EQ(f->violations[0].column, 13u);
  EXPECT_EQ(f->violations[1].line, 1u) << "at the root";
  EXPECT_EQ(f->violations[1].column, 1u);
  EXPECT_EQ(f->evidence->pointer, "/metrics/3/threshold");
  EXPECT_EQ(f->evidence->line, 2u);
}

TEST_F(EngineTest, StatusPrecedenceFailThenInsufficientThenNotApplicableThenPass) {
  Report r = Run(R"lua(
local function c(id, check)
  control(id) {
    title = id, citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "medium",
    check = check, remediation = { { key = "k", title = "T", owner = "o" } },
  }
end
c("ALL-1", function(doc, ctx)
  ctx:pass("fine")
  ctx:not_applicable("out of scope")
  ctx:insufficient("/a", "missing a")
  ctx:fail("/b", "bad b")
end)
c("NO-FAIL-1", function(doc, ctx)
  ctx:not_applicable("out of scope")
  ctx:insufficient("/a", "missing a")
  ctx:pass("fine")
end)
c("NA-PASS-1", function(doc, ctx)
  ctx:pass("fine")
  ctx:not_applicable("out of scope")
end)
c("PASS-1", function(doc, ctx) ctx:pass("fine") end)
)lua",
                 {Card("m1", 1)});
  const Finding* all = FindingOf(r, "ALL-1", "m1");
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->status, FindingStatus::kFail);
  EXPECT_EQ(all->message, "bad b (and 1 more)");
  EXPECT_EQ(all->evidence->pointer, "/b");
  ASSERT_EQ(all->violations.size(), 2u) << "the insufficient one is kept too";
  EXPECT_EQ(all->violations[0].status, FindingStatus::kInsufficientEvidence);
  EXPECT_EQ(all->violations[1].status, FindingStatus::kFail);

  EXPECT_EQ(FindingOf(r, "NO-FAIL-1", "m1")->status, FindingStatus::kInsufficientEvidence);
  EXPECT_EQ(FindingOf(r, "NO-FAIL-1", "m1")->message, "missing a");
  EXPECT_EQ(FindingOf(r, "NA-PASS-1", "m1")->status, FindingStatus::kNotApplicable);
  EXPECT_EQ(FindingOf(r, "NA-PASS-1", "m1")->message, "out of scope");
  EXPECT_EQ(FindingOf(r, "PASS-1", "m1")->status, FindingStatus::kPass);
}

TEST_F(EngineTest, ABadPointerArgumentIsAnErrorNamingTheLine) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    ctx:fail("metrics/0", "no leading slash")
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(kCard)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::kError);
  EXPECT_TRUE(testing::ContainsRe(f->message, "annex_a/x\\.lua:4: .*starts with '/'"));
}

// ---------------------------------------------------------------------------------------------
// Tasks

constexpr const char* kFailsUnlessXIsOne = R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) if doc.x ~= 1 then ctx:fail("/x", "x is not 1") end end,
  remediation = {
    { key = "fix-x", title = "Set x", owner = "ml" },
    { key = "review-x", title = "Review x", owner = "risk" },
  },
}
)lua";

TEST_F(EngineTest, TasksHaveStableIdsDerivedFromPackControlKeyAndSubject) {
  Report first = Run(kFailsUnlessXIsOne, {Card("m1", 2), Card("m2", 2), Card("ok", 1)});
  ASSERT_EQ(first.tasks.size(), 4u) << Dump(first);
  const Finding* m1 = FindingOf(first, "A.6.2.4", "m1");
  ASSERT_NE(m1, nullptr);
  ASSERT_EQ(m1->tasks.size(), 2u);
  EXPECT_EQ(m1->tasks[0], TaskId("t", "A.6.2.4", "fix-x", "m1"));
  EXPECT_EQ(m1->tasks[1], TaskId("t", "A.6.2.4", "review-x", "m1"));
  EXPECT_TRUE(testing::ContainsRe(m1->tasks[0], "^T-[0-9a-f]{12}$")) << m1->tasks[0];
  EXPECT_TRUE(FindingOf(first, "A.6.2.4", "ok")->tasks.empty()) << "a pass has no task";

  const Task* t = TaskById(first, m1->tasks[0]);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->control, "A.6.2.4");
  EXPECT_EQ(t->title, "Set x");
  EXPECT_EQ(t->owner, "ml");
  EXPECT_EQ(t->subject, "m1");

  // Same inputs, a fresh engine: the same ids.
  InlinePack again;
  again.File("annex_a/x.lua", kFailsUnlessXIsOne);
  ASSERT_LOADS(again);
  Report second = again.Eval({Card("m1", 2), Card("m2", 2), Card("ok", 1)});
  ASSERT_EQ(second.tasks.size(), first.tasks.size());
  for (size_t i = 0; i < first.tasks.size(); ++i) EXPECT_EQ(second.tasks[i].id, first.tasks[i].id);
}

TEST_F(EngineTest, AViolationCanNameTheTasksThatFixIt) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    if doc.id == "one" then ctx:fail("/x", "x is wrong", "fix-x") end
    if doc.id == "list" then ctx:fail("/x", "x is wrong", { "fix-x", "review-x" }) end
    if doc.id == "mixed" then
      ctx:fail("/x", "x is wrong", "fix-x")
      ctx:insufficient("/y", "no y")
    end
    if doc.id == "unknown" then ctx:fail("/x", "x is wrong", "fix-y") end
  end,
  remediation = {
    { key = "fix-x", title = "Set x", owner = "ml" },
    { key = "review-x", title = "Review x", owner = "risk" },
    { key = "document-x", title = "Document x", owner = "docs" },
  },
}
)lua",
                 {Card("one", 1), Card("list", 1), Card("mixed", 1), Card("unknown", 1)});
  auto keys_of = [&](const std::string& id) {
    std::vector<std::string> keys;
    for (const std::string& task : FindingOf(r, "A.6.2.4", id)->tasks) {
      for (const char* key : {"fix-x", "review-x", "document-x"}) {
        if (task == TaskId("t", "A.6.2.4", key, id)) keys.push_back(key);
      }
    }
    return keys;
  };
  EXPECT_EQ(keys_of("one"), std::vector<std::string>{"fix-x"});
  EXPECT_EQ(keys_of("list"), (std::vector<std::string>{"fix-x", "review-x"}));
  EXPECT_EQ(keys_of("mixed"), (std::vector<std::string>{"fix-x", "review-x", "document-x"}))
      << "a violation that names no task calls for all of them";
  const Finding* unknown = FindingOf(r, "A.6.2.4", "unknown");
  EXPECT_EQ(unknown->status, FindingStatus::kError);
  EXPECT_NE(unknown->message.find("task 'fix-y' is not in the remediation of control A.6.2.4"),
            std::string::npos)
      << unknown->message;
  EXPECT_EQ(r.tasks.size(), 6u) << Dump(r);
}

TEST(TaskIdTest, DiffersByEveryPart) {
  const std::string base = TaskId("iso42001", "A.6.2.4", "fix", "m1");
  EXPECT_EQ(base, TaskId("iso42001", "A.6.2.4", "fix", "m1"));
  EXPECT_NE(base, TaskId("iso42001", "A.6.2.4", "fix", "m2")) << "subject";
  EXPECT_NE(base, TaskId("iso42001", "A.6.2.4", "other", "m1")) << "key";
  EXPECT_NE(base, TaskId("iso42001", "A.6.2.3", "fix", "m1")) << "control";
  EXPECT_NE(base, TaskId("acme", "A.6.2.4", "fix", "m1")) << "pack";
  // Parts are delimited: moving a character across a boundary changes the id.
  EXPECT_NE(TaskId("p", "c", "ab", "c"), TaskId("p", "c", "a", "bc"));
  EXPECT_EQ(base.size(), 14u);
}

TEST_F(EngineTest, TaskDueIsAsOfPlusTheSlaOfTheSeverityAndPriorityFollowsSeverity) {
  Report r = Run(R"lua(
for _, sev in ipairs({ "critical", "high", "medium", "low" }) do
  control("SLA-" .. sev) {
    title = sev, citations = { "8.2" }, applies_to = { "model_card" }, severity = sev,
    check = function(doc, ctx) ctx:fail(nil, "always") end,
    remediation = { { key = "fix", title = "Fix", owner = "o" } },
  }
end
)lua",
                 {Card("m1", 1)});
  ASSERT_EQ(r.tasks.size(), 4u) << Dump(r);
  auto task_of = [&](const std::string& control) -> const Task* {
    const Finding* f = FindingOf(r, control, "m1");
    return f && f->tasks.size() == 1 ? TaskById(r, f->tasks[0]) : nullptr;
  };
  ASSERT_NE(task_of("SLA-critical"), nullptr);
  EXPECT_EQ(task_of("SLA-critical")->due, "2026-12-01");
  EXPECT_EQ(task_of("SLA-critical")->priority, "P1");
  EXPECT_EQ(task_of("SLA-high")->due, "2026-12-24");
  EXPECT_EQ(task_of("SLA-high")->priority, "P2");
  EXPECT_EQ(task_of("SLA-medium")->due, "2027-02-22");
  EXPECT_EQ(task_of("SLA-medium")->priority, "P3");
  EXPECT_EQ(task_of("SLA-low")->due, "2027-05-23");
  EXPECT_EQ(task_of("SLA-low")->priority, "P4");
}

TEST_F(EngineTest, TheManifestSetsTheSlaDays) {
  pack_.ManifestExtra("sla_days = { critical = 3, high = 10, medium = 30, low = 365 }");
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) ctx:insufficient(nil, "nothing recorded") end,
  remediation = { { key = "fix", title = "Fix", owner = "o" } },
}
)lua",
                 {Card("m1", 1)}, AsOf("2026-12-28"));
  ASSERT_EQ(r.tasks.size(), 1u);
  EXPECT_EQ(r.tasks[0].due, "2027-01-07") << "insufficient evidence gets a task too; across a year";
  EXPECT_EQ(r.tasks[0].priority, "P2");
}

TEST_F(EngineTest, TasksAreDedupedPerSubject) {
  // Two files about the same system (same id): one task per remediation key, cited by both.
  Evidence a = Card("m1", 2);
  Evidence b = Doc(R"({"kind": "model_card", "schema_version": "1.0", "id": "m1", "x": 3})",
                   "other/m1-copy.json");
  Report r = Run(kFailsUnlessXIsOne, {a, b});
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].tasks, r.findings[1].tasks);
  EXPECT_EQ(r.tasks.size(), 2u) << Dump(r);
}

TEST_F(EngineTest, OnlyFailAndInsufficientGetTasks) {
  Report r = Run(kOneOfEachStatus, {Doc(kCard)});
  for (const Finding& f : r.findings) {
    const bool wants_tasks =
        f.status == FindingStatus::kFail || f.status == FindingStatus::kInsufficientEvidence;
    EXPECT_EQ(f.tasks.size(), wants_tasks ? 1u : 0u) << f.control;
  }
  EXPECT_EQ(r.tasks.size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// The gate

constexpr const char* kMediumFailure = R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "medium",
  check = function(doc, ctx) ctx:fail(nil, "always") end,
  remediation = { { key = "fix", title = "Fix", owner = "o" } },
}
)lua";

TEST_F(EngineTest, FailOnBlocksAtOrAboveTheThreshold) {
  pack_.File("annex_a/x.lua", kMediumFailure);
  ASSERT_LOADS(pack_);
  struct Case {
    Severity fail_on;
    bool blocks;
  } cases[] = {{Severity::kLow, true},
               {Severity::kMedium, true},
               {Severity::kHigh, false},
               {Severity::kCritical, false}};
  for (const Case& c : cases) {
    Report r = pack_.Eval({Card("m1", 1)}, Gate(c.fail_on));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].blocking, c.blocks) << ToString(c.fail_on);
    EXPECT_EQ(r.gate.passed, !c.blocks) << ToString(c.fail_on);
    EXPECT_EQ(r.gate.blocking, c.blocks ? 1u : 0u);
    EXPECT_EQ(r.gate.fail_on, c.fail_on);
  }
}

TEST_F(EngineTest, ErrorAndInsufficientBlockNotApplicableAndPassDoNot) {
  Report r = Run(kOneOfEachStatus, {Doc(kCard)});
  EXPECT_TRUE(FindingOf(r, "FAIL-1", "m1")->blocking);
  EXPECT_TRUE(FindingOf(r, "INSUFFICIENT-1", "m1")->blocking);
  EXPECT_TRUE(FindingOf(r, "ERROR-1", "m1")->blocking);
  EXPECT_FALSE(FindingOf(r, "PASS-1", "m1")->blocking);
  EXPECT_FALSE(FindingOf(r, "NA-1", "m1")->blocking);
  EXPECT_FALSE(FindingOf(r, "ORG-1", "")->blocking) << "not_evaluated without require_evidence";
  EXPECT_EQ(r.gate.blocking, 3u);
  EXPECT_FALSE(r.gate.passed);
}

TEST_F(EngineTest, RequireEvidenceMakesNotEvaluatedBlock) {
  pack_.File("annex_a/x.lua", R"lua(
control "5.2" {
  title = "AI policy", citations = { "5.2" }, applies_to = { "organization" }, severity = "high",
  check = function(doc, ctx) end,
  remediation = { { key = "fix", title = "Fix", owner = "o" } },
}
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx) end,
  remediation = { { key = "fix", title = "Fix", owner = "o" } },
}
)lua");
  ASSERT_LOADS(pack_);
  Report lenient = pack_.Eval({Card("m1", 1)});
  EXPECT_TRUE(lenient.gate.passed);
  EXPECT_EQ(FindingOf(lenient, "5.2", "")->status, FindingStatus::kNotEvaluated);

  Report strict = pack_.Eval({Card("m1", 1)}, Gate(Severity::kLow, /*require_evidence=*/true));
  EXPECT_FALSE(strict.gate.passed);
  EXPECT_TRUE(strict.gate.require_evidence);
  EXPECT_TRUE(FindingOf(strict, "5.2", "")->blocking);
  EXPECT_EQ(strict.gate.blocking, 1u);
  EXPECT_TRUE(strict.tasks.empty()) << "not_evaluated makes no task";

  Report strict_high = pack_.Eval(
      {Card("m1", 1)}, Gate(Severity::kCritical, /*require_evidence=*/true));
  EXPECT_TRUE(strict_high.gate.passed) << "not_evaluated blocks only at or above --fail-on";
}

// ---------------------------------------------------------------------------------------------
// Selection, parallelism, determinism

constexpr const char* kThreeControls = R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) if doc.x % 2 == 0 then ctx:fail("/x", "x is even") end end,
  remediation = { { key = "fix", title = "Fix", owner = "o" } },
}
control "A.6.2.5" {
  title = "Deployment", citations = { "A.6.2.5" }, applies_to = { "model_card" }, severity = "medium",
  check = function(doc, ctx)
    local n = 0
    for i = 1, doc.x * 1000 do n = n + i % 7 end  -- uneven work, so workers interleave
    if doc.x % 3 == 0 then ctx:insufficient("/deployment", "no deployment record " .. n) end
  end,
  remediation = { { key = "fix", title = "Fix", owner = "o" } },
}
control "5.2" {
  title = "AI policy", citations = { "5.2" }, applies_to = { "organization" }, severity = "low",
  check = function(doc, ctx) end,
  remediation = { { key = "fix", title = "Fix", owner = "o" } },
}
)lua";

TEST_F(EngineTest, ControlsFilterSelectsControls) {
  Report r = Run(kThreeControls, {Card("m1", 2)}, Only({"A.6.2.5", "5.2"}));
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  EXPECT_EQ(r.findings[0].control, "A.6.2.5");
  EXPECT_EQ(r.findings[1].control, "5.2");
  EXPECT_EQ(r.findings[1].status, FindingStatus::kNotEvaluated);
  EXPECT_TRUE(FindingsOf(r, "A.6.2.4").empty());
}

TEST_F(EngineTest, ControlsFilterWithAnUnknownIdIsAnError) {
  pack_.File("annex_a/x.lua", kThreeControls);
  ASSERT_LOADS(pack_);
  Result<Report> r =
      pack_.engine().Evaluate({Card("m1", 2)}, Only({"A.6.2.4", "A.6.2.9"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  EXPECT_NE(r.status().ToString().find("A.6.2.9"), std::string::npos) << r.status().ToString();
}

TEST_F(EngineTest, AsOfMustBeADate) {
  pack_.File("annex_a/x.lua", kThreeControls);
  ASSERT_LOADS(pack_);
  for (const char* bad : {"", "2026-02-30", "tomorrow", "2026-11-24T00:00:00Z"}) {
    Result<Report> r = pack_.engine().Evaluate({Card("m1", 2)}, AsOf(bad));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  }
}

TEST(EngineLifecycleTest, EvaluateBeforeLoadPackIsAnError) {
  Engine engine;
  Result<Report> r = engine.Evaluate({}, AsOf("2026-11-24"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInternal);
}

std::vector<Evidence> SeveralCards() {
  std::vector<Evidence> docs;
  for (int i = 1; i <= 9; ++i) docs.push_back(Card("m" + std::to_string(i), (i * 7) % 10));
  docs.push_back(Doc(kOrg, "org.json"));
  return docs;
}

TEST(EngineJobsTest, ResultsAreIdenticalForOneAndTwoJobs) {
  InlinePack one(EngineOptions{.jobs = 1});
  one.File("annex_a/x.lua", kThreeControls);
  ASSERT_LOADS(one);
  InlinePack two(EngineOptions{.jobs = 2});
  two.File("annex_a/x.lua", kThreeControls);
  ASSERT_LOADS(two);
  InlinePack four(EngineOptions{.jobs = 4});
  four.File("annex_a/x.lua", kThreeControls);
  ASSERT_LOADS(four);

  const std::vector<Evidence> docs = SeveralCards();
  const std::string expected = Dump(one.Eval(docs));
  EXPECT_EQ(FindingsOf(one.Eval(docs), "A.6.2.4").size(), 9u);
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(Dump(two.Eval(docs)), expected) << "round " << round;
    EXPECT_EQ(Dump(four.Eval(docs)), expected) << "round " << round;
  }
}

TEST_F(EngineTest, TheSameInputsGiveTheSameReport) {
  pack_.File("annex_a/x.lua", kThreeControls);
  ASSERT_LOADS(pack_);
  const std::vector<Evidence> docs = SeveralCards();
  const std::string first = Dump(pack_.Eval(docs));
  EXPECT_EQ(Dump(pack_.Eval(docs)), first);
}

// ---------------------------------------------------------------------------------------------
// ctx

TEST_F(EngineTest, CtxParamsMergePackParamsWithControlParams) {
  pack_.ManifestExtra(R"(params = { threshold = 0.8, name = "pack", shared = 1 })");
  Report r = Run(R"lua(
control "OWN-1" {
  title = "Own params", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  params = { shared = 2, flag = true },
  check = function(doc, ctx)
    local p = ctx.params
    ctx:fail(nil, ("threshold=%s name=%s shared=%s flag=%s"):format(
      tostring(p.threshold), tostring(p.name), tostring(p.shared), tostring(p.flag)))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "PACK-1" {
  title = "Pack params only", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "low",
  check = function(doc, ctx)
    ctx:fail(nil, ("shared=%s flag=%s"):format(tostring(ctx.params.shared), tostring(ctx.params.flag)))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "WRITE-1" {
  title = "Writes params", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "low",
  check = function(doc, ctx) ctx.params.shared = 99 end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Card("m1", 1)});
  EXPECT_EQ(FindingOf(r, "OWN-1", "m1")->message, "threshold=0.8 name=pack shared=2 flag=true");
  EXPECT_EQ(FindingOf(r, "PACK-1", "m1")->message, "shared=1 flag=nil");
  EXPECT_EQ(FindingOf(r, "WRITE-1", "m1")->status, FindingStatus::kError);
  EXPECT_NE(FindingOf(r, "WRITE-1", "m1")->message.find("read-only"), std::string::npos)
      << FindingOf(r, "WRITE-1", "m1")->message;
  const ControlInfo* info = pack_.engine().pack().FindControl("OWN-1");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->params.at("shared"), ParamValue(int64_t{2}));
  EXPECT_EQ(pack_.engine().pack().params.at("name"), ParamValue(std::string("pack")));
}

constexpr const char* kDaysSince = R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    local bad, err = ctx:days_since(doc.bad)
    ctx:fail(nil, ("reviewed=%s approved=%s future=%s bad=%s (%s) as_of=%s control=%s"):format(
      ctx:days_since(doc.reviewed), ctx:days_since(doc.approved_at), ctx:days_since(doc.future),
      tostring(bad), err, ctx.as_of, ctx.control))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua";

constexpr const char* kDatedCard = R"json(
{"kind": "model_card", "schema_version": "1.0", "id": "m1",
 "reviewed": "2026-11-14", "approved_at": "2026-11-23T23:30:00-02:00", "future": "2026-12-01",
 "bad": "yesterday"}
)json";

TEST_F(EngineTest, DaysSinceCountsToAsOf) {
  Report r = Run(kDaysSince, {Doc(kDatedCard)});
  EXPECT_EQ(FindingOf(r, "A.6.2.4", "m1")->message,
            "reviewed=10 approved=0 future=-7 bad=nil ('yesterday' is not a date (YYYY-MM-DD or "
            "RFC 3339)) as_of=2026-11-24 control=A.6.2.4");

  Report later = pack_.Eval({Doc(kDatedCard)}, AsOf("2027-11-24"));
  EXPECT_EQ(FindingOf(later, "A.6.2.4", "m1")->message,
            "reviewed=375 approved=365 future=358 bad=nil ('yesterday' is not a date (YYYY-MM-DD "
            "or RFC 3339)) as_of=2027-11-24 control=A.6.2.4");
}

TEST_F(EngineTest, CtxIsReadOnlyAndHasNoOtherFields) {
  Report r = Run(R"lua(
control "WRITE-1" {
  title = "W", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx) ctx.as_of = "2099-01-01" end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "READ-1" {
  title = "R", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx) local x = ctx.clock end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Card("m1", 1)});
  EXPECT_EQ(FindingOf(r, "WRITE-1", "m1")->status, FindingStatus::kError);
  EXPECT_NE(FindingOf(r, "WRITE-1", "m1")->message.find("ctx is read-only"), std::string::npos);
  EXPECT_EQ(FindingOf(r, "READ-1", "m1")->status, FindingStatus::kError);
  EXPECT_NE(FindingOf(r, "READ-1", "m1")->message.find("no field 'clock'"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Evidence handles in Lua

// Each observation is one violation "name=value"; this reads them back.
std::map<std::string, std::string> Observations(const Finding& f) {
  std::map<std::string, std::string> out;
  for (const Violation& v : f.violations) {
    const size_t eq = v.message.find('=');
    out[v.message.substr(0, eq)] = eq == std::string::npos ? "" : v.message.substr(eq + 1);
  }
  return out;
}

TEST_F(EngineTest, DocHandlesReadLikeLuaValues) {
  Report r = Run(R"lua(
local function see(ctx, name, value) ctx:fail(nil, name .. "=" .. tostring(value)) end
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    local keys = {}
    for k, v in pairs(doc.obj) do keys[#keys + 1] = k .. ":" .. v end
    see(ctx, "pairs(obj)", table.concat(keys, ","))
    local items = {}
    for i, v in ipairs(doc.list) do items[#items + 1] = i .. ":" .. v end
    see(ctx, "ipairs(list)", table.concat(items, ","))
    see(ctx, "#list", #doc.list)
    see(ctx, "#obj", #doc.obj)
    see(ctx, "list[1]", doc.list[1])
    see(ctx, "list[0]", doc.list[0])
    see(ctx, "list[4]", doc.list[4])
    see(ctx, "obj.missing", doc.obj.missing)
    see(ctx, "get(/obj/m~1n)", doc:get("/obj/m~1n"))
    see(ctx, "obj:get(/a)", doc.obj:get("/a"))
    see(ctx, "get(/list/2)", doc:get("/list/2"))
    see(ctx, "get(/missing/x)", doc:get("/missing/x"))
    see(ctx, "pointer()", "[" .. doc:pointer() .. "]")
    see(ctx, "obj:pointer()", doc.obj:pointer())
    see(ctx, "obj:pointer(m/n)", doc.obj:pointer("m/n"))
    see(ctx, "list:pointer(2)", doc.list:pointer(2))
    see(ctx, "obj:line()", doc.obj:line())
    see(ctx, "obj:column()", doc.obj:column())
    see(ctx, "tostring(obj)", tostring(doc.obj))
    see(ctx, "obj eq get(/obj)", doc.obj == doc:get("/obj"))
    see(ctx, "type(list)", type(doc.list))
    see(ctx, "real", doc.real)
    see(ctx, "math.type(int)", math.type(doc.int))
    see(ctx, "flag", doc.flag)
    see(ctx, "list:is_array()", doc.list:is_array())
    see(ctx, "obj:is_array()", doc.obj:is_array())
    see(ctx, "obj:is_object()", doc.obj:is_object())
    local plain = {}
    for i, v in ipairs({ "a", "b" }) do plain[#plain + 1] = i .. v end
    see(ctx, "ipairs(table)", table.concat(plain, ","))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(R"json(
{"kind": "model_card", "schema_version": "1.0", "id": "m1",
 "list": [10, 20, 30],
 "obj": {"z": 1, "a": 2, "m/n": 3},
 "real": 2.5, "int": 7, "flag": false}
)json")});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->status, FindingStatus::kFail) << f->message;
  std::map<std::string, std::string> seen = Observations(*f);
  EXPECT_EQ(seen["pairs(obj)"], "z:1,a:2,m/n:3") << "document order";
  EXPECT_EQ(seen["ipairs(list)"], "1:10,2:20,3:30");
  EXPECT_EQ(seen["#list"], "3");
  EXPECT_EQ(seen["#obj"], "3");
  EXPECT_EQ(seen["list[1]"], "10") << "1-based";
  EXPECT_EQ(seen["list[0]"], "nil");
  EXPECT_EQ(seen["list[4]"], "nil");
  EXPECT_EQ(seen["obj.missing"], "nil");
  EXPECT_EQ(seen["get(/obj/m~1n)"], "3");
  EXPECT_EQ(seen["obj:get(/a)"], "2") << "relative to the node";
  EXPECT_EQ(seen["get(/list/2)"], "30") << "pointers are 0-based";
  EXPECT_EQ(seen["get(/missing/x)"], "nil");
  EXPECT_EQ(seen["pointer()"], "[]");
  EXPECT_EQ(seen["obj:pointer()"], "/obj");
  EXPECT_EQ(seen["obj:pointer(m/n)"], "/obj/m~1n");
  EXPECT_EQ(seen["list:pointer(2)"], "/list/1") << "the Lua index 2 is the pointer index 1";
  EXPECT_EQ(seen["obj:line()"], "3");
  EXPECT_EQ(seen["obj:column()"], "9");
  EXPECT_EQ(seen["tostring(obj)"], "object at /obj");
  EXPECT_EQ(seen["obj eq get(/obj)"], "true");
  EXPECT_EQ(seen["type(list)"], "userdata");
  EXPECT_EQ(seen["real"], "2.5");
  EXPECT_EQ(seen["math.type(int)"], "integer");
  EXPECT_EQ(seen["flag"], "false");
  EXPECT_EQ(seen["list:is_array()"], "true");
  EXPECT_EQ(seen["obj:is_array()"], "false");
  EXPECT_EQ(seen["obj:is_object()"], "true");
  EXPECT_EQ(seen["ipairs(table)"], "1a,2b") << "ipairs still works on plain tables";
}

TEST_F(EngineTest, JsonNullReadsAsNil) {
  Report r = Run(R"lua(
local function see(ctx, name, value) ctx:fail(nil, name .. "=" .. tostring(value)) end
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    see(ctx, "nothing", doc.nothing)
    see(ctx, "get(/nothing)", doc:get("/nothing"))
    see(ctx, "list[2]", doc.list[2])
    see(ctx, "#list", #doc.list)
    see(ctx, "present(nothing)", present(doc.nothing))
    see(ctx, "present(blank)", present(doc.blank))
    see(ctx, "present(empty)", present(doc.empty))
    see(ctx, "present(list)", present(doc.list))
    see(ctx, "count(nothing)", count(doc.nothing))
    see(ctx, "count(list)", count(doc.list))
    local keys = {}
    for k, v in pairs(doc.holder) do keys[#keys + 1] = k .. ":" .. tostring(v) end
    see(ctx, "pairs(holder)", table.concat(keys, ","))
    local items = {}
    for i, v in ipairs(doc.list) do items[#items + 1] = i .. ":" .. tostring(v) end
    see(ctx, "ipairs(list)", table.concat(items, ","))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(R"json(
{"kind": "model_card", "schema_version": "1.0", "id": "m1", "nothing": null,
 "list": [1, null, 3], "blank": "  ", "empty": {}, "holder": {"a": null, "b": 1}}
)json")});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->status, FindingStatus::kFail) << f->message;
  std::map<std::string, std::string> seen = Observations(*f);
  EXPECT_EQ(seen["nothing"], "nil");
  EXPECT_EQ(seen["get(/nothing)"], "nil");
  EXPECT_EQ(seen["list[2]"], "nil");
  EXPECT_EQ(seen["#list"], "3") << "a null element still counts";
  EXPECT_EQ(seen["present(nothing)"], "false");
  EXPECT_EQ(seen["present(blank)"], "false");
  EXPECT_EQ(seen["present(empty)"], "false");
  EXPECT_EQ(seen["present(list)"], "true");
  EXPECT_EQ(seen["count(nothing)"], "0");
  EXPECT_EQ(seen["count(list)"], "3");
  EXPECT_EQ(seen["pairs(holder)"], "a:nil,b:1") << "a null member is still a member";
  EXPECT_EQ(seen["ipairs(list)"], "1:1,2:nil,3:3") << "a null element does not end ipairs";
}

TEST_F(EngineTest, MethodsBeatMembersOfTheSameName) {
  Report r = Run(R"lua(
local function see(ctx, name, value) ctx:fail(nil, name .. "=" .. tostring(value)) end
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    see(ctx, "type(doc.get)", type(doc.get))
    see(ctx, "type(doc.pointer)", type(doc.pointer))
    see(ctx, "type(doc.line)", type(doc.line))
    see(ctx, "get(/get)", doc:get("/get"))
    see(ctx, "get(/pointer)", doc:get("/pointer"))
    see(ctx, "get(/line)", doc:get("/line"))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(R"json(
{"kind": "model_card", "schema_version": "1.0", "id": "m1",
 "get": 5, "pointer": "p", "line": {"n": 1}}
)json")});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  std::map<std::string, std::string> seen = Observations(*f);
  EXPECT_EQ(seen["type(doc.get)"], "function");
  EXPECT_EQ(seen["type(doc.pointer)"], "function");
  EXPECT_EQ(seen["type(doc.line)"], "function");
  EXPECT_EQ(seen["get(/get)"], "5");
  EXPECT_EQ(seen["get(/pointer)"], "p");
  EXPECT_EQ(seen["get(/line)"], "object at /line");
}

TEST_F(EngineTest, EvidenceIsReadOnly) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    doc.x = 2
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Card("m1", 1)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::kError);
  EXPECT_TRUE(testing::ContainsRe(f->message, "annex_a/x\\.lua:4: evidence is read-only"))
      << f->message;
}

TEST_F(EngineTest, PreludeDateHelpers) {
  Report r = Run(R"lua(
local function see(ctx, name, value) ctx:fail(nil, name .. "=" .. tostring(value)) end
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    see(ctx, "day", dates.day("2026-11-24"))
    see(ctx, "day(offset)", dates.day("2026-11-23T23:30:00-02:00"))
    see(ctx, "time", dates.time("1970-01-02T00:00:01Z"))
    see(ctx, "bad", dates.day("2026-02-30"))
    see(ctx, "not a string", dates.day(20781))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Card("m1", 1)});
  std::map<std::string, std::string> seen = Observations(*FindingOf(r, "A.6.2.4", "m1"));
  EXPECT_EQ(seen["day"], "20781");
  EXPECT_EQ(seen["day(offset)"], "20781");
  EXPECT_EQ(seen["time"], "86401");
  EXPECT_EQ(seen["bad"], "nil");
  EXPECT_EQ(seen["not a string"], "nil");
}

TEST_F(EngineTest, AnErrorWithANonStringValueStillNamesFileAndLine) {
  Report r = Run(R"lua(
local function c(id, check)
  control(id) {
    title = id, citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "medium",
    check = check, remediation = { { key = "k", title = "T", owner = "o" } },
  }
end
c("TABLE-1", function(doc, ctx)
  error({ code = 42 })
end)
c("NIL-1", function(doc, ctx)
  error()
end)
)lua",
                 {Card("m1", 1)});
  const Finding* table = FindingOf(r, "TABLE-1", "m1");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->status, FindingStatus::kError);
  EXPECT_TRUE(testing::ContainsRe(table->message, "annex_a/x\\.lua:8:")) << "where it was raised";
  const Finding* nil = FindingOf(r, "NIL-1", "m1");
  ASSERT_NE(nil, nullptr);
  EXPECT_EQ(nil->status, FindingStatus::kError);
  EXPECT_TRUE(testing::ContainsRe(nil->message, "annex_a/x\\.lua:11:")) << "where it was raised";
}

TEST_F(EngineTest, AnIntegralFloatIndexReadsLikeTheInteger) {
  // In Lua t[2.0] is t[2]; a computed index such as #list / 2 is a float.
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    ctx:fail(nil, ("[2.0]=%s middle=%s"):format(tostring(doc.list[2.0]),
                                               tostring(doc.list[#doc.list / 2])))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(R"({"kind": "model_card", "schema_version": "1.0", "id": "m1",
                          "list": [10, 20, 30, 40]})")});
  EXPECT_EQ(FindingOf(r, "A.6.2.4", "m1")->message, "[2.0]=20 middle=20");
}

TEST_F(EngineTest, PointerOfAnArrayRejectsIndicesBelowOne) {
  // doc.list:pointer(0) would name "/list/-1", which is not a JSON Pointer.
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    ctx:fail(doc.list:pointer(0), "index 0 does not exist")
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Doc(R"({"kind": "model_card", "schema_version": "1.0", "id": "m1", "list": [1]})")});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::kError)
      << "got " << ToString(f->status) << " at pointer '" << (f->evidence ? f->evidence->pointer : "")
      << "'";
}

TEST_F(EngineTest, AHundredViolationsAreKeptAndTheRestCounted) {
  Report r = Run(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    for i = 1, 150 do ctx:fail(nil, "problem " .. i) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                 {Card("m1", 1)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->violations.size(), 100u);
  EXPECT_EQ(f->message, "problem 1 (and 149 more)");
}

}  // namespace
}  // namespace aimsgate
