// The Lua API reference (docs/lua-api.md) is generated from the engine's tables: it must match
// the file, and everything a pack can call must be in it. Also: the authoring helpers for
// numbers and cross-document lookups behave as documented.
#include "aimsgate/lua_api.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "lua/host_api.h"
#include "lua/sandbox.h"
#include "pack/pack_loader.h"
#include "support/inline_pack.h"

namespace aimsgate {

std::span<const HostFunction> PreludeDslFunctions();
std::span<const HostFunction> PreludeHelperFunctions();
std::span<const HostFunction> PreludeNumberFunctions();

namespace {

using testing::Doc;
using testing::FindingOf;
using testing::InlinePack;

TEST(LuaApiTest, DocsLuaApiMdIsTheGeneratedReference) {
  std::ifstream in(std::string(AIMSGATE_SOURCE_DIR) + "/docs/lua-api.md", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), LuaApiReference())
      << "docs/lua-api.md is stale: regenerate it with build/aimsgate lua-api > docs/lua-api.md";
}

// The names of the function members of the table at the top of the stack (frozen or not).
std::set<std::string> FunctionNames(lua_State* L) {
  std::set<std::string> out;
  PushTableContents(L, -1);
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_isfunction(L, -1) && lua_type(L, -2) == LUA_TSTRING) out.insert(lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return out;
}

std::set<std::string> Names(std::initializer_list<std::span<const HostFunction>> tables) {
  std::set<std::string> out;
  for (auto table : tables) {
    for (const HostFunction& f : table) out.insert(f.name);
  }
  return out;
}

TEST(LuaApiTest, EveryFunctionAPackCanReachIsDocumented) {
  Result<std::unique_ptr<Sandbox>> box = Sandbox::Create({});
  ASSERT_TRUE(box.ok());
  PackSource source = PackSource::FromFiles(
      "inline", {{"pack.lua",
                  "pack { id = \"t\", title = \"T\", version = \"1.0\", modules = { \"m.lua\" } }"},
                 {"m.lua",
                  "control \"A.6.2.4\" { title = \"T\", citations = { \"A.6.2.4\" }, "
                  "applies_to = { \"model_card\" }, severity = \"low\", check = function() end, "
                  "remediation = { { key = \"k\", title = \"K\", owner = \"o\" } } }"}});
  Result<LoadedPack> pack = LoadPackInto(**box, {source});
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  lua_State* L = (*box)->state();

  // Globals beyond Lua's own standard library.
  const std::set<std::string> standard = {
      "assert",       "error",    "getmetatable", "ipairs", "next",   "pairs",
      "pcall",        "rawequal", "rawget",       "rawlen", "rawset", "select",
      "setmetatable", "tonumber", "tostring",     "type",   "xpcall"};
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  std::set<std::string> globals = FunctionNames(L);
  lua_pop(L, 1);
  std::set<std::string> documented = Names({PreludeDslFunctions(), PreludeNumberFunctions()});
  for (const HostFunction& f : PreludeHelperFunctions()) {
    if (std::string(f.signature).rfind("dates.", 0) != 0) documented.insert(f.name);
  }
  for (const std::string& g : globals) {
    if (!standard.count(g)) {
      EXPECT_TRUE(documented.count(g)) << "global " << g << " is not in the reference";
    }
  }
  for (const std::string& d : documented) {
    EXPECT_TRUE(globals.count(d)) << d << " is documented but missing";
  }

  auto expect_same = [&](const char* table, std::span<const HostFunction> doc) {
    lua_getglobal(L, table);
    std::set<std::string> have = FunctionNames(L);
    lua_pop(L, 1);
    std::set<std::string> want;
    for (const HostFunction& f : doc) {
      if (f.function != nullptr || std::string(table) == "dates") want.insert(f.name);
    }
    EXPECT_EQ(have, want) << table;
  };
  expect_same("re", RegexFunctions());
  expect_same("registry", RegistryFunctions());
  std::vector<HostFunction> dates;
  for (const HostFunction& f : PreludeHelperFunctions()) {
    if (std::string(f.signature).rfind("dates.", 0) == 0) dates.push_back(f);
  }
  expect_same("dates", dates);
}

TEST(LuaApiTest, NumbersCompareWithTolerance) {
  InlinePack pack;
  pack.File("m.lua", R"lua(
control "A.6.2.4" {
  title = "T", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    local ok = approx(0.1 + 0.2, 0.3) and not approx(1, 1.1) and approx(1, 1.1, 0.2)
      and at_least(0.8, 0.8000000001) and not at_least(0.79, 0.8) and at_least(0.79, 0.8, 0.01)
      and at_most(0.3, 0.1 + 0.2) and not at_most(0.31, 0.3)
    if not ok then ctx:fail(nil, "tolerance helpers disagree") end
    if doc.x == 1 then approx("0.3", 0.3) end
  end,
  remediation = { { key = "k", title = "K", owner = "o" } },
}
)lua");
  ASSERT_LOADS(pack);
  Report r = pack.Eval({testing::Card("m0", 0), testing::Card("m1", 1)});
  EXPECT_EQ(FindingOf(r, "A.6.2.4", "m0")->status, FindingStatus::kPass)
      << FindingOf(r, "A.6.2.4", "m0")->message;
  const Finding* bad = FindingOf(r, "A.6.2.4", "m1");
  EXPECT_EQ(bad->status, FindingStatus::kError);
  EXPECT_NE(bad->message.find("approx: argument #1 must be a number, got string"),
            std::string::npos)
      << bad->message;
}

TEST(LuaApiTest, ChecksLookUpOtherDocumentsOfTheRunWithoutDependingOnJobs) {
  const char* module = R"lua(
control "A.10.3" {
  title = "T", citations = { "A.10.3" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    local org = ctx:find("organization", "org")
    if org == nil then return ctx:insufficient(nil, "no organisation record") end
    for _, s in ipairs(org.suppliers) do
      if s.name == doc.vendor then return ctx:pass("vendor " .. s.name .. " at " .. s:pointer()) end
    end
    ctx:fail("/vendor", ("vendor %s is not in the supplier register of %s (%d cards in the run)")
      :format(doc.vendor, org.id, #ctx:documents("model_card")))
  end,
  remediation = { { key = "k", title = "K", owner = "o" } },
}
)lua";
  auto docs = [] {
    std::vector<Evidence> d;
    d.push_back(
        Doc(R"({"kind":"model_card","schema_version":"1.0","id":"a","vendor":"Vendo"})", "a.json"));
    d.push_back(
        Doc(R"({"kind":"model_card","schema_version":"1.0","id":"b","vendor":"Other"})", "b.json"));
    d.push_back(Doc(R"({"kind":"organization","schema_version":"1.0","id":"org",
                        "suppliers":[{"name":"Vendo"}]})",
                    "org.json"));
    return d;
  };
  std::string first;
  for (unsigned jobs : {1u, 3u}) {
    EngineOptions options;
    options.jobs = jobs;
    InlinePack pack(options);
    pack.File("m.lua", module);
    ASSERT_LOADS(pack);
    Report r = pack.Eval(docs());
    EXPECT_EQ(FindingOf(r, "A.10.3", "a")->status, FindingStatus::kPass);
    EXPECT_EQ(FindingOf(r, "A.10.3", "a")->message, "vendor Vendo at /suppliers/0");
    EXPECT_EQ(FindingOf(r, "A.10.3", "b")->message,
              "vendor Other is not in the supplier register of org (2 cards in the run)");
    if (first.empty()) first = testing::Dump(r);
    EXPECT_EQ(testing::Dump(r), first);
  }
  InlinePack alone;
  alone.File("m.lua", module);
  ASSERT_LOADS(alone);
  Report r = alone.Eval({docs()[0]});
  EXPECT_EQ(FindingOf(r, "A.10.3", "a")->status, FindingStatus::kInsufficientEvidence);
}

TEST(LuaApiTest, ANodeOfAnotherDocumentCannotLocateAFinding) {
  InlinePack pack;
  pack.File("m.lua", R"lua(
control "A.10.3" {
  title = "T", citations = { "A.10.3" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    ctx:fail(ctx:find("organization", "org"), "elsewhere")
  end,
  remediation = { { key = "k", title = "K", owner = "o" } },
}
)lua");
  ASSERT_LOADS(pack);
  Report r =
      pack.Eval({Doc(R"({"kind":"model_card","schema_version":"1.0","id":"a"})", "a.json"),
                 Doc(R"({"kind":"organization","schema_version":"1.0","id":"org"})", "o.json")});
  const Finding* f = FindingOf(r, "A.10.3", "a");
  EXPECT_EQ(f->status, FindingStatus::kError);
  EXPECT_NE(f->message.find("node of another document"), std::string::npos) << f->message;
}

}  // namespace
}  // namespace aimsgate
