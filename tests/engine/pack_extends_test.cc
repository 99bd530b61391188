// Packs that extend another: by id (the bundled pack) with a version constraint, by path,
// chains and cycles; overrides, switch-offs, params across layers, --param, and several packs
// loaded together.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "aimsgate/engine.h"
#include "support/inline_pack.h"

namespace aimsgate {
namespace {

namespace fs = std::filesystem;
using testing::Card;
using testing::Diagnostics;
using testing::FindingOf;
using testing::InlinePack;

// A control of a custom id that fails when the card's x is below its param `min`.
std::string MinControl(const std::string& id, int min) {
  return "control \"" + id +
         "\" {\n  title = \"x is large enough\", citations = { \"A.6.2.4\" },\n"
         "  applies_to = { \"model_card\" }, severity = \"low\", params = { min = " +
         std::to_string(min) +
         " },\n"
         "  check = function(doc, ctx) if doc.x < ctx.params.min then ctx:fail(\"/x\", "
         "\"x below \" .. ctx.params.min) end end,\n"
         "  remediation = { { key = \"raise-x\", title = \"Raise x\", owner = \"ml\" } },\n}\n";
}

// Packs written as real directories below a fresh temporary folder, for extends by path.
class PackDirs : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::path(::testing::TempDir()) / ("aimsgate-extends-" + std::string(info->name()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& path, const std::string& text) {
    fs::path p = root_ / path;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::string Dir(const std::string& name) const { return (root_ / name).string(); }
  Status LoadDirs(Engine& engine, const std::vector<std::string>& names) {
    std::vector<PackSource> sources;
    for (const std::string& n : names) {
      Result<PackSource> s = PackSource::FromDirectory(Dir(n));
      if (!s.ok()) return s.status();
      sources.push_back(std::move(s).value());
    }
    return engine.LoadPacks(sources);
  }

  fs::path root_;
};

std::string Manifest(const std::string& id, const std::string& extra,
                     const std::string& modules = "\"m.lua\"") {
  return "pack {\n  id = \"" + id + "\", title = \"" + id + "\", version = \"1.2.0\",\n" + extra +
         "  modules = { " + modules + " },\n}\n";
}

TEST(PackExtendsTest, ExtendsTheBundledPackByIdWithAVersionConstraint) {
  InlinePack pack;
  pack.File("pack.lua",
            Manifest("acme", "  extends = { pack = \"iso42001\", version = \">=0.1, <1.0\" },\n"));
  pack.File("m.lua",
            "override \"A.6.2.4\" { severity = \"critical\", enforcement = \"advisory\" }\n" +
                MinControl("ACME-1", 3));
  ASSERT_LOADS(pack);
  const PackInfo& info = pack.engine().pack();
  EXPECT_EQ(info.id, "acme");
  EXPECT_EQ(info.version, "1.2.0");
  Engine bundled;
  ASSERT_TRUE(bundled.LoadPack(PackSource::Bundled()).ok());
  EXPECT_EQ(info.controls.size(), bundled.pack().controls.size() + 1);
  const ControlInfo* vv = info.FindControl("A.6.2.4");
  ASSERT_NE(vv, nullptr);
  EXPECT_EQ(vv->severity, Severity::kCritical);
  EXPECT_EQ(vv->enforcement, Enforcement::kAdvisory);
  EXPECT_EQ(vv->pack, "iso42001");
  EXPECT_EQ(bundled.pack().FindControl("A.6.2.4")->severity, Severity::kHigh);
  ASSERT_EQ(info.layers.size(), 2u);
  EXPECT_EQ(info.layers[0].id, "iso42001");
  EXPECT_EQ(info.layers[1].id, "acme");
  EXPECT_EQ(info.layers[1].extends, "iso42001");
  EXPECT_NE(info.digest, bundled.pack().digest);
  // The inherited control runs with the override: its finding carries the new severity.
  Report r = pack.Eval({Card("m1", 5)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kCritical);
  EXPECT_EQ(f->enforcement, Enforcement::kAdvisory);
  ASSERT_NE(FindingOf(r, "ACME-1", "m1"), nullptr);
  EXPECT_EQ(FindingOf(r, "ACME-1", "m1")->status, FindingStatus::kPass);
}

TEST(PackExtendsTest, TheStringFormWithACaretConstraintLoads) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001@^0.1\",\n"));
  pack.File("m.lua", MinControl("ACME-1", 3));
  ASSERT_LOADS(pack);
}

TEST(PackExtendsTest, AnUnsatisfiedVersionIsALoadErrorAtTheExtendsLine) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001@>=1.0\",\n"));
  pack.File("m.lua", MinControl("ACME-1", 3));
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, "pack.lua", 3, "extends iso42001 >=1.0, but iso42001 is version 0.1.0");
}

