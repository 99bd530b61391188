// Sandbox escapes: each case is a control that tries one thing it must not be able to do.
// It must end as an `error` finding for that control, with a message that names the problem,
// while a well-behaved sibling control in the same pack still passes on every document.
// Limits are small so that budget and memory cases are quick; ctest's timeout guards hangs.
#include <gtest/gtest.h>

#include <string>

#include "aimsgate/engine.h"
#include "support/inline_pack.h"

namespace aimsgate {
namespace {

using testing::Card;
using testing::ContainsRe;
using testing::Dump;
using testing::FindingOf;
using testing::InlinePack;

EngineOptions SmallLimits() {
  EngineOptions o;
  o.instruction_budget = 2'000'000;
  o.memory_limit = 16ull << 20;
  return o;
}

// Runs after the escape attempt, in the same Lua state: it passes only if the state is intact.
constexpr const char* kGoodSibling = R"lua(
control "GOOD-1" {
  title = "Well behaved", citations = { "A.6.2.5" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    if doc.x ~= 1 then ctx:fail("/x", "x is not 1") end
    local parts = {}
    for i = 1, 3 do parts[#parts + 1] = ("%d"):format(i) end
    if table.concat(parts, ",") ~= "1,2,3" or ("ok"):upper() ~= "OK" or tostring(12) ~= "12"
       or string.rep("ab", 2) ~= "abab" or math.max(1, 2) ~= 2 then
      ctx:fail(nil, "the sandbox is damaged")
    end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua";

// An escape attempt as the check of control ESCAPE-1; `body` starts on line 4 of its module.
std::string EscapeModule(const std::string& body) {
  return R"lua(control "ESCAPE-1" {
  title = "Tries one thing", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
)lua" + body +
         R"lua(
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua";
}

class SandboxTest : public ::testing::Test {
 public:
  SandboxTest() : pack_(SmallLimits()) {}

  // Loads annex_a/escape.lua (and any lib files already added) plus the good sibling, then
  // evaluates two documents so that every check runs again after the escape attempt.
  Report Run(std::string_view escape_module) {
    pack_.File("annex_a/escape.lua", escape_module);
    pack_.File("annex_a/good.lua", kGoodSibling);
    const Status s = pack_.Load();
    if (!s.ok()) {
      ADD_FAILURE() << "the pack must load:\n" << testing::Diagnostics(s);
      return Report{};
    }
    return pack_.Eval({Card("m1", 1), Card("m2", 1)});
  }

  // The sibling passed on both documents.
  void ExpectSiblingPasses(const Report& r) {
    for (const char* id : {"m1", "m2"}) {
      const Finding* good = FindingOf(r, "GOOD-1", id);
      ASSERT_NE(good, nullptr) << id << "\n" << Dump(r);
      EXPECT_EQ(good->status, FindingStatus::kPass) << id << ": " << good->message;
    }
  }

  // ESCAPE-1 ended as an error matching `pattern` on the document `id`.
  void ExpectEscapeError(const Report& r, const std::string& id, const std::string& pattern) {
    const Finding* f = FindingOf(r, "ESCAPE-1", id);
    ASSERT_NE(f, nullptr) << id << "\n" << Dump(r);
    EXPECT_EQ(f->control, "ESCAPE-1");
    EXPECT_EQ(f->status, FindingStatus::kError)
        << id << ": " << ToString(f->status) << " \"" << f->message << "\"";
    EXPECT_TRUE(ContainsRe(f->message, pattern)) << id;
    EXPECT_TRUE(f->blocking) << "an error blocks the gate";
  }

 protected:
  InlinePack pack_;
};

// ---------------------------------------------------------------------------------------------
// One-line attempts

struct Escape {
  const char* name;
  const char* body;     // the body of check(doc, ctx)
  const char* pattern;  // what the error message must say
};

void PrintTo(const Escape& e, std::ostream* os) {
  *os << e.name;
}

class OneLineEscapeTest : public SandboxTest, public ::testing::WithParamInterface<Escape> {};

TEST_P(OneLineEscapeTest, EndsAsAnErrorOfThatControlAndTheSiblingStillPasses) {
  Report r = Run(EscapeModule(GetParam().body));
  ExpectEscapeError(r, "m1", GetParam().pattern);
  ExpectEscapeError(r, "m2", GetParam().pattern);
  ExpectSiblingPasses(r);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kError)], 2u) << Dump(r);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kPass)], 2u) << Dump(r);
}

