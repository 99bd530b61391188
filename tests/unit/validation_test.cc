// Schema validation of evidence: every violation collected and located (pointer and the
// line:column of the tree's node), unknown members one by one with a suggestion, format on
// non-strings, the embedded schemas equal to schemas/, and the real documents valid.
#include "aimsgate/validation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/inline_pack.h"
#include "util/embedded.h"
#include "validation/compiled_schema.h"
#include "validation/suggest.h"
#include "validation/formats.h"
#include "validation/validator.h"

namespace aimsgate {
namespace {

namespace fs = std::filesystem;
using testing::Doc;
using testing::Src;

// "line:col pointer: message", one string per diagnostic, for comparisons that read well.
std::vector<std::string> Describe(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " +
                  d.location.pointer.value_or("<no pointer>") + ": " + d.message);
  }
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Validates inline JSON against an inline schema (the format guard and walk included).
std::vector<std::string> Check(std::string_view schema_text, std::string_view json) {
  Result<std::unique_ptr<validation::CompiledSchema>> schema =
      validation::CompileSchema(Src(schema_text));
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  if (!schema.ok()) return {"<schema did not compile>"};
  Result<JsonTree> tree = JsonTree::Parse(Src(json), "doc.json");
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  if (!tree.ok()) return {"<document did not parse>"};
  return Describe(validation::ValidateTree(**schema, *tree, "doc.json"));
}

TEST(ValidateEvidenceTest, ReportsEveryViolationWithItsPointerAndLine) {
  const Evidence card = Doc(R"(
{
  "kind": "model_card", "schema_version": "1.0", "id": "m1",
  "name": 42,
  "risk_tier": "severe",
  "impact_assessment": { "date": "2026-02-30x" },
  "quantitative_analysis": {
    "performance_metrics": [
      { "type": "auc", "value": 0.91 },
      { "type": "f1", "value": "0.8" }
    ]
  },
  "properties": [ { "value": "no name" } ],
  "datasets": [ { "id": "d1", "colour": "blue" } ]
})",
                            "card.json");
  const std::vector<Diagnostic> errors = ValidateEvidence(card);
  EXPECT_EQ(Describe(errors),
            (std::vector<std::string>{
                "3:11 /name: expected a string, found a number 42",
                "4:16 /risk_tier: expected one of \"unacceptable\", \"high\", \"limited\", "
                "\"minimal\", found a string \"severe\"",
                "5:34 /impact_assessment/date: expected a date, YYYY-MM-DD, found a string "
                "\"2026-02-30x\"",
                "9:32 /quantitative_analysis/performance_metrics/1/value: expected a number, "
                "found a string \"0.8\"",
                "12:19 /properties/0: missing required member 'name'",
                "13:41 /datasets/0/colour: unknown member 'colour': allowed here are 'id', 'name', "
                "'description', 'type', 'purpose', 'version', 'source', 'supplier' and 12 more",
            }));
  for (const Diagnostic& d : errors) {
    EXPECT_EQ(d.location.file, "card.json");
    EXPECT_EQ(d.severity, Diagnostic::Severity::kError);
  }
}

TEST(ValidateEvidenceTest, SuggestsTheNameAMisspelledMemberMeant) {
  const Evidence card = Doc(R"(
{"kind": "model_card", "schema_version": "1.0", "id": "m1",
 "intented_purpose": "score credit applications"})");
  const std::vector<Diagnostic> errors = ValidateEvidence(card);
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(Describe(errors));
  EXPECT_EQ(errors[0].location.pointer, std::optional<std::string>("/intented_purpose"));
  EXPECT_EQ(errors[0].location.line, 2u);
  EXPECT_EQ(errors[0].location.column, 22u);
  EXPECT_EQ(errors[0].message,
            "unknown member 'intented_purpose': did you mean 'intended_purpose'?");
  EXPECT_EQ(errors[0].ToString(),
            "evidence.json:2:22 (/intented_purpose): error: unknown member 'intented_purpose': did "
            "you mean 'intended_purpose'?");
}