TEST(PackExtendsTest, AMalformedConstraintAndAnUnknownIdAreLoadErrors) {
  InlinePack bad_constraint;
  bad_constraint.File("pack.lua", Manifest("acme", "  extends = \"iso42001@~>1\",\n"));
  bad_constraint.File("m.lua", MinControl("ACME-1", 3));
  Status s = bad_constraint.Load();
  EXPECT_DIAGNOSTIC(s, "pack.lua", 3, "'~>1' is not a version constraint");

  InlinePack unknown;
  unknown.File("pack.lua", Manifest("acme", "  extends = \"nist-rmf\",\n"));
  unknown.File("m.lua", MinControl("ACME-1", 3));
  s = unknown.Load();
  EXPECT_DIAGNOSTIC(s, "pack.lua", 3, "extends nist-rmf: no pack with that id is known");
}

TEST(PackExtendsTest, OverridingAControlTheParentLacksIsLocated) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001\",\n"));
  pack.File("m.lua", MinControl("ACME-1", 3) + "\noverride \"A.6.2.40\" { severity = \"low\" }\n");
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, "m.lua", 8, "override of A.6.2.40: no such control in iso42001 0.1.0");
}

TEST(PackExtendsTest, OverridesAreCheckedFieldByField) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001\",\n"));
  pack.File("m.lua", R"lua(
override "A.6.2.4" {
  severity = "severe",
  enforcement = "sometimes",
  params = { min_metrics = "two", no_such = 1 },
  colour = "red",
}
override "ACME-9" { severity = "low" }
)lua");
  Status s = pack.Load();
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, "m.lua", 2, "severity 'severe' is not one of");
  EXPECT_DIAGNOSTIC(s, "m.lua", 3, "enforcement 'sometimes' is not one of advisory, soft, hard");
  EXPECT_DIAGNOSTIC(s, "m.lua", 4, "param 'min_metrics' is int, not string");
  EXPECT_DIAGNOSTIC(s, "m.lua", 4, "control A.6.2.4 has no param 'no_such'");
  EXPECT_DIAGNOSTIC(s, "m.lua", 5, "unknown field 'colour'");
  EXPECT_DIAGNOSTIC(s, "m.lua", 7, "override of ACME-9: no such control in iso42001 0.1.0");
}

TEST(PackExtendsTest, AnOverrideInAPackThatExtendsNothingIsAnError) {
  InlinePack pack;
  pack.File("m.lua", MinControl("ACME-1", 3) + "override \"ACME-1\" { severity = \"high\" }\n");
  Status s = pack.Load();
  EXPECT_DIAGNOSTIC(s, "m.lua", 7, "pack t extends no pack");
}

TEST(PackExtendsTest, RedeclaringAnInheritedControlSaysToOverrideIt) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001\",\n"));
  pack.File("m.lua", R"lua(
control "A.6.2.4" {
  title = "Mine", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function() end, remediation = { { key = "k", title = "K", owner = "o" } },
}
)lua");
  Status s = pack.Load();
  EXPECT_DIAGNOSTIC(s, "m.lua", 1, "already inherited from pack iso42001 0.1.0");
}

