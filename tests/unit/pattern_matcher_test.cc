// The counted pattern matcher must behave exactly as Lua 5.4's own: same results, same errors.
// Each case runs through both (stock string library vs. ours) in one plain Lua state, plus a
// few thousand random short patterns and subjects, and the outcomes are compared as text.
#include "lua/pattern_matcher.h"

#include <gtest/gtest.h>

#include <string>

namespace aimsgate {
namespace {

uint64_t g_steps = 0;
void CountSteps(lua_State*, uint64_t steps) {
  g_steps += steps;
}

void StopAfterAMillion(lua_State* L, uint64_t steps) {
  g_steps += steps;
  if (g_steps > 1'000'000) luaL_error(L, "step limit");
}

class PatternMatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    L_ = luaL_newstate();
    luaL_openlibs(L_);
    lua_newtable(L_);  // ours
    InstallCountedPatternFunctions(L_, CountSteps);
    lua_setglobal(L_, "ours");
    g_steps = 0;
  }
  void TearDown() override { lua_close(L_); }

  // Runs `chunk`, which returns a string; "" means the two matchers agreed.
  std::string Run(const std::string& chunk) {
    if (luaL_loadstring(L_, (kCompare + chunk).c_str()) != LUA_OK || lua_pcall(L_, 0, 1, 0)) {
      return std::string("Lua error: ") + lua_tostring(L_, -1);
    }
    return lua_tostring(L_, -1);
  }