// valijson names only the first unknown member of an object; every one must be reported.
TEST(ValidateEvidenceTest, ReportsEveryUnknownMemberOfOneObject) {
  const Evidence org = Doc(R"(
{"kind": "organization", "schema_version": "1.0", "id": "acme",
 "risk_management": {"risk_register": [
   {"id": "R1", "likelyhood": 3, "impakt": 4, "zzz_unrelated": true}]}})");
  EXPECT_EQ(Describe(ValidateEvidence(org)),
            (std::vector<std::string>{
                "3:31 /risk_management/risk_register/0/likelyhood: unknown member 'likelyhood': "
                "did you mean 'likelihood'?",
                "3:44 /risk_management/risk_register/0/impakt: unknown member 'impakt': did you "
                "mean 'impact'?",
                "3:64 /risk_management/risk_register/0/zzz_unrelated: unknown member "
                "'zzz_unrelated': allowed here are 'id', 'title', 'description', 'ai_system', "
                "'risk_source', 'affects', 'likelihood', 'impact' and 6 more",
            }));
}

TEST(ValidateEvidenceTest, ValidDocumentHasNoDiagnostics) {
  EXPECT_TRUE(
      ValidateEvidence(Doc(R"({"kind": "pipeline_run", "schema_version": "1.0", "id": "r1"})"))
          .empty());
}

TEST(ValidateTreeTest, LocatesErrorsInNestedArrays) {
  constexpr const char* kSchema = R"(
{"type": "object", "additionalProperties": false,
 "properties": {"grid": {"type": "array", "items": {"type": "array", "items": {
   "type": "object", "additionalProperties": false, "required": ["x"],
   "properties": {"x": {"type": "integer"}, "tag": {"enum": ["a", "b"]}}}}}}})";
  EXPECT_EQ(Check(kSchema, R"(
{"grid": [
  [{"x": 1}, {"x": 2, "tag": "a"}],
  [{"x": 3}, {"x": "4"}, {"tag": "c"}],
  [{"x": 5, "y": 6}]
]})"),
            (std::vector<std::string>{
                "3:20 /grid/1/1/x: expected an integer, found a string \"4\"",
                "3:26 /grid/1/2: missing required member 'x'",
                "3:34 /grid/1/2/tag: expected one of \"a\", \"b\", found a string \"c\"",
                "4:18 /grid/2/0/y: unknown member 'y': allowed here are 'x', 'tag'",
            }));
}

// valijson 1.0 aborts when `format` meets a value that is not a string; draft-07 says format
// applies to strings only. CompileSchema guards it, so these neither crash nor complain.
TEST(ValidateTreeTest, FormatOnNonStringsIsIgnored) {
  constexpr const char* kSchema = R"(
{"type": "object", "properties": {
  "when": {"format": "date"},
  "stamp": {"type": "string", "format": "date-time"},
  "items": {"type": "array", "items": {"format": "date"}},
  "format": {"type": "string"}}})";
  EXPECT_EQ(Check(kSchema, R"({"when": 5, "items": [true, null, {"a": 1}, [2]], "format": "x"})"),
            std::vector<std::string>{});
  EXPECT_EQ(Check(kSchema, R"({"stamp": 7})"),
            std::vector<std::string>{"1:11 /stamp: expected a string, found a number 7"});
  EXPECT_EQ(Check(kSchema, R"({"when": "2026-13-01", "items": ["2026-01-01", "soon"]})"),
            (std::vector<std::string>{
                "1:10 /when: expected a date, YYYY-MM-DD, found a string \"2026-13-01\"",
                "1:48 /items/1: expected a date, YYYY-MM-DD, found a string \"soon\"",
            }));
}

