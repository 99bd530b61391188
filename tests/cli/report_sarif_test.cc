// SARIF reports against the official SARIF 2.1.0 schema (tests/data/external/sarif/), plus
// what the schema cannot check: valijson ignores the `format` keyword ("uri" among others),
// so every URI is checked against RFC 3986 here; every violation of the bundled example is a
// result at its own line; a waived finding is an accepted suppression that keeps its status.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <filesystem>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "cli/json_schema.h"
#include "cli/sample_report.h"
#include "report/writers.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;

fs::path SchemaPath() {
  return fs::path(AIMSGATE_TEST_DIR) / "data" / "external" / "sarif" / "sarif-schema-2.1.0.json";
}
fs::path BundledExampleDir() {
  return fs::path(AIMSGATE_SOURCE_DIR) / "examples" / "credit-scoring";
}

CliRun RunBundledExample(const char* format) {
  return RunAimsgate({"eval", BundledExampleDir().string(), "--format", format, "--as-of",
                      "2026-11-24", "--jobs", "1"});
}

// RFC 3986 URI-reference: only unreserved and reserved characters, and %HH escapes.
bool IsUriReference(const std::string& text) {
  static const std::regex uri(R"(^([A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$)");
  return std::regex_match(text, uri);
}

// Every string held under a key named "uri" or "$schema", anywhere in `value`.
void CollectUris(const rapidjson::Value& value, std::vector<std::string>* out) {
  if (value.IsObject()) {
    for (const auto& m : value.GetObject()) {
      const std::string key = m.name.GetString();
      if ((key == "uri" || key == "$schema") && m.value.IsString())
        out->push_back(m.value.GetString());
      CollectUris(m.value, out);
    }
  } else if (value.IsArray()) {
    for (const rapidjson::Value& v : value.GetArray()) CollectUris(v, out);
  }
}

class Sarif : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    schema_ = std::make_unique<JsonSchema>();
    const std::string problem = schema_->Load(SchemaPath(), valijson::SchemaParser::kDraft4);
    if (!problem.empty()) {
      schema_.reset();
      FAIL() << problem;
    }
  }
  static void TearDownTestSuite() { schema_.reset(); }
  void SetUp() override { ASSERT_NE(schema_, nullptr); }

  // Every schema error and every malformed URI, one per line; empty when valid.
  static std::string Problems(const rapidjson::Document& log) {
    std::string out;
    valijson::ValidationResults results;
    if (!schema_->Validate(log, &results) && results.numErrors() == 0) {
      out += "invalid, but no reason given\n";
    }
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string where;
      for (const std::string& part : error.context) where += part;
      out += where + ": " + error.description + "\n";
    }
    std::vector<std::string> uris;
    CollectUris(log, &uris);
    for (const std::string& uri : uris) {
      if (!IsUriReference(uri)) out += "not a URI reference: '" + uri + "'\n";
    }
    return out;
  }

  static rapidjson::Document Parse(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    EXPECT_FALSE(d.HasParseError()) << text.substr(0, 400);
    return d;
  }

  static std::unique_ptr<JsonSchema> schema_;
};

std::unique_ptr<JsonSchema> Sarif::schema_;

TEST_F(Sarif, UriCheckCanFail) {
  EXPECT_TRUE(IsUriReference("examples/credit-scoring/model_card.json"));
  EXPECT_TRUE(IsUriReference("file:///tmp/a%20b.json"));
  EXPECT_FALSE(IsUriReference("cards/card one.json"));
  EXPECT_FALSE(IsUriReference("C:\\evidence\\card.json"));
  EXPECT_FALSE(IsUriReference("50%.json"));
}