INSTANTIATE_TEST_SUITE_P(
    Sandbox, OneLineEscapeTest,
    ::testing::Values(
        // Libraries that are never opened.
        Escape{"OsExecute", R"(os.execute("touch /tmp/aimsgate-pwned"))",
               "escape\\.lua:4: unknown global 'os'"},
        Escape{"IoOpen", R"(local f = io.open("/etc/passwd"))",
               "escape\\.lua:4: unknown global 'io'"},
        Escape{"RequireOs", R"(local os = require("os"))", "module 'os' not found"},
        Escape{"RequireIo", R"(local io = require("io"))", "module 'io' not found"},
        Escape{"RequireAbsolutePath", R"(local m = require("/etc/passwd"))",
               "module '/etc/passwd' not found"},
        Escape{"RequireOutsideThePack", R"(local m = require("../../../../etc/passwd"))",
               "module '../../../../etc/passwd' not found"},
        Escape{"RequireASystemLuaModule", R"(local m = require("lpeg"))",
               "module 'lpeg' not found"},
        Escape{"Debug", R"(debug.sethook())", "unknown global 'debug'"},
        Escape{"Package", R"(package.loadlib("libc.so.6", "system"))", "unknown global 'package'"},
        Escape{"Coroutine", R"(coroutine.wrap(function() end)())", "unknown global 'coroutine'"},
        Escape{"Print", R"(print("stdout carries the report"))", "unknown global 'print'"},
        // Base functions that are removed.
        Escape{"StringDump", R"(local bytes = string.dump(function() end))",
               "escape\\.lua:4: .*field 'dump'"},
        Escape{"LoadBinaryChunk", R"(local f = load("\27Lua\84\0\25\147\13\10\26\10"))",
               "unknown global 'load'"},
        Escape{"LoadText", R"(local f = load("return 1"))", "unknown global 'load'"},
        Escape{"LoadTextWithAForgedEnvironment",
               R"(local f = load("return io", "x", "t", { io = true }))", "unknown global 'load'"},
        Escape{"LoadThroughTheEnvironment", R"(local f = _ENV.load)", "unknown global 'load'"},
        Escape{"Dofile", R"(dofile("/etc/passwd"))", "unknown global 'dofile'"},
        Escape{"Loadfile", R"(local f = loadfile("/etc/passwd"))", "unknown global 'loadfile'"},
        Escape{"Collectgarbage", R"(collectgarbage("stop"))", "unknown global 'collectgarbage'"},
        Escape{"Randomseed", R"(math.randomseed(1))", "escape\\.lua:4: .*field 'randomseed'"},
        // Globals and library tables are read-only.
        Escape{"WriteAGlobal", R"(leaked = doc.x)", "assignment to global 'leaked'"},
        Escape{"OverwriteABuiltin", R"(tostring = function() return "pwned" end)",
               "assignment to global 'tostring'"},
        Escape{"WriteThroughEnv", R"(_ENV.tostring = function() return "pwned" end)",
               "assignment to global 'tostring'"},
        Escape{"ReplaceEnvThenReadAGlobal", R"(_ENV = { os = 1 } local x = tostring(1))",
               "escape\\.lua:4: attempt to call a nil value \\(global 'tostring'\\)"},
        Escape{"SetmetatableOnStringLibrary", R"(setmetatable(string, { __index = _G }))",
               "read-only table"},
        Escape{"RawsetOnMath", R"(rawset(math, "pi", 3))", "read-only table"},
        Escape{"RawsetOnTable", R"(rawset(table, "concat", print))", "read-only table|'print'"},
        Escape{"WriteThroughG", R"(_G.tostring = function() return "pwned" end)", "read-only"},
        Escape{"RawsetOnG", R"(rawset(_G, "tostring", function() return "pwned" end))",
               "read-only table"},
        Escape{"RawsetOnString", R"(rawset(string, "upper", function() return "pwned" end))",
               "read-only table"},
        Escape{"AssignIntoString", R"(string.upper = function() return "pwned" end)",
               "read-only table"},
        Escape{"TableInsertIntoMath", R"(table.insert(math, 1))", "read-only table"},
        Escape{"SetmetatableOnG", R"(setmetatable(_G, { __index = function() return 1 end }))",
               "read-only table"},
        Escape{"SetmetatableWithGc",
               R"(setmetatable({}, { __gc = function() while true do end end }))",
               "__gc metamethods are not allowed"},
        Escape{"StringMetatableIndex",
               R"(getmetatable("").__index.upper = function() return "pwned" end)",
               "escape\\.lua:4: attempt to index"},
        Escape{"SetmetatableOnAString", R"(setmetatable("", {}))", "table expected"},
        Escape{"WriteCtxParams", R"(ctx.params.anything = 1)", "read-only"},
        // Limits.
        Escape{"EndlessLoop", R"(while true do end)",
               "instruction budget of 2000000 exceeded at annex_a/escape\\.lua:4"},
        Escape{"PcallSwallowsTheBudget",
               R"(while true do pcall(function() while true do end end) end)",
               "instruction budget of 2000000 exceeded at annex_a/escape\\.lua:4"},
        Escape{"ErrorHandlerLoops",
               R"(error(setmetatable({}, { __tostring = function() while true do end end })))",
               "instruction budget"},
        Escape{
            "XpcallSwallowsTheBudget",
            R"(while true do xpcall(function() while true do end end, function() return 1 end) end)",
            "instruction budget of 2000000 exceeded"},
        Escape{"PcallErrorLoop", R"(while true do pcall(error, "again") end)",
               "instruction budget of 2000000 exceeded"},
        // Metamethods and library callbacks run Lua code from C: the hook still counts it.
        Escape{
            "IndexMetamethodLoops",
            R"(local t = setmetatable({}, { __index = function() while true do end end }) local v = t.x)",
            "instruction budget of 2000000 exceeded"},
        Escape{
            "TostringMetamethodInFormat",
            R"(local s = ("%s"):format(setmetatable({}, { __tostring = function() while true do end end })))",
            "instruction budget of 2000000 exceeded"},
        Escape{"SortComparatorLoops",
               R"(table.sort({ 3, 1, 2 }, function() while true do end end))",
               "instruction budget of 2000000 exceeded"},
        Escape{"GsubCallbackLoops",
               R"(local s = ("abc"):gsub(".", function() while true do end end))",
               "instruction budget of 2000000 exceeded"},
        Escape{
            "RecursionThroughAMetamethod",
            R"(local t = setmetatable({}, { __index = function(t, k) return t[k] end }) local v = t.x)",
            "stack overflow"},
        Escape{"RecursionThroughGsub", R"(local function f(s) return (s:gsub(".", f)) end f("ab"))",
               "stack overflow"},
        Escape{"StringDoubling", R"(local s = "x" while true do s = s .. s end)",
               "memory limit of 16 MiB exceeded at annex_a/escape\\.lua:4"},
        Escape{"TableGrowth", R"(local t = {} while true do t[#t + 1] = string.rep("x", 4096) end)",
               "memory limit of 16 MiB exceeded"},
        Escape{
            "TableConcatBomb",
            R"(local t = {} for i = 1, 64 do t[i] = string.rep("x", 1 << 18) end local s = table.concat(t, table.concat(t)))",
            "memory limit of 16 MiB exceeded"},
        Escape{"StringRepWithASeparator", R"(local s = string.rep("x", 1 << 30, ","))",
               "memory limit|too large"},
        Escape{"FormatBomb", R"(local s = string.rep("x", 6 << 20) s = ("%s%s%s"):format(s, s, s))",
               "memory limit of 16 MiB exceeded"},
        Escape{"HugeStringRep", R"(local s = string.rep("x", 1 << 40))", "memory limit|too large"},
        Escape{"PcallAroundAMemoryBombThenContinue",
               R"(local ok = pcall(function() local s = "x" while true do s = s .. s end end)
    ctx:pass("survived the bomb: " .. tostring(ok)))",
               "memory limit of 16 MiB exceeded"},
        Escape{
            "PcallAroundEachOfManyAllocations",
            R"(local t = {} for i = 1, 1e9 do pcall(function() t[i] = string.rep("x", 65536) end) end)",
            "memory limit of 16 MiB exceeded"},
        Escape{"DeepRecursion", R"(local function f(n) return 1 + f(n + 1) end f(1))",
               "stack overflow|memory limit"},
        Escape{"DeepRecursionInsidePcall",
               R"(local function f(n) return 1 + f(n + 1) end pcall(f, 1) while true do end)",
               "stack overflow|memory limit|instruction budget"}),
    [](const ::testing::TestParamInfo<Escape>& p) { return std::string(p.param.name); });