TEST(ValidateTreeTest, TypeErrorIsNotRepeatedAsEnumError) {
  EXPECT_EQ(Check(R"({"properties": {"tier": {"type": "string", "enum": ["low", "high"]}}})",
                  R"({"tier": 3})"),
            std::vector<std::string>{"1:10 /tier: expected a string, found a number 3"});
}

TEST(ValidateTreeTest, SuggestsTheEnumValueAStringMisspells) {
  EXPECT_EQ(
      Check(R"({"properties": {"tier": {"enum": ["low", "high"]}}})", R"({"tier": "hihg"})"),
      std::vector<std::string>{"1:10 /tier: expected one of \"low\", \"high\", found a string "
                               "\"hihg\": did you mean \"high\"?"});
}

TEST(SuggestTest, EditDistanceCountsSwapsAsOneEdit) {
  EXPECT_EQ(validation::EditDistance("intented_purpose", "intended_purpose"), 1u);
  EXPECT_EQ(validation::EditDistance("nmae", "name"), 1u);
  EXPECT_EQ(validation::EditDistance("Owner", "owner"), 0u);
  EXPECT_EQ(validation::EditDistance("", "abc"), 3u);
  EXPECT_EQ(validation::EditDistance("kitten", "sitting"), 3u);
}

TEST(SuggestTest, ClosestMatchOnlyWhenPlausible) {
  const std::vector<std::string> names = {"id", "name", "owner", "intended_purpose"};
  EXPECT_EQ(validation::ClosestMatch("intented_purpose", names), "intended_purpose");
  EXPECT_EQ(validation::ClosestMatch("nmae", names), "name");
  EXPECT_EQ(validation::ClosestMatch("colour", names), std::nullopt);
  EXPECT_EQ(validation::ClosestMatch("x", names), std::nullopt);
  EXPECT_EQ(validation::ClosestMatch("c", {"a", "b"}), std::nullopt) << "one letter is no hint";
}

TEST(EvidenceSchemaTest, EmbeddedSchemasAreTheFilesInSchemas) {
  size_t compared = 0;
  for (std::string_view kind : kEvidenceKinds) {
    const std::string name = std::string(kind) + ".schema.json";
    bool found = false;
    for (const embedded::File& file : embedded::EvidenceSchemas()) {
      if (name != file.path) continue;
      found = true;
      EXPECT_EQ(file.text(), ReadFile(fs::path(AIMSGATE_SOURCE_DIR) / "schemas" / name))
          << name << " is embedded out of date: rebuild";
      ++compared;
    }
    EXPECT_TRUE(found) << name << " is not embedded";
  }
  EXPECT_EQ(compared, std::size(kEvidenceKinds));
}

TEST(EvidenceSchemaTest, EachKindCompilesOnceAndIsShared) {
  for (std::string_view kind : kEvidenceKinds) {
    const validation::CompiledSchema* first = validation::EvidenceSchema(kind);
    ASSERT_NE(first, nullptr) << kind;
    EXPECT_EQ(validation::EvidenceSchema(kind), first) << kind;
  }
  EXPECT_EQ(validation::EvidenceSchema("dataset"), nullptr);
}

// The documents users start from must be valid: every example and every pack fixture.
TEST(EvidenceSchemaTest, ExamplesAndPackFixturesValidate) {
  size_t checked = 0;
  // (examples/waivers/ and examples/packs/ hold waiver files and pack cases, not evidence.)
  for (const char* dir :
       {"examples/credit-scoring", "examples/vendors", "policies/iso42001/tests/fixtures"}) {
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(AIMSGATE_SOURCE_DIR) / dir)) {
      if (entry.path().extension() != ".json") continue;
      Result<Evidence> ev = LoadEvidenceFile(entry.path().string());
      ASSERT_TRUE(ev.ok()) << ev.status().ToString();
      EXPECT_EQ(Describe(ValidateEvidence(*ev)), std::vector<std::string>{}) << entry.path();
      ++checked;
    }
  }
  EXPECT_GE(checked, 16u);
}

}  // namespace
}  // namespace aimsgate

