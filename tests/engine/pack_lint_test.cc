// Pack lint on inline packs: what LintPack reports, where, and what it must not report.
#include "aimsgate/pack_lint.h"

#include <gtest/gtest.h>

#include "support/inline_pack.h"

namespace aimsgate {
namespace {

using testing::Src;

constexpr const char* kManifest = R"lua(
pack {
  id = "p", title = "P", version = "1.0",
  params = { pack_limit = 3, role_pattern = "(admin" },
  modules = { "c.lua" },
}
)lua";

// The lint of a pack made of pack.lua (kManifest unless given) and c.lua.
PackLint Lint(const std::string& controls, const std::string& manifest = kManifest) {
  Result<PackLint> r = LintPack(
      PackSource::FromFiles("inline", {{"pack.lua", Src(manifest)}, {"c.lua", Src(controls)}}), "");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : PackLint{};
}

std::vector<std::string> Lines(const PackLint& lint) {
  std::vector<std::string> out;
  for (const Diagnostic& d : lint.diagnostics) out.push_back(d.ToString());
  return out;
}

constexpr const char* kControl = R"lua(
local p0 = nil
control "A.6.2.4" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  params = { own_limit = 1 },
  check = function(doc, ctx)
    local p = ctx.params
    if p.own_limit and ctx.params["pack_limit"] then return end
    if re.test(doc.role or "", ctx.params.role_pattern) then return end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua";

TEST(PackLint, ParamsReadThroughAliasesAndBracketsAreRead) {
  PackLint lint = Lint(kControl);
  for (const std::string& line : Lines(lint)) {
    EXPECT_EQ(line.find("never read"), std::string::npos) << line;
  }
}

TEST(PackLint, AParamUsedAsAPatternMustCompile) {
  PackLint lint = Lint(kControl);
  ASSERT_EQ(lint.errors(), 1u) << ::testing::PrintToString(Lines(lint));
  EXPECT_EQ(lint.diagnostics[0].location.file, "pack.lua");
  EXPECT_EQ(lint.diagnostics[0].location.line, 3u);
  EXPECT_NE(lint.diagnostics[0].message.find("'role_pattern'"), std::string::npos);
}

TEST(PackLint, UnreadParamsAreWarningsAtTheirDeclaration) {
  PackLint lint = Lint(R"lua(
control "A.6.2.4" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  params = {
    own_limit = 1,
  },
  -- ctx.params.own_limit in a comment is not a read
  check = function(doc, ctx) end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  std::vector<std::string> lines = Lines(lint);
  EXPECT_EQ(lint.warnings(), 3u) << ::testing::PrintToString(lines);
  EXPECT_NE(
      std::find(lines.begin(), lines.end(),
                "c.lua:4: warning: control A.6.2.4: param 'own_limit' is declared but never read"),
      lines.end())
      << ::testing::PrintToString(lines);
}

TEST(PackLint, EveryBadCitationOfEveryControlIsReported) {
  PackLint lint = Lint(R"lua(
control "A.6.2.4" {
  title = "T", citations = { "A.6.2.4", "A.6.10", "9.9" }, applies_to = { "model_card" },
  severity = "high", check = function(doc, ctx) end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
control "ACME-1" {
  title = "T", citations = "A.6.2.4", applies_to = { "model_card" },
  severity = "high", check = function(doc, ctx) end,
}
)lua",
                       R"lua(
pack { id = "p", title = "P", version = "1.0", modules = { "c.lua" } }
)lua");
  std::vector<std::string> lines = Lines(lint);
  auto has = [&](const std::string& text) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("c.lua:2: error: control A.6.2.4: citation 'A.6.10'"))
      << ::testing::PrintToString(lines);
  EXPECT_TRUE(has("c.lua:2: error: control A.6.2.4: citation '9.9'"));
  EXPECT_TRUE(has("c.lua:6: error: control ACME-1: 'citations' must be a list of strings"));
  EXPECT_TRUE(has("c.lua:6: error: control ACME-1: 'remediation' must list at least one task"));
}

TEST(PackLint, RegexConstantsAndLiteralsAreCompiled) {
  PackLint lint = Lint(R"lua(
local ROLE = "(?i)owner|[admin"
control "A.6.2.4" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    if re.full(doc.a or "", ROLE) or re.match(doc.b or "", [[\d{2,1}]]) then return end
    if re.test(doc.c or "", "fine|ok") then return end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua",
                       R"lua(
pack { id = "p", title = "P", version = "1.0", modules = { "c.lua" } }
)lua");
  std::vector<std::string> lines = Lines(lint);
  ASSERT_EQ(lint.errors(), 2u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lint.diagnostics[0].location.line, 5u);
  EXPECT_NE(lint.diagnostics[0].message.find("'(?i)owner|[admin'"), std::string::npos);
  EXPECT_NE(lint.diagnostics[1].message.find("'\\d{2,1}'"), std::string::npos);
}

TEST(PackLint, SimilarControlIdsSuggestsTheClosest) {
  PackInfo pack;
  for (const char* id : {"A.6.2.4", "A.6.2.5", "A.7.2", "ACME-1"}) {
    ControlInfo c;
    c.id = id;
    pack.controls.push_back(c);
  }
  EXPECT_EQ(SimilarControlIds(pack, "A.6.2.6"), (std::vector<std::string>{"A.6.2.4", "A.6.2.5"}));
  EXPECT_TRUE(SimilarControlIds(pack, "zzzzzzzz").empty());
}

}  // namespace
}  // namespace aimsgate