// ---------------------------------------------------------------------------------------------
// Work inside library calls

// The budget counts VM instructions; a library call is one instruction however long it runs.
// These two must still end as errors, not run for minutes (ctest's timeout guards them).

// Lua's own matcher backtracks inside C, where the instruction hook cannot run; the sandbox's
// matcher (lua/pattern_matcher.h) charges every step to the budget instead.
TEST_F(SandboxTest, ALuaPatternThatBacktracksWithoutEndIsStopped) {
  // One call to string.find: O(n^4) steps for n = 100000, and the VM never gets control back.
  Report r = Run(EscapeModule(R"(local s = string.rep("a", 100000) local at = s:find(".-.-.-b"))"));
  ExpectEscapeError(r, "m1", "instruction budget|limit");
  ExpectEscapeError(r, "m2", "instruction budget|limit");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, BacktrackingInMatchGmatchAndGsubIsStoppedToo) {
  for (const char* call : {R"(s:match("(.-)-(.-)-(.-)b"))",
                           R"(for x in s:gmatch(".-.-.-b") do end)", R"(s:gsub(".-.-.-b", ""))"}) {
    pack_ = InlinePack(SmallLimits());
    Report r = Run(EscapeModule(std::string(R"(local s = string.rep("a", 100000) local r = )") +
                                (std::string(call).rfind("for", 0) == 0 ? "1 " : "") + call));
    ExpectEscapeError(r, "m1", "instruction budget of 2000000 exceeded at annex_a/escape\\.lua:4");
    ExpectEscapeError(r, "m2", "instruction budget");
    ExpectSiblingPasses(r);
  }
}