TEST_F(Sarif, BundledExampleValidatesAndNamesEveryControl) {
  const CliRun run = RunBundledExample("sarif");
  ASSERT_EQ(run.exit_code, cli::kExitFail) << run.err;
  const rapidjson::Document log = Parse(run.out);
  EXPECT_EQ(Problems(log), "");

  const rapidjson::Value& run0 = log["runs"][0];
  const rapidjson::Value& rules = run0["tool"]["driver"]["rules"];
  // One rule per control of the pack, listed by `aimsgate controls` one per line.
  const CliRun controls = RunAimsgate({"controls"});
  ASSERT_EQ(controls.exit_code, 0) << controls.err;
  std::set<std::string> ids;
  for (const rapidjson::Value& rule : rules.GetArray()) {
    const std::string id = rule["id"].GetString();
    EXPECT_TRUE(ids.insert(id).second) << "rule listed twice: " << id;
    EXPECT_NE(controls.out.find(id), std::string::npos) << id << " is not a control of the pack";
    const std::string severity = rule["properties"]["severity"].GetString();
    const std::string level = rule["defaultConfiguration"]["level"].GetString();
    const std::string score = rule["properties"]["security-severity"].GetString();
    EXPECT_EQ(level, severity == "critical" || severity == "high" ? "error"
                     : severity == "medium"                       ? "warning"
                                                                  : "note")
        << id;
    EXPECT_EQ(score, severity == "critical" ? "9.0"
                     : severity == "high"   ? "7.0"
                     : severity == "medium" ? "5.0"
                                            : "3.0")
        << id;
    EXPECT_NE(std::string(rule["help"]["markdown"].GetString()).find("(owner: `"),
              std::string::npos)
        << id << " lists no remediation task with its owner";
  }
  EXPECT_EQ(ids.size(), 70u) << "the bundled pack has 32 clause and 38 Annex A controls";
  for (const rapidjson::Value& result : run0["results"].GetArray()) {
    const rapidjson::SizeType index = result["ruleIndex"].GetUint();
    ASSERT_LT(index, rules.Size());
    EXPECT_STREQ(rules[index]["id"].GetString(), result["ruleId"].GetString());
  }
}

// GitHub annotates a result's first location only: each violation must be its own result.
TEST_F(Sarif, EveryViolationIsAResultAtItsLine) {
  const CliRun sarif = RunBundledExample("sarif");
  const CliRun json = RunBundledExample("json");
  const rapidjson::Document log = Parse(sarif.out);
  const rapidjson::Document report = Parse(json.out);
  std::multiset<std::string> results;
  for (const rapidjson::Value& r : log["runs"][0]["results"].GetArray()) {
    const rapidjson::Value& physical = r["locations"][0]["physicalLocation"];
    results.insert(std::string(r["ruleId"].GetString()) + " " +
                   physical["artifactLocation"]["uri"].GetString() + ":" +
                   std::to_string(physical["region"]["startLine"].GetUint()) + ":" +
                   std::to_string(physical["region"]["startColumn"].GetUint()));
  }
  std::multiset<std::string> expected;
  for (const rapidjson::Value& f : report["findings"].GetArray()) {
    const std::string status = f["status"].GetString();
    if (status == "pass" || status == "not_applicable" || status == "not_evaluated") continue;
    const std::string uri = "file://" + std::string(f["evidence"]["path"].GetString());
    for (const rapidjson::Value& v : f["violations"].GetArray()) {
      expected.insert(std::string(f["control"].GetString()) + " " + uri + ":" +
                      std::to_string(v["line"].GetUint()) + ":" +
                      std::to_string(v["column"].GetUint()));
    }
  }
  EXPECT_GT(expected.size(), 20u) << "the example should keep several violations";
  EXPECT_EQ(results, expected);
}

