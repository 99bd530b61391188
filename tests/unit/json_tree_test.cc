// JsonTree: strict parsing, values with line:column, JSON Pointers, limits.
#include "aimsgate/json_tree.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "support/inline_pack.h"

namespace aimsgate {
namespace {

using testing::Src;

JsonTree MustParse(std::string_view text, const ParseLimits& limits = {}) {
  Result<JsonTree> r = JsonTree::Parse(Src(text), "t.json", limits);
  if (!r.ok()) {
    ADD_FAILURE() << r.status().ToString();
    return JsonTree();
  }
  return std::move(r).value();
}

// The single diagnostic of a parse that must fail.
Diagnostic MustFail(std::string_view text, const ParseLimits& limits = {}) {
  Result<JsonTree> r = JsonTree::Parse(text, "t.json", limits);
  if (r.ok()) {
    ADD_FAILURE() << "parsed, but should not: " << text.substr(0, 60);
    return Diagnostic{};
  }
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  EXPECT_EQ(r.status().diagnostics().size(), 1u) << r.status().ToString();
  if (r.status().diagnostics().empty()) return Diagnostic{};
  Diagnostic d = r.status().diagnostics().front();
  EXPECT_EQ(d.location.file, "t.json");
  return d;
}

// ---------------------------------------------------------------------------------------------
// Values

TEST(JsonTreeTest, ScalarsContainersAndKeys) {
  JsonTree t = MustParse(R"json(
{"s": "x\u00e9\n", "i": -42, "r": 2.5, "t": true, "f": false, "n": null,
 "a": [1, "two", []], "o": {}}
)json");
  const NodeId root = t.root();
  ASSERT_NE(root, kNoNode);
  EXPECT_EQ(t.type(root), JsonType::kObject);
  EXPECT_TRUE(t.is_container(root));
  ASSERT_EQ(t.size(root), 8u);

  const char* keys[] = {"s", "i", "r", "t", "f", "n", "a", "o"};
  for (uint32_t i = 0; i < 8; ++i) EXPECT_EQ(t.key(t.child(root, i)), keys[i]) << i;

  EXPECT_EQ(t.type(t.member(root, "s")), JsonType::kString);
  EXPECT_EQ(t.string(t.member(root, "s")), "x\xC3\xA9\n");
  EXPECT_EQ(t.type(t.member(root, "i")), JsonType::kInteger);
  EXPECT_EQ(t.integer(t.member(root, "i")), -42);
  EXPECT_EQ(t.number(t.member(root, "i")), -42.0);
  EXPECT_EQ(t.type(t.member(root, "r")), JsonType::kReal);
  EXPECT_EQ(t.real(t.member(root, "r")), 2.5);
  EXPECT_EQ(t.type(t.member(root, "t")), JsonType::kTrue);
  EXPECT_EQ(t.type(t.member(root, "f")), JsonType::kFalse);
  EXPECT_EQ(t.type(t.member(root, "n")), JsonType::kNull);
  EXPECT_EQ(t.member(root, "missing"), kNoNode);

  const NodeId a = t.member(root, "a");
  EXPECT_EQ(t.type(a), JsonType::kArray);
  ASSERT_EQ(t.size(a), 3u);
  EXPECT_EQ(t.integer(t.child(a, 0)), 1);
  EXPECT_EQ(t.string(t.child(a, 1)), "two");
  EXPECT_EQ(t.type(t.child(a, 2)), JsonType::kArray);
  EXPECT_EQ(t.size(t.child(a, 2)), 0u);
  EXPECT_EQ(t.size(t.member(root, "o")), 0u);
  EXPECT_EQ(t.size(t.member(root, "i")), 0u) << "a scalar has no elements";
}

TEST(JsonTreeTest, StringsKeepEmbeddedNulAndDecodeSurrogatePairs) {
  JsonTree t = MustParse(R"json({"k\u0000ey": "a\u0000b", "e": "\ud83d\ude00"})json");
  const NodeId v = t.child(t.root(), 0);
  EXPECT_EQ(t.key(v), std::string_view("k\0ey", 4));
  EXPECT_EQ(t.string(v), std::string_view("a\0b", 3));
  EXPECT_EQ(t.string(t.member(t.root(), "e")), "\xF0\x9F\x98\x80");
}

TEST(JsonTreeTest, ScalarRootsParse) {
  EXPECT_EQ(MustParse("7").integer(0), 7);
  EXPECT_EQ(MustParse("\"s\"").string(0), "s");
  EXPECT_EQ(MustParse(" null ").type(0), JsonType::kNull);
}

// ---------------------------------------------------------------------------------------------
// Positions

TEST(JsonTreeTest, LineAndColumnOfScalars) {
  JsonTree t = MustParse(R"json(
{
  "name": "card",
  "n":   -12.5e1,
  "ok": true, "nil": null
}
)json");
  const NodeId root = t.root();
  EXPECT_EQ(t.line(root), 1u);
  EXPECT_EQ(t.column(root), 1u);
  NodeId name = t.member(root, "name");
  EXPECT_EQ(t.line(name), 2u);
  EXPECT_EQ(t.column(name), 11u);  // the opening quote
  NodeId n = t.member(root, "n");
  EXPECT_EQ(t.line(n), 3u);
  EXPECT_EQ(t.column(n), 10u);  // the minus sign
  NodeId ok = t.member(root, "ok");
  EXPECT_EQ(t.line(ok), 4u);
  EXPECT_EQ(t.column(ok), 9u);
  NodeId nil = t.member(root, "nil");
  EXPECT_EQ(t.line(nil), 4u);
  EXPECT_EQ(t.column(nil), 22u);
}

TEST(JsonTreeTest, LineAndColumnOfContainers) {
  JsonTree t = MustParse(R"json(
{"a": [1, [2]],
   "b":
      {"c": {}}
}
)json");
  NodeId a = t.Resolve("/a");
  EXPECT_EQ(t.line(a), 1u);
  EXPECT_EQ(t.column(a), 7u);  // the '['
  NodeId inner = t.Resolve("/a/1");
  EXPECT_EQ(t.line(inner), 1u);
  EXPECT_EQ(t.column(inner), 11u);
  EXPECT_EQ(t.column(t.Resolve("/a/1/0")), 12u);
  NodeId b = t.Resolve("/b");
  EXPECT_EQ(t.line(b), 3u);
  EXPECT_EQ(t.column(b), 7u);  // the '{', on the line after its key
  NodeId c = t.Resolve("/b/c");
  EXPECT_EQ(t.line(c), 3u);
  EXPECT_EQ(t.column(c), 13u);
}

TEST(JsonTreeTest, ColumnsCountCodePointsAfterMultiByteCharacters) {
  // "é" is 2 bytes, "€" 3 and "😀" 4: each is one column.
  JsonTree t = MustParse(R"json(
{"é": 1, "€€": [true], "😀": {"x": "😀", "y": 2}}
)json");
  EXPECT_EQ(t.column(t.Resolve("/é")), 7u);
  EXPECT_EQ(t.column(t.Resolve("/€€")), 16u);
  EXPECT_EQ(t.column(t.Resolve("/€€/0")), 17u);
  EXPECT_EQ(t.column(t.Resolve("/😀")), 29u);
  EXPECT_EQ(t.column(t.Resolve("/😀/x")), 35u);
  EXPECT_EQ(t.column(t.Resolve("/😀/y")), 45u);
}

TEST(JsonTreeTest, PositionsAfterEscapedQuotesAndCrLf) {
  JsonTree t = MustParse("{\"a\": \"q\\\"}\\\\\",\r\n \"b\": 3}");
  EXPECT_EQ(t.line(t.Resolve("/b")), 2u);
  EXPECT_EQ(t.column(t.Resolve("/b")), 7u);
}

// ---------------------------------------------------------------------------------------------
// JSON Pointers

class JsonPointerTest : public ::testing::Test {
 protected:
  JsonTree t = MustParse(R"json(
{"a": [10, 11, {"b": "deep"}],
 "x/y": 1, "m~n": 2, "~1": 3, "": 4,
 "o": {"01": "zero-one", "k": null}}
)json");
};

TEST_F(JsonPointerTest, EmptyPointerIsTheRoot) {
  EXPECT_EQ(t.Resolve(""), t.root());
  EXPECT_EQ(t.PointerOf(t.root()), "");
}

TEST_F(JsonPointerTest, ResolvesMembersAndArrayIndices) {
  EXPECT_EQ(t.integer(t.Resolve("/a/0")), 10);
  EXPECT_EQ(t.integer(t.Resolve("/a/1")), 11);
  EXPECT_EQ(t.string(t.Resolve("/a/2/b")), "deep");
  EXPECT_EQ(t.type(t.Resolve("/o/k")), JsonType::kNull);
  EXPECT_EQ(t.string(t.Resolve("/o/01")), "zero-one") << "\"01\" is a fine object key";
}

TEST_F(JsonPointerTest, UnescapesTildeZeroAndTildeOne) {
  EXPECT_EQ(t.integer(t.Resolve("/x~1y")), 1);
  EXPECT_EQ(t.integer(t.Resolve("/m~0n")), 2);
  EXPECT_EQ(t.integer(t.Resolve("/~01")), 3) << "~01 is '~' then '1', not '/'";
  EXPECT_EQ(t.integer(t.Resolve("/")), 4) << "'/' names the empty key";
  EXPECT_EQ(t.Resolve("/x/y"), kNoNode);
  EXPECT_EQ(t.Resolve("/m~2n"), kNoNode) << "~2 is not an escape";
  EXPECT_EQ(t.Resolve("/m~"), kNoNode);
}

TEST_F(JsonPointerTest, RejectsBadArrayIndices) {
  EXPECT_EQ(t.Resolve("/a/01"), kNoNode) << "leading zero";
  EXPECT_EQ(t.Resolve("/a/00"), kNoNode);
  EXPECT_EQ(t.Resolve("/a/3"), kNoNode) << "out of range";
  EXPECT_EQ(t.Resolve("/a/4294967296"), kNoNode);
  EXPECT_EQ(t.Resolve("/a/-"), kNoNode);
  EXPECT_EQ(t.Resolve("/a/-1"), kNoNode);
  EXPECT_EQ(t.Resolve("/a/+1"), kNoNode);
  EXPECT_EQ(t.Resolve("/a/1e0"), kNoNode);
  EXPECT_EQ(t.Resolve("/a/"), kNoNode);
}

TEST_F(JsonPointerTest, MissingValuesAndMalformedPointers) {
  EXPECT_EQ(t.Resolve("/nope"), kNoNode);
  EXPECT_EQ(t.Resolve("/a/0/b"), kNoNode) << "a scalar has no members";
  EXPECT_EQ(t.Resolve("a"), kNoNode) << "a pointer starts with '/'";
  EXPECT_EQ(t.Resolve("/o/k/z"), kNoNode);
}

TEST_F(JsonPointerTest, ResolveDeepestStopsAtTheNearestExistingParent) {
  EXPECT_EQ(t.ResolveDeepest("/a/2/b"), t.Resolve("/a/2/b"));
  EXPECT_EQ(t.ResolveDeepest("/a/2/missing/deeper"), t.Resolve("/a/2"));
  EXPECT_EQ(t.ResolveDeepest("/a/01"), t.Resolve("/a"));
  EXPECT_EQ(t.ResolveDeepest("/a/9"), t.Resolve("/a"));
  EXPECT_EQ(t.ResolveDeepest("/nope/x"), t.root());
  EXPECT_EQ(t.ResolveDeepest(""), t.root());
}

TEST_F(JsonPointerTest, PointerOfEscapesAndRoundTrips) {
  EXPECT_EQ(t.PointerOf(t.Resolve("/x~1y")), "/x~1y");
  EXPECT_EQ(t.PointerOf(t.Resolve("/m~0n")), "/m~0n");
  EXPECT_EQ(t.PointerOf(t.Resolve("/~01")), "/~01");
  EXPECT_EQ(t.PointerOf(t.Resolve("/")), "/");
  EXPECT_EQ(t.PointerOf(t.Resolve("/a/2/b")), "/a/2/b");
  // Every node's pointer resolves back to it.
  for (NodeId n = 0; n < t.node_count(); ++n) {
    EXPECT_EQ(t.Resolve(t.PointerOf(n)), n) << t.PointerOf(n);
  }
}

TEST(JsonTreeTest, EscapePointerToken) {
  EXPECT_EQ(EscapePointerToken("a/b~c"), "a~1b~0c");
  EXPECT_EQ(EscapePointerToken("~1"), "~01");
  EXPECT_EQ(EscapePointerToken(""), "");
}

// ---------------------------------------------------------------------------------------------
// Strictness: every rejection is located

TEST(JsonTreeTest, DuplicateKeyIsAnErrorAtTheSecondKey) {
  Diagnostic d = MustFail(Src(R"json(
{
  "id": "m1",
  "owner": "a",
  "id": "m2"
}
)json"));
  EXPECT_EQ(d.location.line, 4u);
  EXPECT_EQ(d.location.column, 3u) << "the second \"id\" key starts at column 3";
  EXPECT_NE(d.message.find("duplicate key \"id\""), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("first at 2:3"), std::string::npos) << "names the first: " << d.message;
}

TEST(JsonTreeTest, DuplicateKeyInNestedObjectAndAfterEscapes) {
  Diagnostic d = MustFail(R"json({"o": {"a": 1, "\u0061": 2}})json");
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_NE(d.message.find("duplicate key \"a\""), std::string::npos) << d.message;
  // The same key in two different objects is fine.
  MustParse(R"json([{"a": 1}, {"a": 2}])json");
}

TEST(JsonTreeTest, TrailingCommaIsAnError) {
  // Located at the comma, not at the bracket after it, and named.
  Diagnostic d = MustFail("{\"a\": 1,\n}");
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_EQ(d.location.column, 8u);
  EXPECT_EQ(d.message, "invalid JSON: trailing comma before '}' (JSON allows none)");
  d = MustFail("[1, 2,]");
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_EQ(d.location.column, 6u);
  EXPECT_NE(d.message.find("invalid JSON: trailing comma before ']'"), std::string::npos)
      << d.message;
}

TEST(JsonTreeTest, NanAndInfinityAreErrors) {
  for (const char* text : {"{\"v\": NaN}", "{\"v\": Infinity}", "{\"v\": -Infinity}"}) {
    Diagnostic d = MustFail(text);
    EXPECT_EQ(d.location.line, 1u) << text;
    EXPECT_GE(d.location.column, 7u) << text;
  }
}

TEST(JsonTreeTest, CommentsAreErrors) {
  Diagnostic d = MustFail("{\"a\": 1 /* why */}");
  EXPECT_EQ(d.location.column, 9u);
  d = MustFail("// header\n{}");
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_EQ(d.location.column, 1u);
  d = MustFail("{\"a\": 1}\n# trailing");
  EXPECT_EQ(d.location.line, 2u);
}

TEST(JsonTreeTest, ByteOrderMarkIsAnError) {
  Diagnostic d = MustFail("\xEF\xBB\xBF{\"a\": 1}");
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_EQ(d.location.column, 1u);
  EXPECT_NE(d.message.find("byte order mark"), std::string::npos) << d.message;
}

TEST(JsonTreeTest, EmptyFileIsAnError) {
  for (const char* text : {"", "   ", "\n\r\n\t"}) {
    Diagnostic d = MustFail(text);
    EXPECT_NE(d.message.find("empty"), std::string::npos) << d.message;
    EXPECT_EQ(d.location.line, 1u);
  }
}

TEST(JsonTreeTest, InvalidUtf8IsAnError) {
  // A lone continuation byte, a truncated sequence, an overlong '/', and a UTF-16 surrogate
  // encoded in UTF-8: each inside a string, where the parser would otherwise take it.
  for (const char* text : {"{\"a\": \"x\x80y\"}", "{\"a\": \"\xC3\"}", "{\"a\": \"\xC0\xAF\"}",
                           "{\"a\": \"\xED\xA0\x80\"}", "{\"\xFF\": 1}"}) {
    Diagnostic d = MustFail(text);
    EXPECT_EQ(d.location.line, 1u) << text;
    EXPECT_GT(d.location.column, 0u) << text;
  }
  Diagnostic d = MustFail("{\"a\": \"\\ud800\"}");
  EXPECT_NE(d.message.find("surrogate"), std::string::npos) << d.message;
}

TEST(JsonTreeTest, TruncatedAndGarbageInputIsLocated) {
  Diagnostic d = MustFail("{\n  \"a\": [1, 2\n");
  EXPECT_EQ(d.location.line, 3u);
  const uint32_t ascii_column = MustFail("{\"a\": tru}").location.column;
  EXPECT_GE(ascii_column, 7u);
  d = MustFail("{\"é\": tru}");
  EXPECT_EQ(d.location.column, ascii_column) << "error columns count code points too";
  d = MustFail("{} {}");
  EXPECT_EQ(d.location.column, 4u) << "one document per file";
}

TEST(JsonTreeTest, NestingHundredThousandDeepIsAnErrorNotACrash) {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  Diagnostic d = MustFail(deep);
  EXPECT_NE(d.message.find("nesting deeper than 512"), std::string::npos) << d.message;
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_GE(d.location.column, 1u);
  EXPECT_LE(d.location.column, 513u);

  const std::string unbalanced(100'000, '{');
  d = MustFail(unbalanced);
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_GT(d.location.column, 0u);
}

TEST(JsonTreeTest, DeepNestingWithinARaisedLimitParses) {
  ParseLimits limits;
  limits.max_depth = 200'000;
  const std::string deep = std::string(100'000, '[') + "1" + std::string(100'000, ']');
  JsonTree t = MustParse(deep, limits);
  ASSERT_EQ(t.node_count(), 100'001u);
  EXPECT_EQ(t.PointerOf(100'000).size(), 2u * 100'000u);
}

TEST(JsonTreeTest, DepthLimitIsExact) {
  ParseLimits limits;
  limits.max_depth = 3;
  MustParse("[[[1]]]", limits);
  Diagnostic d = MustFail("[[[[1]]]]", limits);
  EXPECT_EQ(d.location.column, 4u) << "the fourth '[' is the one too deep";
}

TEST(JsonTreeTest, MaxBytesRejectsLargerInputBeforeParsing) {
  ParseLimits limits;
  limits.max_bytes = 10;
  MustParse("[1,2,3,45]", limits);  // exactly 10 bytes
  Diagnostic d = MustFail("[1,2,3,456]", limits);
  EXPECT_NE(d.message.find("11 bytes"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("limit of 10"), std::string::npos) << d.message;
  // Even garbage is rejected for its size, not its syntax.
  d = MustFail("not json at all", limits);
  EXPECT_NE(d.message.find("limit"), std::string::npos) << d.message;
}

// ---------------------------------------------------------------------------------------------
// Numbers

TEST(JsonTreeTest, IntegersAndRealsAreDistinct) {
  JsonTree t = MustParse(R"json([0, -0, 1, 1.0, 1e2, -3, 2.5e-3, 9223372036854775807,
                                 -9223372036854775808])json");
  EXPECT_EQ(t.type(t.Resolve("/0")), JsonType::kInteger);
  EXPECT_EQ(t.type(t.Resolve("/2")), JsonType::kInteger);
  EXPECT_EQ(t.type(t.Resolve("/3")), JsonType::kReal) << "1.0 stays a real";
  EXPECT_EQ(t.real(t.Resolve("/3")), 1.0);
  EXPECT_EQ(t.type(t.Resolve("/4")), JsonType::kReal);
  EXPECT_EQ(t.real(t.Resolve("/4")), 100.0);
  EXPECT_EQ(t.integer(t.Resolve("/5")), -3);
  EXPECT_DOUBLE_EQ(t.real(t.Resolve("/6")), 0.0025);
  EXPECT_EQ(t.type(t.Resolve("/7")), JsonType::kInteger);
  EXPECT_EQ(t.integer(t.Resolve("/7")), INT64_MAX);
  EXPECT_EQ(t.type(t.Resolve("/8")), JsonType::kInteger);
  EXPECT_EQ(t.integer(t.Resolve("/8")), INT64_MIN);
}

TEST(JsonTreeTest, RealsKeepFullPrecision) {
  JsonTree t = MustParse("[0.1, 3.141592653589793, 2.2250738585072014e-308]");
  EXPECT_EQ(t.real(t.Resolve("/0")), 0.1);
  EXPECT_EQ(t.real(t.Resolve("/1")), 3.141592653589793);
  EXPECT_EQ(t.real(t.Resolve("/2")), 2.2250738585072014e-308);
}

// Found by fuzz/waivers: RapidJSON 1.1 converted a zero significand with an exponent beyond 22
// with undefined behaviour (clz(0)). Zero is zero whatever its exponent; tiny values underflow.
TEST(JsonTreeTest, ZeroWithLargeExponentAndUnderflowAreExact) {
  JsonTree t = MustParse("[0e89, -0E+300, 0.000e-400, 1e-400, 4.9406564584124654e-324, 1.5e300]");
  const double expected[] = {0.0, -0.0, 0.0, 0.0, 4.9406564584124654e-324, 1.5e300};
  for (uint32_t i = 0; i < 6; ++i) {
    const NodeId n = t.child(t.root(), i);
    EXPECT_EQ(t.type(n), JsonType::kReal) << i;
    EXPECT_EQ(t.real(n), expected[i]) << i;
  }
  EXPECT_TRUE(std::signbit(t.real(t.child(t.root(), 1))));
}

TEST(JsonTreeTest, NumberOutOfDoubleRangeIsAnError) {
  Diagnostic d = MustFail("{\"v\": 1e400}");
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_EQ(d.location.column, 7u);
  EXPECT_NE(d.message.find("too big"), std::string::npos) << d.message;
  MustFail("[-1e400]");
}

TEST(JsonTreeTest, Uint64AboveInt64BecomesARealNotANegativeInteger) {
  JsonTree t = MustParse("[9223372036854775808, 18446744073709551615, 18446744073709551616]");
  for (uint32_t i = 0; i < 3; ++i) {
    const NodeId n = t.child(t.root(), i);
    EXPECT_EQ(t.type(n), JsonType::kReal) << i;
    EXPECT_GT(t.number(n), 9.2e18) << i;
  }
  EXPECT_EQ(t.number(t.Resolve("/0")), 9223372036854775808.0);
  EXPECT_EQ(t.number(t.Resolve("/1")), 18446744073709551615.0);
}

TEST(JsonTreeTest, LeadingZerosAndBareDotsAreErrors) {
  MustFail("[01]");
  MustFail("[.5]");
  MustFail("[1.]");
  MustFail("[+1]");
}

// An NDJSON line keeps its line number in the stream: values and errors count from first_line.
TEST(JsonTreeTest, LinesCountFromFirstLine) {
  Result<JsonTree> tree = JsonTree::Parse(R"({"a": [1, {"b": 2}]})", "<stdin>", {}, 41);
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree->line(tree->root()), 41u);
  EXPECT_EQ(tree->line(tree->Resolve("/a/1/b")), 41u);
  EXPECT_EQ(tree->column(tree->Resolve("/a/1/b")), 17u);
  Result<JsonTree> bad = JsonTree::Parse(R"({"a": })", "<stdin>", {}, 7);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().diagnostics().at(0).location.ToString(), "<stdin>:7:7");
}

// Resolving from a node is resolving its pointer followed by the relative one.
TEST(JsonTreeTest, ResolveFromANode) {
  Result<JsonTree> tree = JsonTree::Parse(R"({"a": {"x~y": [10, {"c/d": true}]}})", "t.json");
  ASSERT_TRUE(tree.ok());
  const NodeId a = tree->Resolve("/a");
  EXPECT_EQ(tree->Resolve(a, ""), a);
  EXPECT_EQ(tree->Resolve(a, "/x~0y/1/c~1d"), tree->Resolve("/a/x~0y/1/c~1d"));
  EXPECT_NE(tree->Resolve(a, "/x~0y/1/c~1d"), kNoNode);
  EXPECT_EQ(tree->Resolve(a, "/x~0y/01"), kNoNode);  // no leading zeros
  EXPECT_EQ(tree->Resolve(a, "/x~0y/2"), kNoNode);
  EXPECT_EQ(tree->Resolve(a, "/x~2y"), kNoNode);  // invalid escape
  EXPECT_EQ(tree->Resolve(a, "x~0y"), kNoNode);   // not a pointer
  EXPECT_EQ(tree->Resolve(a, "/x~0y/0/deeper"), kNoNode);
}

}  // namespace
}  // namespace aimsgate
