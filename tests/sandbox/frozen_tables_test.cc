// Freezing: once a pack is loaded its globals and the tables its checks can reach are read-only.
// Read-only must not mean different: a check reads a frozen table exactly as the module that
// built it did at load time.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "aimsgate/engine.h"
#include "support/inline_pack.h"

namespace aimsgate {
namespace {

using testing::Card;
using testing::Dump;
using testing::FindingOf;
using testing::InlinePack;

// Loads `module`, which must declare control "READ-1" reporting observations as "name=value"
// violations, evaluates one card, and returns the observations.
std::map<std::string, std::string> Observe(std::string_view module) {
  InlinePack pack;
  pack.File("annex_a/x.lua", module);
  const Status s = pack.Load();
  if (!s.ok()) {
    ADD_FAILURE() << testing::Diagnostics(s);
    return {};
  }
  Report r = pack.Eval({Card("m1", 1)});
  const Finding* f = FindingOf(r, "READ-1", "m1");
  if (f == nullptr || f->status != FindingStatus::kFail) {
    ADD_FAILURE() << "READ-1 must report its observations:\n" << Dump(r);
    return {};
  }
  std::map<std::string, std::string> out;
  for (const Violation& v : f->violations) {
    const size_t eq = v.message.find('=');
    out[v.message.substr(0, eq)] = v.message.substr(eq + 1);
  }
  return out;
}

TEST(FrozenTablesTest, ContentsStayVisibleToNextRawgetAndRawlen) {
  // Each observation is made twice: while the module loads, and again inside the check.
  std::map<std::string, std::string> seen = Observe(R"lua(
local ALLOWED = { model = true, tiers = { "low", "high" } }
local function observe(when)
  return {
    when .. " index=" .. tostring(ALLOWED.model),
    when .. " #tiers=" .. #ALLOWED.tiers,
    when .. " next=" .. tostring(next(ALLOWED) ~= nil),
    when .. " rawget=" .. tostring(rawget(ALLOWED, "model")),
    when .. " rawlen=" .. rawlen(ALLOWED.tiers),
  }
end
local at_load = observe("load")
control "READ-1" {
  title = "Reads a module table", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "low",
  check = function(doc, ctx)
    for _, o in ipairs(at_load) do ctx:fail(nil, o) end
    for _, o in ipairs(observe("check")) do ctx:fail(nil, o) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  for (const char* what : {"index", "#tiers", "next", "rawget", "rawlen"}) {
    EXPECT_EQ(seen[std::string("check ") + what], seen[std::string("load ") + what])
        << what << " reads differently once frozen";
  }
  EXPECT_EQ(seen["load next"], "true");
  EXPECT_EQ(seen["load rawlen"], "2");
}

TEST(FrozenTablesTest, ATablesOwnMetatableSurvivesFreezing) {
  // Defaults through __index, and a small class: both common in helper code.
  std::map<std::string, std::string> seen = Observe(R"lua(
local defaults = setmetatable({}, { __index = function(t, k) return 0 end })
local Threshold = {}
Threshold.__index = Threshold
function Threshold.new(min) return setmetatable({ min = min }, Threshold) end
function Threshold:allows(v) return v >= self.min end
local auc = Threshold.new(0.8)
local function observe(when)
  local ok, allows = pcall(function() return auc:allows(0.9) end)
  return {
    when .. " default=" .. tostring(defaults.missing_key),
    when .. " method=" .. tostring(ok) .. "/" .. tostring(allows),
  }
end
local at_load = observe("load")
control "READ-1" {
  title = "Uses helper objects", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "low",
  check = function(doc, ctx)
    for _, o in ipairs(at_load) do ctx:fail(nil, o) end
    for _, o in ipairs(observe("check")) do ctx:fail(nil, o) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  EXPECT_EQ(seen["load default"], "0");
  EXPECT_EQ(seen["load method"], "true/true");
  EXPECT_EQ(seen["check default"], "0") << "the __index default is gone once frozen";
  EXPECT_EQ(seen["check method"], "true/true") << "the object lost its class once frozen";
}

TEST(FrozenTablesTest, PairsAndIpairsAndConcatReadFrozenTables) {
  std::map<std::string, std::string> seen = Observe(R"lua(
local KINDS = { "model_card", "pipeline_run" }
local LIMITS = { auc = 0.8 }
control "READ-1" {
  title = "Iterates module tables", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "low",
  check = function(doc, ctx)
    local names = {}
    for i, k in ipairs(KINDS) do names[#names + 1] = i .. ":" .. k end
    ctx:fail(nil, "ipairs=" .. table.concat(names, ","))
    for k, v in pairs(LIMITS) do ctx:fail(nil, "pairs=" .. k .. ":" .. v) end
    ctx:fail(nil, "concat=" .. table.concat(KINDS, "|"))
    ctx:fail(nil, "len=" .. #KINDS)
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  EXPECT_EQ(seen["ipairs"], "1:model_card,2:pipeline_run");
  EXPECT_EQ(seen["pairs"], "auc:0.8");
  EXPECT_EQ(seen["concat"], "model_card|pipeline_run");
  EXPECT_EQ(seen["len"], "2");
}

}  // namespace
}  // namespace aimsgate