TEST_F(Sarif, WaivedFindingIsAnAcceptedSuppressionThatKeepsItsStatus) {
  std::ostringstream out;
  report::WriteSarif(TrickyReport(), {}, out);
  const rapidjson::Document log = Parse(out.str());
  EXPECT_EQ(Problems(log), "") << out.str();
  const rapidjson::Value& run = log["runs"][0];

  std::map<std::string, int> per_rule;
  for (const rapidjson::Value& r : run["results"].GetArray()) per_rule[r["ruleId"].GetString()]++;
  // pass, not_applicable and not_evaluated have no result; C-2 has two violations.
  EXPECT_EQ(per_rule, (std::map<std::string, int>{{"C-2", 2}, {"C-3", 1}, {"C-5", 1}, {"C-6", 1}}));

  for (const rapidjson::Value& r : run["results"].GetArray()) {
    const std::string rule = r["ruleId"].GetString();
    SCOPED_TRACE(rule);
    if (rule == "C-5") {
      ASSERT_TRUE(r.HasMember("suppressions"));
      const rapidjson::Value& s = r["suppressions"][0];
      EXPECT_STREQ(s["kind"].GetString(), "external");
      EXPECT_STREQ(s["status"].GetString(), "accepted");
      EXPECT_STREQ(s["justification"].GetString(),
                   "accepted until the log store moves, see RISK-12");
      EXPECT_STREQ(r["properties"]["status"].GetString(), "waived");
      EXPECT_STREQ(r["properties"]["originalStatus"].GetString(), "fail");
      EXPECT_EQ(std::string(r["message"]["text"].GetString()).rfind("waived (was fail): ", 0), 0u);
      EXPECT_EQ(r["locations"][0]["physicalLocation"]["region"]["startLine"].GetUint(), 12u);
    } else {
      EXPECT_FALSE(r.HasMember("suppressions"));
    }
    // Only blocking findings are errors, so the code-scanning check agrees with the gate; a
    // high one that does not block is a warning, a low one (C-3) a note.
    const std::string level = r["level"].GetString();
    EXPECT_EQ(level, rule == "C-2" || rule == "C-6" ? "error" : rule == "C-3" ? "note" : "warning");
  }
  // The relative path with a comma and a space is percent-encoded below %SRCROOT%.
  EXPECT_STREQ(run["artifacts"][0]["location"]["uri"].GetString(), "cards/card%2C%20one.json");
  EXPECT_STREQ(run["artifacts"][0]["location"]["uriBaseId"].GetString(), "%SRCROOT%");
  // The blocking not_evaluated control has nowhere to point: a notification names it.
  const rapidjson::Value& notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.Size(), 1u);
  EXPECT_STREQ(notes[0]["associatedRule"]["id"].GetString(), "C-7");
}

TEST_F(Sarif, SchemaRejectsBrokenLogs) {
  std::ostringstream out;
  report::WriteSarif(TrickyReport(), {}, out);
  const struct {
    const char* what;
    const char* pointer;
    const char* value;  // JSON; nullptr removes
  } edits[] = {
      {"an unknown level", "/runs/0/results/0/level", "\"fatal\""},
      {"no version", "/version", nullptr},
      {"a line 0 region", "/runs/0/results/0/locations/0/physicalLocation/region/startLine", "0"},
      {"an unknown suppression status", "/runs/0/results/3/suppressions/0/status", "\"maybe\""},
      {"a URI with a space", "/runs/0/artifacts/1/location/uri", "\"cards/card 2.json\""},
  };
  for (const auto& edit : edits) {
    SCOPED_TRACE(edit.what);
    rapidjson::Document log = Parse(out.str());
    if (edit.value == nullptr) {
      ASSERT_TRUE(rapidjson::Pointer(edit.pointer).Erase(log));
    } else {
      ASSERT_NE(rapidjson::Pointer(edit.pointer).Get(log), nullptr) << edit.pointer;
      rapidjson::Document value(&log.GetAllocator());
      value.Parse(edit.value);
      rapidjson::Pointer(edit.pointer).Set(log, value);
    }
    EXPECT_NE(Problems(log), "");
  }
}

// The golden SARIF case holds a log the schema accepts.
TEST_F(Sarif, GoldenCaseValidates) {
  const fs::path golden =
      fs::path(AIMSGATE_TEST_DIR) / "cli" / "cases" / "eval-format-sarif" / "expected_stdout";
  const std::optional<std::string> text = ReadFile(golden);
  ASSERT_TRUE(text.has_value()) << golden;
  // @ROOT@ stands for the source directory: not a URI character, so put a path back.
  EXPECT_EQ(Problems(Parse(ReplaceAll(*text, "@ROOT@", "/src"))), "");
}

}  // namespace
}  // namespace aimsgate::clitest