TEST_F(SandboxTest, ALoopOfLargeStringOperationsIsStopped) {
  // Each iteration is a few instructions and one 1 MiB string operation.
  Report r = Run(EscapeModule(
      R"(local s = string.rep("x", 1 << 20) for i = 1, 1e9 do local t = s:upper() end)"));
  ExpectEscapeError(r, "m1", "instruction budget|limit");
  ExpectEscapeError(r, "m2", "instruction budget|limit");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, ALoopOfNonAllocatingLibraryCallsIsStopped) {
  // utf8.len scans 4 MiB and allocates nothing: no allocation charge, one instruction a call.
  Report r = Run(EscapeModule(
      R"(local s = string.rep("a", 1 << 22) for i = 1, 1e9 do local n = utf8.len(s) end)"));
  ExpectEscapeError(r, "m1", "instruction budget|limit");
  ExpectEscapeError(r, "m2", "instruction budget|limit");
  ExpectSiblingPasses(r);
}

// ---------------------------------------------------------------------------------------------
// State kept between documents

TEST_F(SandboxTest, KeepingTheDocHandleForTheNextDocumentIsAnError) {
  Report r = Run(R"lua(
local saved
control "ESCAPE-1" {
  title = "Keeps the document", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    if saved ~= nil then
      ctx:fail(nil, "the previous document was " .. tostring(saved.id))
    end
    saved = doc
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  // Either keeping it is refused, or the kept handle is dead by the next document; what must
  // not happen is that m2's finding reads m1.
  ASSERT_NE(FindingOf(r, "ESCAPE-1", "m1"), nullptr);
  EXPECT_NE(FindingOf(r, "ESCAPE-1", "m1")->status, FindingStatus::kFail);
  ExpectEscapeError(r, "m2",
                    "escape\\.lua:7: evidence handle used outside the check call that received it|"
                    "upvalue 'saved'");
  EXPECT_EQ(FindingOf(r, "ESCAPE-1", "m2")->message.find("was m1"), std::string::npos);
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, KeepingAChildHandleIsAnErrorToo) {
  Report r = Run(R"lua(
local saved
control "ESCAPE-1" {
  title = "Keeps a child", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    if saved ~= nil then ctx:fail(saved, "pointing into the previous document") end
    saved = doc:get("")
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_NE(FindingOf(r, "ESCAPE-1", "m1"), nullptr);
  EXPECT_NE(FindingOf(r, "ESCAPE-1", "m1")->status, FindingStatus::kFail);
  ExpectEscapeError(r, "m2", "evidence handle used outside the check call|upvalue 'saved'");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, MutatingAModuleLevelTableIsAnError) {
  Report r = Run(R"lua(
local seen = {}
control "ESCAPE-1" {
  title = "Remembers documents", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    seen[#seen + 1] = doc.id
    if #seen > 1 then ctx:fail(nil, "seen " .. #seen .. " documents") end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ExpectEscapeError(r, "m1", "escape\\.lua:6: .*read-only table");
  ExpectEscapeError(r, "m2", "read-only table");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, MutatingANestedModuleLevelTableIsAnError) {
  Report r = Run(R"lua(
local state = { counts = { docs = 0 } }
control "ESCAPE-1" {
  title = "Counts documents", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    state.counts.docs = state.counts.docs + 1
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ExpectEscapeError(r, "m1", "escape\\.lua:6: attempt to assign to 'docs' in a read-only table");
  ExpectEscapeError(r, "m2", "read-only table");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, MutatingALibModulesPrivateTableIsAnError) {
  // A pack lib with a cache: the table is an upvalue of a function the module returns.
  pack_.File("lib/memo.lua", R"lua(
local cache = {}
return {
  remember = function(id)
    cache[#cache + 1] = id
    return #cache
  end,
}
)lua");
  Report r = Run(R"lua(
local memo = require "memo"
control "ESCAPE-1" {
  title = "Remembers through a lib", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local n = memo.remember(doc.id)
    if n > 1 then ctx:fail(nil, "the lib remembers " .. n .. " documents") end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ExpectEscapeError(r, "m1", "lib/memo\\.lua:4: .*read-only table");
  ExpectEscapeError(r, "m2", "read-only table");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, ALocalCounterDoesNotCarryStateBetweenDocuments) {
  // Whatever the engine does with the assignment, the outcome for a document must not depend
  // on which documents came before it: the same inputs give the same report.
  Report first = Run(R"lua(
local count = 0
control "ESCAPE-1" {
  title = "Counts documents", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    count = count + 1
    if count > 1 then ctx:fail(nil, "this is document number " .. count) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  const Finding* m1 = FindingOf(first, "ESCAPE-1", "m1");
  const Finding* m2 = FindingOf(first, "ESCAPE-1", "m2");
  ASSERT_NE(m1, nullptr);
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(ToString(m2->status), ToString(m1->status))
      << "m1: " << m1->message << "\nm2: " << m2->message;
  Report second = pack_.Eval({Card("m1", 1), Card("m2", 1)});
  EXPECT_EQ(Dump(second), Dump(first)) << "a second evaluation of the same inputs";
  ExpectSiblingPasses(first);
}

TEST_F(SandboxTest, ALibRequiredAgainInsideTheCheckKeepsNoState) {
  // The module is loaded once at load time; the check asks for it again at run time, so no
  // upvalue of the check leads to it.
  pack_.File("lib/memo.lua", R"lua(
local cache = {}
return {
  remember = function(id)
    cache[#cache + 1] = id
    return #cache
  end,
}
)lua");
  Report r = Run(R"lua(
local loaded_at_load_time = require "memo" ~= nil
control "ESCAPE-1" {
  title = "Remembers through require", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local n = require("memo").remember(doc.id)
    if n > 1 then ctx:fail(nil, "the lib remembers " .. n .. " documents") end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_NE(FindingOf(r, "ESCAPE-1", "m2"), nullptr);
  EXPECT_EQ(ToString(FindingOf(r, "ESCAPE-1", "m2")->status),
            ToString(FindingOf(r, "ESCAPE-1", "m1")->status))
      << "m2: " << FindingOf(r, "ESCAPE-1", "m2")->message;
  ExpectEscapeError(r, "m1", "read-only|state|module");
  Report again = pack_.Eval({Card("m1", 1), Card("m2", 1)});
  EXPECT_EQ(Dump(again), Dump(r)) << "a second evaluation of the same inputs";
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, AMetatableGivenToAClassTableKeepsNoState) {
  // Class is a metatable, so it is watched rather than frozen; its own metatable is the
  // hiding place.
  Report r = Run(R"lua(
local Class = {}
Class.__index = Class
local instance = setmetatable({}, Class)
control "ESCAPE-1" {
  title = "Hides state on a class", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local hidden = getmetatable(Class)
    if hidden ~= nil then ctx:fail(nil, "the previous document was " .. tostring(hidden.seen)) end
    setmetatable(Class, { seen = doc.id })
    local _ = instance
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_NE(FindingOf(r, "ESCAPE-1", "m2"), nullptr);
  EXPECT_EQ(FindingOf(r, "ESCAPE-1", "m2")->message.find("was m1"), std::string::npos)
      << FindingOf(r, "ESCAPE-1", "m2")->message;
  Report again = pack_.Eval({Card("m1", 1), Card("m2", 1)});
  EXPECT_EQ(Dump(again), Dump(r)) << "a second evaluation of the same inputs";
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, PairsOnAFrozenTableDoesNotHandOutAWritableCopy) {
  Report r = Run(R"lua(
control "ESCAPE-1" {
  title = "Rewrites tostring", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local _, globals = pairs(_G)
    globals.tostring = function() return "pwned" end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ExpectEscapeError(r, "m1", "read-only");
  ExpectEscapeError(r, "m2", "read-only");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, MemoryKeptAliveInAnUpvalueDoesNotStarveTheSibling) {
  // The check fills the state up to the cap and keeps all of it reachable from an upvalue.
  Report r = Run(R"lua(
local keep
control "ESCAPE-1" {
  title = "Hoards memory", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    while true do keep = { keep } end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ExpectEscapeError(r, "m1", "memory limit of 16 MiB exceeded");
  ExpectEscapeError(r, "m2", "memory limit of 16 MiB exceeded");
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, MathRandomIsTheSameInEveryCheck) {
  Report r = Run(R"lua(
control "ESCAPE-1" {
  title = "Reads random", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    ctx:fail(nil, ("%d %d %d"):format(math.random(1000), math.random(1000), math.random(1000)))
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  const Finding* m1 = FindingOf(r, "ESCAPE-1", "m1");
  const Finding* m2 = FindingOf(r, "ESCAPE-1", "m2");
  ASSERT_NE(m1, nullptr);
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m1->status, FindingStatus::kFail);
  EXPECT_EQ(m1->message, m2->message) << "reseeded before every check";
  Report again = pack_.Eval({Card("m1", 1)});
  EXPECT_EQ(FindingOf(again, "ESCAPE-1", "m1")->message, m1->message);
}

TEST_F(SandboxTest, ABudgetErrorInOneDocumentDoesNotLeakIntoTheNext) {
  // The first document loops forever, the second does not: the kill must not be sticky.
  Report r = Run(R"lua(
control "ESCAPE-1" {
  title = "Loops on m1 only", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    if doc.id == "m1" then while true do end end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ExpectEscapeError(r, "m1", "instruction budget");
  EXPECT_EQ(FindingOf(r, "ESCAPE-1", "m2")->status, FindingStatus::kPass)
      << FindingOf(r, "ESCAPE-1", "m2")->message;
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, AMemoryErrorInOneDocumentDoesNotLeakIntoTheNext) {
  Report r = Run(R"lua(
control "ESCAPE-1" {
  title = "Bombs on m1 only", citations = { "A.6.2.4" }, applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local s = "x"
    if doc.id == "m1" then while true do s = s .. s end end
    local t = {}
    for i = 1, 1000 do t[i] = string.rep("y", 1024) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ExpectEscapeError(r, "m1", "memory limit");
  EXPECT_EQ(FindingOf(r, "ESCAPE-1", "m2")->status, FindingStatus::kPass)
      << FindingOf(r, "ESCAPE-1", "m2")->message;
  ExpectSiblingPasses(r);
}

TEST_F(SandboxTest, EscapesBehaveTheSameWithSeveralJobs) {
  InlinePack parallel([] {
    EngineOptions o = SmallLimits();
    o.jobs = 2;
    return o;
  }());
  parallel.File("annex_a/escape.lua", EscapeModule("local s = \"x\" while true do s = s .. s end"));
  parallel.File("annex_a/good.lua", kGoodSibling);
  ASSERT_LOADS(parallel);
  std::vector<Evidence> docs;
  for (int i = 0; i < 6; ++i) docs.push_back(Card("m" + std::to_string(i), 1));
  Report r = parallel.Eval(docs);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kError)], 6u) << Dump(r);
  EXPECT_EQ(r.summary[static_cast<int>(FindingStatus::kPass)], 6u) << Dump(r);
}

}  // namespace
}  // namespace aimsgate