namespace aimsgate {
namespace {

// valijson calls an impossible day "not a valid date-time" whatever the format; the message
// must still say what the schema asks for.
TEST(ValidateTreeTest, ImpossibleDayIsReportedAsTheSchemasFormat) {
  EXPECT_EQ(Check(R"({"properties": {"d": {"type": "string", "format": "date"}}})",
                  R"({"d": "2026-02-30"})"),
            std::vector<std::string>{
                "1:7 /d: expected a date, YYYY-MM-DD, found a string \"2026-02-30\""});
}

// `aimsgate validate --format json` has a documented shape, schemas/validation.schema.json;
// the golden output holds to it, and the schema can fail.
TEST(ValidationOutputSchemaTest, GoldenJsonOutputValidates) {
  const std::string schema_text =
      ReadFile(fs::path(AIMSGATE_SOURCE_DIR) / "schemas" / "validation.schema.json");
  Result<std::unique_ptr<validation::CompiledSchema>> schema =
      validation::CompileSchema(schema_text);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  const std::string output =
      ReadFile(fs::path(AIMSGATE_TEST_DIR) / "cli" / "cases" / "validate-json" / "expected_stdout");
  Result<JsonTree> tree = JsonTree::Parse(output, "expected_stdout");
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(Describe(validation::ValidateTree(**schema, *tree, "expected_stdout")),
            std::vector<std::string>{});

  std::string broken = output;
  const size_t at = broken.find("\"valid\": false");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at, 14, "\"valid\": \"no\"");
  Result<JsonTree> broken_tree = JsonTree::Parse(broken, "broken");
  ASSERT_TRUE(broken_tree.ok());
  EXPECT_EQ(Describe(validation::ValidateTree(**schema, *broken_tree, "broken")),
            std::vector<std::string>{"6:12 /valid: expected true or false, found a string \"no\""});
}

}  // namespace
}  // namespace aimsgate

namespace aimsgate::validation {
namespace {

// Formats are ours (formats.h): real calendar days, RFC 3339 date-times with seconds and an
// offset, and nothing else.
TEST(MatchesFormatTest, DatesAreRealCalendarDays) {
  EXPECT_TRUE(MatchesFormat("date", "2024-02-29"));
  EXPECT_FALSE(MatchesFormat("date", "2026-02-29"));  // not a leap year (valijson accepts it)
  EXPECT_FALSE(MatchesFormat("date", "2026-13-01"));
  EXPECT_FALSE(MatchesFormat("date", "2026-1-01"));
  EXPECT_FALSE(MatchesFormat("date", "2026-01-01T00:00:00Z"));
}

TEST(MatchesFormatTest, DateTimesNeedSecondsAndAnOffset) {
  EXPECT_TRUE(MatchesFormat("date-time", "2026-11-20T14:31:00Z"));
  EXPECT_TRUE(MatchesFormat("date-time", "2026-11-20t14:31:00.125+01:00"));
  EXPECT_TRUE(MatchesFormat("date-time", "2016-12-31T23:59:60Z"));  // a leap second
  EXPECT_FALSE(MatchesFormat("date-time", "2026-11-20T14:31Z"));
  EXPECT_FALSE(MatchesFormat("date-time", "2026-11-20T14:31:00"));
  EXPECT_FALSE(MatchesFormat("date-time", "2026-11-20T24:00:00Z"));
  EXPECT_FALSE(MatchesFormat("date-time", "2026-11-20T14:31:00.Z"));
  EXPECT_FALSE(MatchesFormat("date-time", "2026-02-30T14:31:00Z"));
  EXPECT_TRUE(MatchesFormat("time", "14:31:00-05:00"));
  EXPECT_TRUE(MatchesFormat("uri", "anything"));  // formats we do not know accept everything
}

}  // namespace
}  // namespace aimsgate::validation