TEST(PackExtendsTest, ASwitchedOffControlReportsNotApplicableWithTheJustification) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001\",\n"));
  pack.File("m.lua",
            MinControl("ACME-1", 3) +
                "switch_off \"A.6.2.4\" { justification = \"validation is done by the group\" }\n");
  ASSERT_LOADS(pack);
  const PackInfo& info = pack.engine().pack();
  ASSERT_EQ(info.switched_off.size(), 1u);
  EXPECT_EQ(info.switched_off[0].control, "A.6.2.4");
  EXPECT_EQ(info.switched_off[0].pack, "acme");
  EXPECT_EQ(info.switched_off[0].justification, "validation is done by the group");
  EXPECT_EQ(info.switched_off[0].file, "m.lua");
  EXPECT_EQ(info.switched_off[0].line, 7u);
  Report r = pack.Eval({Card("m1", 1)});
  const Finding* f = FindingOf(r, "A.6.2.4", "m1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::kNotApplicable);
  EXPECT_EQ(f->message, "switched off by pack acme: validation is done by the group");
  EXPECT_FALSE(f->blocking);
}

TEST(PackExtendsTest, ASwitchOffNeedsAJustification) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001\",\n"));
  pack.File("m.lua", MinControl("ACME-1", 3) + "switch_off \"A.6.2.4\" { }\n");
  Status s = pack.Load();
  EXPECT_DIAGNOSTIC(s, "m.lua", 7, "switch_off of A.6.2.4: missing 'justification'");
}

TEST(PackExtendsTest, WhenLimitsWhereAnInheritedControlApplies) {
  InlinePack pack;
  pack.File("pack.lua", Manifest("acme", "  extends = \"iso42001\",\n"));
  pack.File("m.lua", MinControl("ACME-1", 3) + R"lua(
override "A.6.2.4" {
  when = function(doc, ctx)
    return doc.x > 10, "only models with x above 10"
  end,
}
)lua");
  ASSERT_LOADS(pack);
  Report r = pack.Eval({Card("small", 1)});
  const Finding* f = FindingOf(r, "A.6.2.4", "small");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::kNotApplicable);
  EXPECT_EQ(f->message, "only models with x above 10");
  r = pack.Eval({Card("big", 11)});
  EXPECT_NE(FindingOf(r, "A.6.2.4", "big")->status, FindingStatus::kNotApplicable);
}

TEST_F(PackDirs, AChainOfPacksByPathLoadsParentsFirst) {
  Write("base/pack.lua", Manifest("base", "  params = { min = 2 },\n"));
  Write("base/m.lua", MinControl("BASE-1", 2));
  Write("mid/pack.lua", Manifest("mid", "  extends = \"../base\",\n"));
  Write("mid/m.lua", MinControl("MID-1", 4));
  Write("leaf/pack.lua",
        Manifest("leaf", "  extends = { path = \"../mid\", version = \"^1.2\" },\n"));
  Write("leaf/m.lua", "override \"BASE-1\" { params = { min = 5 } }\n");
  Engine engine;
  Status s = LoadDirs(engine, {"leaf"});
  ASSERT_TRUE(s.ok()) << Diagnostics(s);
  const PackInfo& info = engine.pack();
  EXPECT_EQ(info.id, "leaf");
  ASSERT_EQ(info.controls.size(), 2u);
  EXPECT_EQ(info.controls[0].id, "BASE-1");
  EXPECT_EQ(info.controls[1].id, "MID-1");
  ASSERT_EQ(info.layers.size(), 3u);
  EXPECT_EQ(info.layers[0].id, "base");
  EXPECT_EQ(info.layers[1].extends, "base");
  EXPECT_EQ(info.layers[2].extends, "mid");
  EvalOptions o = testing::AsOf("2026-11-24");
  Result<Report> r = engine.Evaluate({Card("m1", 4)}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FindingOf(*r, "BASE-1", "m1")->status, FindingStatus::kFail);  // 4 < 5 (override)
  EXPECT_EQ(FindingOf(*r, "BASE-1", "m1")->message, "x below 5");
  EXPECT_EQ(FindingOf(*r, "MID-1", "m1")->status, FindingStatus::kPass);
}