  // compare(name, ...): calls string[name] and ours[name] with the same arguments and
  // returns "" or a description of the difference. gmatch results are drained into lists.
  static inline const std::string kCompare = R"lua(
local function show(ok, ...)
  local parts = { tostring(ok) }
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    -- Lua names the function in argument errors by where it finds it ('string.gsub' vs '?').
    parts[#parts + 1] = type(v) .. ":" .. tostring(v):gsub("(bad argument #%d+ to )'[^']*'", "%1")
  end
  return table.concat(parts, "|")
end
local function drain(gmatch, ...)
  local args = table.pack(...)
  return pcall(function()
    local out = {}
    for a, b, c in gmatch(table.unpack(args, 1, args.n)) do
      out[#out + 1] = tostring(a) .. "," .. tostring(b) .. "," .. tostring(c)
      if #out > 100 then break end
    end
    return table.concat(out, ";")
  end)
end
local function compare(name, ...)
  local theirs, mine
  if name == "gmatch" then
    theirs, mine = show(drain(string.gmatch, ...)), show(drain(ours.gmatch, ...))
  else
    theirs, mine = show(pcall(string[name], ...)), show(pcall(ours[name], ...))
  end
  if theirs == mine then return "" end
  local args = {}
  for i = 1, select("#", ...) do args[i] = string.format("%q", tostring((select(i, ...)))) end
  return name .. "(" .. table.concat(args, ", ") .. "): lua " .. theirs .. " / ours " .. mine .. "\n"
end
)lua";

  lua_State* L_ = nullptr;
};

TEST_F(PatternMatcherTest, AgreesWithLuaOnHandPickedCases) {
  EXPECT_EQ(Run(R"lua(
local out = {}
local function c(...) out[#out + 1] = compare(...) end
local subjects = { "", "hello world", "  key = value  ", "f(a(b)c)d", "THE (quick) fox",
  "2026-11-24T10:00:00Z", "a.b.c", "aaa", "x\0y\0z", "[[nested]]", "%d%%", "über", "abcabcabc" }
local patterns = { "", "o", "l+", "l*", "l-", "l?", "^h", "d$", "^$", ".", "%a+", "%d+", "%s*(.-)%s*$",
  "(%w+)%s*=%s*(%w+)", "%b()", "%f[%w]%w+", "%f[%W]", "()", "(h)(e)", "(a)%1", "[%a_][%w_]*",
  "[^%s]+", "[a-c]+", "[]]", "[^]]", "%.", "(%d+)-(%d+)-(%d+)", "^(%d%d%d%d)%-", "%u+", "%l+",
  "%p", "%c", "%x+", "%g+", "x%zy", "(a*(.)%w(%s*))", "((a)(b))", "a-b", "%%", "[%%d]", "(()a)",
  "[a-]", "[-a]", "b*$", ".-b", "(.-)c", "%bxy", "[\0]", "\0" }
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    c("find", s, p) c("match", s, p) c("gmatch", s, p) c("gsub", s, p, "<%0>")
    c("find", s, p, 3) c("find", s, p, -4) c("match", s, p, 100) c("find", s, p, 1, true)
    c("gsub", s, p, "%1", 2) c("gmatch", s, p, 3)
  end
end
-- replacements, anchors, limits and errors
c("gsub", "hello world", "(o)", { o = "0" }) c("gsub", "hello", "l", { l = false })
c("gsub", "hello", "(l)", function(x) return x:upper() end)
c("gsub", "hello", "l", function() return nil end) c("gsub", "hello", "l", function() return {} end)
c("gsub", "hello", "l", "%2") c("gsub", "hello", "l", "%x") c("gsub", "hello", "l", 7)
c("gsub", "hello", "()l", "%1") c("gsub", "hello", "", "-") c("gsub", "abc", "^", ">")
c("gsub", "abc", "%w", "%%") c("gsub", "abc", "%w", "x", 0) c("gsub", "abc", "%w", "x", -1)
c("gsub", "abc", "b", true) c("find", "abc", "%") c("find", "abc", "[a") c("find", "abc", "[a%")
c("find", "abc", "%b") c("find", "abc", "%ba") c("find", "abc", "%f") c("find", "abc", "%fa")
c("find", "abc", "(a") c("find", "abc", "a)") c("find", "abc", "%1") c("find", "abc", "(a%1)")
c("match", "abc", string.rep("(", 33) .. "a" .. string.rep(")", 33))
c("match", string.rep("a", 300), string.rep("a?", 300))
c("find", "abc", "b", 10) c("find", "abc", "", 4) c("find", "abc", "", 5) c("find", "abc", "b", -100)
c("gmatch", "abc", "", 10) c("gmatch", "one two  three", "%a*") c("gmatch", "abc", "^a")
c("match", "key=val", "()(%w+)()")
return table.concat(out)
)lua"),
            "");
  EXPECT_GT(g_steps, 0u) << "our matcher reported its steps";
}

TEST_F(PatternMatcherTest, AgreesWithLuaOnRandomShortPatterns) {
  EXPECT_EQ(Run(R"lua(
math.randomseed(8)
local pieces = { "a", "b", ".", "%a", "%d", "%s", "[ab]", "[^a]", "*", "+", "-", "?", "(", ")",
  "()", "^", "$", "%b()", "%f[%a]", "%1", "%", "[", "]", "x" }
local letters = { "a", "b", "(", ")", " ", "1", "x" }
local out = {}
for i = 1, 4000 do
  local p, s = {}, {}
  for j = 1, math.random(0, 6) do p[j] = pieces[math.random(#pieces)] end
  for j = 1, math.random(0, 8) do s[j] = letters[math.random(#letters)] end
  p, s = table.concat(p), table.concat(s)
  local diff = compare("find", s, p) .. compare("match", s, p) .. compare("gmatch", s, p)
    .. compare("gsub", s, p, "[%0]")
  if diff ~= "" then out[#out + 1] = diff end
  if #out > 20 then break end
end
return table.concat(out)
)lua"),
            "");
}

TEST_F(PatternMatcherTest, ACatastrophicPatternIsStoppedByTheChargeFunction) {
  lua_newtable(L_);
  InstallCountedPatternFunctions(L_, StopAfterAMillion);
  lua_setglobal(L_, "limited");
  const std::string result = Run(R"lua(
local ok, err = pcall(limited.find, string.rep("a", 100000), ".-.-.-b")
return tostring(ok) .. " " .. tostring(err)
)lua");
  EXPECT_EQ(result, "false step limit");
  EXPECT_GT(g_steps, 1'000'000u);
  EXPECT_LT(g_steps, 1'000'000u + 1024) << "stopped within one batch of the limit";
}

}  // namespace
}  // namespace aimsgate
