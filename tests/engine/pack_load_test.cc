// Loading packs: every problem is collected in one load and located at file:line.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "aimsgate/engine.h"
#include "support/inline_pack.h"

namespace aimsgate {
namespace {

using testing::Card;
using testing::Diagnostics;
using testing::Doc;
using testing::InlinePack;

// Loads `module` as annex_a/x.lua of an otherwise well-formed pack.
Status LoadModule(std::string_view module) {
  InlinePack pack;
  pack.File("annex_a/x.lua", module);
  return pack.Load();
}

TEST(PackLoadTest, AWellFormedPackLoadsWithItsMetadata) {
  InlinePack pack;
  pack.ManifestExtra(R"(framework = "ISO/IEC 42001:2023", params = { min = 2 })");
  pack.File("annex_a/x.lua", R"lua(
-- A well-formed control.
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4", "8.1" }, applies_to = { "model_card", "pipeline_run" },
  severity = "critical", description = "What an auditor looks for.",
  crosswalk = { eu_ai_act = { "Art. 15" }, nist_ai_rmf = { "MEASURE 2.3" } },
  params = { min_metrics = 1, name = "auc", strict = true, ratio = 0.5 },
  check = function(doc, ctx) end,
  remediation = { { key = "fix-x", title = "Set x", owner = "ml" } },
}
)lua");
  ASSERT_LOADS(pack);
  const PackInfo& info = pack.engine().pack();
  EXPECT_EQ(info.id, "t");
  EXPECT_EQ(info.title, "T");
  EXPECT_EQ(info.version, "0.1.0");
  EXPECT_EQ(info.framework, "ISO/IEC 42001:2023");
  EXPECT_EQ(info.params.at("min"), ParamValue(int64_t{2}));
  EXPECT_EQ(info.digest.rfind("sha256:", 0), 0u);
  ASSERT_EQ(info.controls.size(), 1u);
  const ControlInfo& c = info.controls[0];
  EXPECT_EQ(c.id, "A.6.2.4");
  EXPECT_EQ(c.file, "annex_a/x.lua");
  EXPECT_EQ(c.line, 2u);
  EXPECT_EQ(c.citations, (std::vector<std::string>{"A.6.2.4", "8.1"}));
  EXPECT_EQ(c.applies_to, (std::vector<std::string>{"model_card", "pipeline_run"}));
  EXPECT_EQ(c.severity, Severity::kCritical);
  EXPECT_EQ(c.crosswalk.at("eu_ai_act"), std::vector<std::string>{"Art. 15"});
  EXPECT_EQ(c.params.at("min_metrics"), ParamValue(int64_t{1}));
  EXPECT_EQ(c.params.at("name"), ParamValue(std::string("auc")));
  EXPECT_EQ(c.params.at("strict"), ParamValue(true));
  EXPECT_EQ(c.params.at("ratio"), ParamValue(0.5));
  ASSERT_EQ(c.remediation.size(), 1u);
  EXPECT_EQ(c.remediation[0].key, "fix-x");
  EXPECT_EQ(c.remediation[0].owner, "ml");
}

TEST(PackLoadTest, TheDigestCoversEveryFile) {
  InlinePack a, b;
  const char* module = R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua";
  a.File("annex_a/x.lua", module);
  b.File("annex_a/x.lua", module);
  b.File("lib/unused.lua", "return {}\n");
  ASSERT_LOADS(a);
  ASSERT_LOADS(b);
  EXPECT_NE(a.engine().pack().digest, b.engine().pack().digest);
  InlinePack a_again;
  a_again.File("annex_a/x.lua", module);
  ASSERT_LOADS(a_again);
  EXPECT_EQ(a.engine().pack().digest, a_again.engine().pack().digest);
}

TEST(PackLoadTest, ThreeBadControlsInOneModuleGiveThreeDiagnostics) {
  Status s = LoadModule(R"lua(
control "BAD-1" {
  citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
control "BAD-2" {
  title = "Bad severity", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "severe",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
control "BAD-3" {
  title = "Typo in a citation", citations = { "A.6.10" }, applies_to = { "model_card" },
  severity = "low",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
control "GOOD-1" {
  title = "Fine", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(s.diagnostics().size(), 3u) << Diagnostics(s);
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 1, "control BAD-1: missing 'title'");
  // A missing field is reported at its control; a bad value at the line that holds it.
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 7,
                    "severity 'severe' is not one of critical, high, medium, low");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 11, "citation 'A.6.10' is not an ISO/IEC 42001 identifier");
  EXPECT_NE(s.ToString().find("does not load"), std::string::npos) << s.ToString();
}

TEST(PackLoadTest, BadValuesPointAtTheLinesThatHoldThem) {
  Status s = LoadModule(R"lua(
control "X-1" {
  title = "T",
  citations = { "A.6.2.4" },
  applies_to = {
    "model_card",
    "pipelinerun",
  },
  severity = "urgent",
  owner = "ml",
  check = function(doc, ctx) end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  EXPECT_EQ(s.diagnostics().size(), 3u) << Diagnostics(s);
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 6, "unknown evidence kind 'pipelinerun'");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 8, "severity 'urgent'");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 9, "unknown field 'owner'");
}

TEST(PackLoadTest, UnknownCitationNamesFileLineAndSuggests) {
  Status s = LoadModule(R"lua(

control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4", "A.6.10" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.diagnostics().size(), 1u) << Diagnostics(s);
  const Diagnostic& d = s.diagnostics()[0];
  EXPECT_EQ(d.location.file, "annex_a/x.lua");
  EXPECT_EQ(d.location.line, 3u) << "the line that holds the citation";
  EXPECT_TRUE(testing::ContainsRe(d.message, "'A\\.6\\.10'.*did you mean A\\.6\\.1\\.[23]\\?"))
      << d.message;
  EXPECT_EQ(d.ToString().rfind("annex_a/x.lua:3: error: control A.6.2.4: citation 'A.6.10'", 0), 0u)
      << d.ToString();
}

TEST(PackLoadTest, AControlIdThatLooksLikeIsoMustBeInTheRegistry) {
  Status s = LoadModule(R"lua(
control "A.6.10" {
  title = "Typo", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 1, "'A.6.10' is not an ISO/IEC 42001 identifier");
}

TEST(PackLoadTest, AnIsoControlMustCiteItself) {
  Status s = LoadModule(R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "8.1" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 1, "citations must include the control's own identifier");
}

// One malformed control per case, and the message it must produce. The diagnostic is located
// in annex_a/x.lua, at the control's line or at the line of the bad value within it.
struct BadControl {
  const char* name;
  const char* lua;
  const char* message;
};

void PrintTo(const BadControl& c, std::ostream* os) {
  *os << c.name;
}

class BadControlTest : public ::testing::TestWithParam<BadControl> {};

TEST_P(BadControlTest, IsALoadErrorWithinTheControl) {
  const std::string lua = testing::Src(GetParam().lua);
  const auto last_line = static_cast<uint32_t>(std::count(lua.begin(), lua.end(), '\n'));
  Status s = LoadModule(lua);
  ASSERT_FALSE(s.ok()) << GetParam().name;
  const Diagnostic* found = nullptr;
  for (const Diagnostic& d : s.diagnostics()) {
    if (d.message.find(GetParam().message) != std::string::npos) found = &d;
  }
  ASSERT_NE(found, nullptr) << "want ..." << GetParam().message << "...\ngot:\n" << Diagnostics(s);
  EXPECT_EQ(found->location.file, "annex_a/x.lua");
  EXPECT_GE(found->location.line, 1u) << found->ToString();
  EXPECT_LE(found->location.line, last_line) << found->ToString();
}

INSTANTIATE_TEST_SUITE_P(
    PackLoadTest, BadControlTest,
    ::testing::Values(BadControl{"MissingTitle", R"lua(
control "X-1" {
  citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "control X-1: missing 'title'"},
                      BadControl{"EmptyTitle", R"lua(
control "X-1" {
  title = "", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "'title' must be a non-empty string"},
                      BadControl{"MissingRemediation", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end,
}
)lua",
                                 "'remediation' must list at least one task"},
                      BadControl{"EmptyRemediation", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = {},
}
)lua",
                                 "'remediation' must list at least one task"},
                      BadControl{"RemediationWithoutOwner", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T" } },
}
)lua",
                                 "control X-1 remediation[1]: missing 'owner'"},
                      BadControl{"RemediationKeyNotAKey", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "Fix It", title = "T", owner = "o" } },
}
)lua",
                                 "key 'Fix It' must use lowercase letters"},
                      BadControl{"DuplicateRemediationKey", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end,
  remediation = { { key = "k", title = "T", owner = "o" }, { key = "k", title = "U", owner = "o" } },
}
)lua",
                                 "duplicate key 'k'"},
                      BadControl{"MissingCheck", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "'check' must be a function(doc, ctx)"},
                      BadControl{"CheckNotAFunction", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = "return true", remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "'check' must be a function(doc, ctx)"},
                      BadControl{"BadSeverity", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "High",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "severity 'High' is not one of critical, high, medium, low"},
                      BadControl{"MissingSeverity", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "missing 'severity'"},
                      BadControl{"UnknownEvidenceKind", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card", "modelcard" },
  severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "unknown evidence kind 'modelcard'"},
                      BadControl{"NoEvidenceKind", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = {}, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "'applies_to' must not be empty"},
                      BadControl{"NoCitations", R"lua(
control "X-1" {
  title = "T", applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "missing 'citations'"},
                      BadControl{"CitationsNotStrings", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4", 42 }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "'citations' must list strings only"},
                      BadControl{"UnknownFieldTypo", R"lua(
control "X-1" {
  titel = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "unknown field 'titel'"},
                      BadControl{"ParamOfABadType", R"lua(
control "X-1" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  params = { limits = { 1, 2 } },
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                                 "param 'limits' must be a boolean, number or string"},
                      BadControl{"SpecNotATable", R"lua(
control "X-1" "not a table"
)lua",
                                 "control X-1: expected a table"}),
    [](const ::testing::TestParamInfo<BadControl>& p) { return std::string(p.param.name); });