TEST_F(PackDirs, ACycleIsALoadError) {
  Write("a/pack.lua", Manifest("a", "  extends = \"../b\",\n"));
  Write("a/m.lua", MinControl("A-1", 1));
  Write("b/pack.lua", Manifest("b", "  extends = \"../a\",\n"));
  Write("b/m.lua", MinControl("B-1", 1));
  Engine engine;
  Status s = LoadDirs(engine, {"a"});
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, Dir("b") + "/pack.lua", 3, "extends ../a makes a cycle: a -> b -> a");
}

TEST_F(PackDirs, AMissingParentDirectoryIsLocated) {
  Write("a/pack.lua", Manifest("a", "  extends = \"../nowhere\",\n"));
  Write("a/m.lua", MinControl("A-1", 1));
  Engine engine;
  Status s = LoadDirs(engine, {"a"});
  EXPECT_DIAGNOSTIC(s, Dir("a") + "/pack.lua", 3, "extends ../nowhere: ");
}

TEST_F(PackDirs, AChildsPackWideParamReplacesTheInheritedOneWhereverItIsDeclared) {
  Write("base/pack.lua", Manifest("base", "  params = { level = \"low\" },\n"));
  Write("base/m.lua", MinControl("BASE-1", 2));
  Write("child/pack.lua",
        Manifest("child", "  extends = \"../base\",\n  params = { min = 7, level = 3 },\n"));
  Write("child/m.lua", MinControl("CHILD-1", 1));
  Engine engine;
  Status s = LoadDirs(engine, {"child"});
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, Dir("child") + "/pack.lua", 4,
                    "param 'level' is string where it is inherited, not int");

  Write("child/pack.lua", Manifest("child", "  extends = \"../base\",\n  params = { min = 7 },\n"));
  s = LoadDirs(engine, {"child"});
  ASSERT_TRUE(s.ok()) << Diagnostics(s);
  EXPECT_EQ(std::get<int64_t>(engine.pack().FindControl("BASE-1")->params.at("min")), 7);
  // The child's own control declares min itself: its own value stands.
  EXPECT_EQ(std::get<int64_t>(engine.pack().FindControl("CHILD-1")->params.at("min")), 1);
}

TEST_F(PackDirs, SeveralPacksMergeAndADuplicateIdIsAnErrorAtBothPlaces) {
  Write("a/pack.lua", Manifest("a", ""));
  Write("a/m.lua", MinControl("X-1", 1));
  Write("b/pack.lua", Manifest("b", ""));
  Write("b/m.lua", MinControl("Y-1", 1));
  Write("c/pack.lua", Manifest("c", ""));
  Write("c/m.lua", MinControl("X-1", 2));
  Engine engine;
  Status s = LoadDirs(engine, {"a", "b"});
  ASSERT_TRUE(s.ok()) << Diagnostics(s);
  EXPECT_EQ(engine.pack().id, "a+b");
  EXPECT_EQ(engine.pack().controls.size(), 2u);

  s = LoadDirs(engine, {"a", "c"});
  ASSERT_FALSE(s.ok());
  EXPECT_DIAGNOSTIC(s, Dir("c") + "/m.lua", 1,
                    "control X-1: also declared by pack a at " + Dir("a") + "/m.lua:1");
  EXPECT_DIAGNOSTIC(s, Dir("a") + "/m.lua", 1,
                    "control X-1: also declared by pack c at " + Dir("c") + "/m.lua:1");
}