TEST(PackLoadTest, AnUnknownFieldIsReportedAlongsideWhatItMissed) {
  Status s = LoadModule(R"lua(
control "X-1" {
  titel = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  EXPECT_EQ(s.diagnostics().size(), 2u) << Diagnostics(s);
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 2, "unknown field 'titel' (known: title,");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 1, "missing 'title'");
}

TEST(PackLoadTest, DuplicateIdNamesTheFirstSite) {
  InlinePack pack;
  pack.File("annex_a/a.lua", R"lua(
control "A.6.2.4" {
  title = "First", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  pack.File("annex_a/b.lua", R"lua(
-- a second file
-- declares the same control
control "A.6.2.4" {
  title = "Second", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.diagnostics().size(), 1u) << Diagnostics(s);
  EXPECT_DIAGNOSTIC(s, "annex_a/b.lua", 3, "duplicate id (first declared at annex_a/a.lua:1)");
}

TEST(PackLoadTest, SyntaxErrorIsLocatedAndOtherModulesStillReport) {
  InlinePack pack;
  pack.File("annex_a/broken.lua", R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) if then end end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  pack.File("annex_a/other.lua", R"lua(
control "A.6.2.5" {
  title = "Deployment", citations = { "A.6.2.5" }, applies_to = { "model_card" }, severity = "extreme",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.diagnostics().size(), 2u) << Diagnostics(s);
  EXPECT_DIAGNOSTIC(s, "annex_a/broken.lua", 3, "near 'then'");
  EXPECT_DIAGNOSTIC(s, "annex_a/other.lua", 2, "severity 'extreme'");
}

TEST(PackLoadTest, ARuntimeErrorInAModuleIsLocated) {
  Status s = LoadModule(R"lua(
local t = nil
local n = #t
)lua");
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 2, "attempt to get length of a nil value");
}

TEST(PackLoadTest, ModuleListedButMissing) {
  InlinePack pack;
  pack.File("pack.lua", R"lua(
pack {
  id = "t", title = "T", version = "0.1.0",
  modules = { "annex_a/x.lua", "annex_a/missing.lua" },
}
)lua");
  pack.File("annex_a/x.lua", R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.diagnostics().size(), 1u) << Diagnostics(s);
  EXPECT_DIAGNOSTIC(s, "pack.lua", 1, "module 'annex_a/missing.lua' does not exist");
}

TEST(PackLoadTest, ManifestProblems) {
  struct Case {
    const char* manifest;
    const char* message;
  } cases[] = {
      {R"(pack { title = "T", version = "1", modules = { "annex_a/x.lua" } })",
       "pack: missing 'id'"},
      {R"(pack { id = "My Pack", title = "T", version = "1", modules = { "annex_a/x.lua" } })",
       "id 'My Pack' must use lowercase letters"},
      {R"(pack { id = "t", title = "T", version = "1", modules = {} })",
       "'modules' must not be empty"},
      {R"(pack { id = "t", title = "T", version = "1", modules = { "annex_a/x.lua" }, engine = ">=99.0" })",
       "pack needs aimsgate >=99.0"},
      {R"(pack { id = "t", title = "T", version = "1", modules = { "annex_a/x.lua" }, sla_days = { high = -1 } })",
       "sla_days.high must be a whole number of days"},
      {R"(pack { id = "t", titel = "T", version = "1", modules = { "annex_a/x.lua" } })",
       "unknown field 'titel'"},
      {R"(local x = 1)", "pack.lua must declare the pack"},
  };
  for (const Case& c : cases) {
    InlinePack pack;
    pack.File("pack.lua", c.manifest);
    pack.File("annex_a/x.lua", R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
    Status s = pack.Load();
    EXPECT_FALSE(s.ok()) << c.manifest;
    EXPECT_DIAGNOSTIC(s, "pack.lua", 1, c.message);
  }
}

TEST(PackLoadTest, APackWithoutPackLuaIsAnError) {
  Engine engine;
  Status s = engine.LoadPack(PackSource::FromFiles("nopack", {{"annex_a/x.lua", "local x = 1\n"}}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.ToString().find("no pack.lua"), std::string::npos) << s.ToString();
}

TEST(PackLoadTest, RequireOfThePacksOwnLibWorks) {
  InlinePack pack;
  pack.File("lib/thresholds.lua", R"lua(
local M = { min_value = 0.8 }
function M.below(v) return v < M.min_value end
return M
)lua");
  pack.File("lib/util/text.lua", R"lua(
return { shout = function(s) return s:upper() .. "!" end }
)lua");
  pack.File("annex_a/x.lua", R"lua(
local thresholds = require "thresholds"
local text = require "util.text"
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    if thresholds.below(doc.value) then ctx:fail("/value", text.shout("too low")) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_LOADS(pack);
  Report r = pack.Eval(
      {Doc(R"({"kind": "model_card", "schema_version": "1.0", "id": "low", "value": 0.5})"),
       Doc(R"({"kind": "model_card", "schema_version": "1.0", "id": "high", "value": 0.9})")});
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].status, FindingStatus::kFail);
  EXPECT_EQ(r.findings[0].message, "TOO LOW!");
  EXPECT_EQ(r.findings[1].status, FindingStatus::kPass);
}

TEST(PackLoadTest, ALibModuleRunsOnceAndIsShared) {
  InlinePack pack;
  pack.File("lib/shared.lua", "return { made = {} }\n");
  pack.File("annex_a/a.lua", R"lua(
local one = require "shared"
local two = require "shared"
assert(one == two, "require must cache")
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  pack.File("annex_a/b.lua", R"lua(
local again = require "shared"
control "A.6.2.5" {
  title = "Deployment", citations = { "A.6.2.5" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_LOADS(pack);
}

TEST(PackLoadTest, RequireOfASystemModuleFails) {
  for (const char* name :
       {"os", "io", "debug", "package", "socket", "../secrets", "lib.thresholds"}) {
    Status s = LoadModule(std::string("\nlocal m = require \"") + name + "\"\n");
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 1, std::string("module '") + name + "' not found");
  }
}

TEST(PackLoadTest, ALibWithASyntaxErrorIsLocated) {
  InlinePack pack;
  pack.File("lib/broken.lua", "return {\n  x = = 1,\n}\n");
  pack.File("annex_a/x.lua", "local b = require \"broken\"\n");
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("lib/broken.lua:2:"), std::string::npos) << Diagnostics(s);
}

TEST(PackLoadTest, GlobalAssignmentAtModuleTopLevelIsALoadError) {
  Status s = LoadModule(R"lua(
local ok = 1
helper = function(x) return x end
)lua");
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 2, "assignment to global 'helper'");
}

TEST(PackLoadTest, AGlobalFunctionDeclarationIsALoadError) {
  Status s = LoadModule(R"lua(
function helper(x) return x end
)lua");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 1, "assignment to global 'helper'");
}

TEST(PackLoadTest, ReadingAnUnknownGlobalIsALoadError) {
  Status s = LoadModule(R"lua(
local severity = HIGH_SEVERITY
)lua");
  EXPECT_DIAGNOSTIC(s, "annex_a/x.lua", 1, "unknown global 'HIGH_SEVERITY'");
}

TEST(PackLoadTest, AnEndlessLoopAtLoadTimeIsALoadErrorNotAHang) {
  InlinePack pack(EngineOptions{.instruction_budget = 2'000'000, .memory_limit = 16ull << 20});
  pack.File("annex_a/x.lua", "local n = 0\nwhile true do n = n + 1 end\n");
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(Diagnostics(s).find("instruction budget"), std::string::npos) << Diagnostics(s);
  EXPECT_EQ(s.diagnostics().at(0).location.file, "annex_a/x.lua");
}

TEST(PackLoadTest, AFailedLoadLeavesNoPackAndALaterLoadWorks) {
  InlinePack bad;
  bad.File("annex_a/x.lua", "this is not lua\n");
  Status s = bad.Load();
  ASSERT_FALSE(s.ok());
  Result<Report> r = bad.engine().Evaluate({Card("m1", 1)}, testing::AsOf("2026-11-24"));
  EXPECT_FALSE(r.ok()) << "no pack after a failed load";

  const Status good = bad.engine().LoadPack(PackSource::FromFiles(
      "good", {{"pack.lua", testing::Manifest({"annex_a/x.lua"})}, {"annex_a/x.lua", R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx) end, remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua"}}));
  ASSERT_TRUE(good.ok()) << Diagnostics(good);
  EXPECT_TRUE(bad.engine().Evaluate({Card("m1", 1)}, testing::AsOf("2026-11-24")).ok());
}

TEST(PackLoadTest, APackWithoutControlsIsAnError) {
  Status s = LoadModule("local nothing = true\n");
  EXPECT_DIAGNOSTIC(s, "pack.lua", 1, "the pack declares no controls");
}

TEST(PackLoadTest, ControlsCannotBeDeclaredDuringAnEvaluation) {
  InlinePack pack;
  pack.File("annex_a/x.lua", R"lua(
control "A.6.2.4" {
  title = "V and V", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    control "LATE-1" {
      title = "Late", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
      check = function() end, remediation = { { key = "k", title = "T", owner = "o" } },
    }
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_LOADS(pack);
  Report r = pack.Eval({Card("m1", 1)});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].status, FindingStatus::kError);
  EXPECT_NE(r.findings[0].message.find("only while loading"), std::string::npos)
      << r.findings[0].message;
  EXPECT_EQ(pack.engine().pack().controls.size(), 1u);
}

}  // namespace
}  // namespace aimsgate