TEST_F(PackDirs, APackGivenWithOneThatExtendsItLoadsOnce) {
  Write("a/pack.lua", Manifest("a", ""));
  Write("a/m.lua", MinControl("X-1", 1));
  Write("b/pack.lua", Manifest("b", "  extends = \"../a\",\n"));
  Write("b/m.lua", MinControl("Y-1", 1));
  Engine engine;
  Status s = LoadDirs(engine, {"a", "b"});
  ASSERT_TRUE(s.ok()) << Diagnostics(s);
  EXPECT_EQ(engine.pack().id, "b");
  EXPECT_EQ(engine.pack().controls.size(), 2u);
}

// --param: pack-wide or per control, typed by the declared param.
class ParamOverrideTest : public ::testing::Test {
 protected:
  Status LoadWith(std::vector<std::string> params) {
    EngineOptions options;
    options.params = std::move(params);
    pack_ = std::make_unique<InlinePack>(options);
    pack_->ManifestExtra("params = { ratio = 0.5, strict = true, label = \"a\" }");
    pack_->File("m.lua", MinControl("ACME-1", 3) + MinControl("ACME-2", 3));
    return pack_->Load();
  }
  std::unique_ptr<InlinePack> pack_;
};

TEST_F(ParamOverrideTest, APackWideParamIsSetEverywhereItIsDeclared) {
  ASSERT_TRUE(LoadWith({"min=10", "ratio=1", "strict=false", "label=b"}).ok());
  const PackInfo& info = pack_->engine().pack();
  EXPECT_EQ(std::get<int64_t>(info.FindControl("ACME-1")->params.at("min")), 10);
  EXPECT_EQ(std::get<int64_t>(info.FindControl("ACME-2")->params.at("min")), 10);
  EXPECT_EQ(std::get<double>(info.params.at("ratio")), 1.0);
  EXPECT_EQ(std::get<bool>(info.params.at("strict")), false);
  EXPECT_EQ(std::get<std::string>(info.params.at("label")), "b");
  Report r = pack_->Eval({Card("m1", 5)});
  EXPECT_EQ(FindingOf(r, "ACME-1", "m1")->message, "x below 10");
}

TEST_F(ParamOverrideTest, APerControlParamSetsOnlyThatControl) {
  ASSERT_TRUE(LoadWith({"ACME-2.min=9"}).ok());
  Report r = pack_->Eval({Card("m1", 5)});
  EXPECT_EQ(FindingOf(r, "ACME-1", "m1")->status, FindingStatus::kPass);
  EXPECT_EQ(FindingOf(r, "ACME-2", "m1")->message, "x below 9");
}

TEST_F(ParamOverrideTest, TypeErrorsAndUnknownNamesAreUsageErrorsNamingTheParam) {
  Status s = LoadWith({"min=ten"});
  EXPECT_EQ(s.message(), "--param min=ten: param 'min' is int, and 'ten' is not");
  s = LoadWith({"strict=yes"});
  EXPECT_EQ(s.message(), "--param strict=yes: param 'strict' is bool, and 'yes' is not");
  s = LoadWith({"ratio=0.5x"});
  EXPECT_EQ(s.message(), "--param ratio=0.5x: param 'ratio' is float, and '0.5x' is not");
  s = LoadWith({"retention=12"});
  EXPECT_EQ(s.message(), "--param retention=12: the pack has no param 'retention'");
  s = LoadWith({"ACME-3.min=1"});
  EXPECT_EQ(s.message(), "--param ACME-3.min=1: no control 'ACME-3' in the pack");
  s = LoadWith({"ACME-1.max=1"});
  EXPECT_EQ(s.message(), "--param ACME-1.max=1: control ACME-1 has no param 'max'");
  s = LoadWith({"min"});
  EXPECT_EQ(s.message(), "--param min: expected NAME=VALUE or CONTROL.NAME=VALUE");
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
}

}  // namespace
}  // namespace aimsgate
