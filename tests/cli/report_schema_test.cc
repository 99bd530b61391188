// The JSON report against its contract, schemas/report.schema.json: real reports validate
// (every error is collected into the failure message), broken ones are rejected, the
// cross-references the schema cannot express hold, and reports are reproducible byte for byte.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "cli/json_schema.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAsOf = "2026-11-24";

fs::path SchemaPath() {
  return fs::path(AIMSGATE_SOURCE_DIR) / "schemas" / "report.schema.json";
}
fs::path AllStatusesDir() {
  return fs::path(AIMSGATE_TEST_DIR) / "cli" / "data" / "all-statuses";
}
fs::path BundledExampleDir() {
  return fs::path(AIMSGATE_SOURCE_DIR) / "examples" / "credit-scoring";
}

// One validation error: where (a JSON Pointer into the report) and what.
struct SchemaError {
  std::string pointer;
  std::string message;
};

// The errors, one per line. valijson also reports every enclosing object and array of an
// invalid value ("Failed to validate item #0 in array."); those echoes are left out.
std::string Describe(const std::vector<SchemaError>& errors) {
  auto echo = [](const SchemaError& e) {
    return e.message.rfind("Failed to validate against schema associated with property name", 0) ==
               0 ||
           e.message.rfind("Failed to validate item #", 0) == 0;
  };
  const bool only_echoes = std::all_of(errors.begin(), errors.end(), echo);
  std::string out = std::to_string(errors.size()) + " schema error(s):\n";
  for (const SchemaError& e : errors) {
    if (echo(e) && !only_echoes) continue;
    out += "  " + (e.pointer.empty() ? std::string("(root)") : e.pointer) + ": " + e.message + "\n";
  }
  return out;
}

// valijson names the path as {"<root>", "[findings]", "[0]", "[status]"}: make it a pointer.
std::string PointerOf(const std::vector<std::string>& context) {
  std::string pointer;
  for (const std::string& part : context) {
    if (part == "<root>") continue;
    std::string token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
      token = token.substr(1, token.size() - 2);
    }
    pointer += "/" + ReplaceAll(ReplaceAll(token, "~", "~0"), "/", "~1");
  }
  return pointer;
}

class ReportSchema : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    schema_ = std::make_unique<JsonSchema>();
    const std::string problem = schema_->Load(SchemaPath(), valijson::SchemaParser::kDraft7);
    if (!problem.empty()) {
      schema_.reset();
      FAIL() << problem;
    }
  }
  static void TearDownTestSuite() { schema_.reset(); }

  void SetUp() override { ASSERT_NE(schema_, nullptr) << "the schema did not load"; }

  // Every way `document` breaks the schema; empty when it is valid.
  static std::vector<SchemaError> Validate(const rapidjson::Document& document) {
    valijson::ValidationResults results;
    std::vector<SchemaError> errors;
    if (!schema_->Validate(document, &results) && results.numErrors() == 0) {
      errors.push_back({"", "invalid, but the validator gave no reason"});
    }
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      SchemaError e{PointerOf(error.context), error.description};
      if (const rapidjson::Value* value = rapidjson::Pointer(e.pointer.c_str()).Get(document);
          value != nullptr && !value->IsObject() && !value->IsArray()) {
        rapidjson::StringBuffer text;
        rapidjson::Writer<rapidjson::StringBuffer> writer(text);
        value->Accept(writer);
        e.message += std::string(" (found ") + text.GetString() + ")";
      }
      errors.push_back(std::move(e));
    }
    return errors;
  }

  static std::vector<SchemaError> Validate(const std::string& json) {
    rapidjson::Document document;
    document.Parse(json.c_str(), json.size());
    if (document.HasParseError()) {
      return {{"", std::string("not JSON: ") +
                       rapidjson::GetParseError_En(document.GetParseError()) + " at byte " +
                       std::to_string(document.GetErrorOffset())}};
    }
    return Validate(document);
  }

  // The JSON report of the all-statuses pack over its three model cards.
  static CliRun AllStatusesReport() {
    return RunAimsgate({"eval", (AllStatusesDir() / "evidence").string(), "--pack",
                        (AllStatusesDir() / "pack").string(), "--format", "json", "--as-of", kAsOf,
                        "--jobs", "1"});
  }

  static std::unique_ptr<JsonSchema> schema_;
};

std::unique_ptr<JsonSchema> ReportSchema::schema_;

TEST_F(ReportSchema, ReportWithEveryStatusValidates) {
  const CliRun run = AllStatusesReport();
  ASSERT_EQ(run.exit_code, cli::kExitFail) << run.err;
  EXPECT_EQ(run.err, "");
  const std::vector<SchemaError> errors = Validate(run.out);
  EXPECT_TRUE(errors.empty()) << Describe(errors) << "\nreport:\n" << run.out;

  // The data must keep exercising every shape the writer has: every status but waived
  // (nothing produces it yet), findings with and without evidence, several violations.
  rapidjson::Document report;
  report.Parse(run.out.c_str());
  ASSERT_FALSE(report.HasParseError());
  std::set<std::string> statuses;
  bool several_violations = false;
  bool crosswalk = false;
  for (const rapidjson::Value& f : report["findings"].GetArray()) {
    statuses.insert(f["status"].GetString());
    several_violations |= f["violations"].Size() > 1;
    crosswalk |= f["crosswalk"].MemberCount() > 1;
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"pass", "fail", "insufficient_evidence",
                                             "not_applicable", "error", "not_evaluated"}));
  EXPECT_TRUE(several_violations);
  EXPECT_TRUE(crosswalk);
}

TEST_F(ReportSchema, BundledPackReportOnBundledExampleValidates) {
  if (!fs::is_directory(BundledExampleDir()))
    GTEST_SKIP() << "no " << BundledExampleDir() << " yet";
  const CliRun run = RunAimsgate(
      {"eval", BundledExampleDir().string(), "--format", "json", "--as-of", kAsOf, "--jobs", "1"});
  ASSERT_TRUE(run.exit_code == cli::kExitPass || run.exit_code == cli::kExitFail)
      << "exit " << run.exit_code << "\n"
      << run.err;
  const std::vector<SchemaError> errors = Validate(run.out);
  EXPECT_TRUE(errors.empty()) << Describe(errors);
}

// Every golden case that prints a JSON report holds a report the schema accepts.
TEST_F(ReportSchema, GoldenJsonReportsValidate) {
  int checked = 0;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(fs::path(AIMSGATE_TEST_DIR) / "cli" / "cases")) {
    std::vector<std::string> args = NonEmptyLines(ReadFile(entry.path() / "args").value_or(""));
    if (args.empty() || args[0] != "eval") continue;  // other commands print other documents
    auto format = std::find(args.begin(), args.end(), "--format");
    if (format == args.end() || format + 1 == args.end() || format[1] != "json") continue;
    if (args.front() != "eval") continue;  // other commands' JSON is not a report
    const std::string exit_code = ReadFile(entry.path() / "expected_exit").value_or("");
    if (exit_code != "0\n" && exit_code != "1\n") continue;  // no report on stdout
    SCOPED_TRACE(entry.path().filename().string());
    const std::vector<SchemaError> errors =
        Validate(ReadFile(entry.path() / "expected_stdout").value_or(""));
    EXPECT_TRUE(errors.empty()) << Describe(errors);
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no golden case writes a JSON report";
}

// The schema must be able to fail: each of these edits of a valid report is rejected, at
// the place edited.
TEST_F(ReportSchema, RejectsBrokenReports) {
  const CliRun run = AllStatusesReport();
  ASSERT_EQ(run.exit_code, cli::kExitFail) << run.err;
  // Pointers below may name "{NE}": the index of the first not_evaluated finding.
  struct Edit {
    const char* what;
    const char* pointer;    // the member or element to set, or to remove
    const char* new_value;  // JSON; nullptr removes the member
    const char* error_at;   // the error is reported at or below this pointer
  };
  const Edit edits[] = {
      {"a status spelled differently", "/findings/0/status", "\"passed\"", "/findings/0"},
      {"an unknown severity", "/findings/0/severity", "\"severe\"", "/findings/0"},
      {"a summary count missing", "/summary/waived", nullptr, "/summary"},
      {"a negative count", "/summary/pass", "-1", "/summary/pass"},
      {"a count that is not an integer", "/gate/blocking", "1.5", "/gate/blocking"},
      {"an unknown gate member", "/gate/override", "true", "/gate"},
      {"an unknown top-level member", "/generated_at", "\"2026-11-24T10:00:00Z\"", ""},
      {"a gate decision other than pass or fail", "/gate/decision", "\"warn\"", "/gate/decision"},
      {"a digest without its algorithm", "/pack/digest",
       "\"9184446f3e3902e121b13d10faef3041524823f6db209f546f888c70d56c5d7b\"", "/pack/digest"},
      {"an evidence digest too short", "/evidence/0/digest", "\"sha256:abc\"", "/evidence/0"},
      {"as_of not a date", "/as_of", "\"2026-13-01\"", "/as_of"},
      {"a task id of the wrong form", "/tasks/0/id", "\"T-XYZ\"", "/tasks/0"},
      {"a finding's task id of the wrong form", "/findings/0/tasks/0", "\"task-1\"", "/findings/0"},
      {"a priority beyond P4", "/tasks/0/priority", "\"P5\"", "/tasks/0"},
      {"a due date in another format", "/tasks/0/due", "\"24/12/2026\"", "/tasks/0"},
      {"a fail finding without evidence", "/findings/0/evidence", "null", "/findings/0"},
      {"evidence on a not_evaluated finding", "/findings/{NE}/evidence",
       "{\"path\":\"a.json\",\"kind\":\"organization\",\"id\":\"a\",\"pointer\":\"\",\"line\":1,"
       "\"column\":1}",
       "/findings/{NE}"},
      {"a violation status that only findings have", "/findings/0/violations/0/status", "\"pass\"",
       "/findings/0"},
      {"a pointer without its leading slash", "/findings/0/evidence/pointer", "\"datasets/1\"",
       "/findings/0"},
      {"an unknown evidence kind", "/evidence/0/kind", "\"dataset\"", "/evidence/0"},
      {"a citation that is not an ISO identifier", "/findings/0/citations/0", "\"Art. 15\"",
       "/findings/0"},
      {"a crosswalk entry that is not a list", "/findings/0/crosswalk/nist_ai_rmf",
       "\"MEASURE 2.1\"", "/findings/0"},
      {"another tool's name", "/tool/name", "\"othertool\"", "/tool"},
  };
  std::string not_evaluated;
  {
    rapidjson::Document report;
    report.Parse(run.out.c_str());
    ASSERT_FALSE(report.HasParseError());
    ASSERT_TRUE(Validate(report).empty()) << "the unedited report must be valid";
    const rapidjson::Value& findings = report["findings"];
    for (rapidjson::SizeType i = 0; i < findings.Size() && not_evaluated.empty(); ++i) {
      if (findings[i]["status"] == "not_evaluated") not_evaluated = std::to_string(i);
    }
    ASSERT_FALSE(not_evaluated.empty()) << "the report has no not_evaluated finding";
  }
  for (const Edit& edit : edits) {
    SCOPED_TRACE(edit.what);
    const std::string pointer = ReplaceAll(edit.pointer, "{NE}", not_evaluated);
    const std::string at = ReplaceAll(edit.error_at, "{NE}", not_evaluated);
    rapidjson::Document report;
    report.Parse(run.out.c_str());
    if (edit.new_value == nullptr) {
      ASSERT_TRUE(rapidjson::Pointer(pointer.c_str()).Erase(report)) << pointer << " not found";
    } else {
      const std::string parent = pointer.substr(0, pointer.rfind('/'));
      ASSERT_TRUE(parent.empty() || rapidjson::Pointer(parent.c_str()).Get(report) != nullptr)
          << parent << " is not in the report";
      rapidjson::Document value(&report.GetAllocator());
      value.Parse(edit.new_value);
      ASSERT_FALSE(value.HasParseError()) << edit.new_value;
      rapidjson::Pointer(pointer.c_str()).Set(report, value);
    }
    const std::vector<SchemaError> errors = Validate(report);
    ASSERT_FALSE(errors.empty()) << "the schema accepted " << edit.what;
    const bool located = std::any_of(errors.begin(), errors.end(), [&](const SchemaError& e) {
      return e.pointer == at || e.pointer.rfind(at + "/", 0) == 0 || at.empty();
    });
    EXPECT_TRUE(located) << "expected an error at " << at << "; got " << Describe(errors);
  }
}

// What the schema cannot say: counts agree with the findings, and ids refer to each other.
TEST_F(ReportSchema, ReportIsInternallyConsistent) {
  const CliRun run = AllStatusesReport();
  rapidjson::Document report;
  report.Parse(run.out.c_str());
  ASSERT_FALSE(report.HasParseError()) << run.out;

  std::map<std::string, unsigned> counts;
  unsigned blocking = 0;
  std::set<std::string> referenced_tasks;
  std::set<std::string> evidence_paths;
  for (const rapidjson::Value& e : report["evidence"].GetArray())
    evidence_paths.insert(e["path"].GetString());
  for (const rapidjson::Value& f : report["findings"].GetArray()) {
    const std::string status = f["status"].GetString();
    SCOPED_TRACE(std::string(f["control"].GetString()) + " " + status);
    counts[status] += 1;
    if (f["blocking"].GetBool()) ++blocking;
    for (const rapidjson::Value& t : f["tasks"].GetArray()) referenced_tasks.insert(t.GetString());
    if (f["evidence"].IsObject()) {
      EXPECT_EQ(evidence_paths.count(f["evidence"]["path"].GetString()), 1u);
    }
    if (status == "fail" || status == "insufficient_evidence") {
      EXPECT_FALSE(f["violations"].Empty());
      EXPECT_FALSE(f["tasks"].Empty());
    } else {
      EXPECT_TRUE(f["violations"].Empty());
      EXPECT_TRUE(f["tasks"].Empty());
    }
  }
  for (const auto& member : report["summary"].GetObject()) {
    EXPECT_EQ(member.value.GetUint(), counts[member.name.GetString()]) << member.name.GetString();
  }
  EXPECT_EQ(report["gate"]["blocking"].GetUint(), blocking);
  EXPECT_EQ(std::string(report["gate"]["decision"].GetString()), blocking > 0 ? "fail" : "pass");

  std::set<std::string> listed_tasks;
  for (const rapidjson::Value& t : report["tasks"].GetArray()) {
    EXPECT_TRUE(listed_tasks.insert(t["id"].GetString()).second)
        << "listed twice: " << t["id"].GetString();
  }
  EXPECT_EQ(listed_tasks, referenced_tasks);
}

// Same inputs and the same --as-of: the same bytes, in every format, however many workers.
TEST(ReportDeterminism, SameInputsGiveIdenticalBytes) {
  for (const char* format : {"json", "text", "ndjson"}) {
    SCOPED_TRACE(format);
    const std::vector<std::string> args = {"eval",     (AllStatusesDir() / "evidence").string(),
                                           "--pack",   (AllStatusesDir() / "pack").string(),
                                           "--format", format,
                                           "--as-of",  kAsOf};
    auto with_jobs = [&](const char* jobs) {
      std::vector<std::string> a = args;
      a.insert(a.end(), {"--jobs", jobs});
      return RunAimsgate(a);
    };
    const CliRun first = with_jobs("1");
    ASSERT_EQ(first.exit_code, cli::kExitFail) << first.err;
    const CliRun again = with_jobs("1");
    EXPECT_EQ(again.exit_code, first.exit_code);
    EXPECT_EQ(again.out, first.out) << "two runs with --jobs 1 differ";
    for (const char* jobs : {"2", "3", "8"}) {
      const CliRun parallel = with_jobs(jobs);
      EXPECT_EQ(parallel.exit_code, first.exit_code);
      EXPECT_EQ(parallel.out, first.out) << "--jobs " << jobs << " differs from --jobs 1";
      EXPECT_EQ(parallel.err, first.err);
    }
  }
}

TEST(ReportDeterminism, BundledExampleIsReproducible) {
  if (!fs::is_directory(BundledExampleDir()))
    GTEST_SKIP() << "no " << BundledExampleDir() << " yet";
  auto run = [](const char* jobs) {
    return RunAimsgate({"eval", BundledExampleDir().string(), "--format", "json", "--as-of", kAsOf,
                        "--jobs", jobs});
  };
  const CliRun first = run("1");
  const CliRun again = run("1");
  const CliRun parallel = run("2");
  EXPECT_EQ(again.out, first.out);
  EXPECT_EQ(parallel.out, first.out) << "--jobs 2 differs from --jobs 1";
  EXPECT_EQ(parallel.exit_code, first.exit_code);
}

// -o writes exactly what stdout would have shown.
TEST(ReportOutput, OutputFileHoldsTheSameReport) {
  const fs::path dir = fs::path(testing::TempDir()) / "aimsgate_report_output";
  fs::create_directories(dir);
  const fs::path file = dir / "report.json";
  fs::remove(file);
  const std::vector<std::string> args = {"eval",     (AllStatusesDir() / "evidence").string(),
                                         "--pack",   (AllStatusesDir() / "pack").string(),
                                         "--format", "json",
                                         "--as-of",  kAsOf,
                                         "--jobs",   "1"};
  const CliRun to_stdout = RunAimsgate(args);
  std::vector<std::string> with_output = args;
  with_output.insert(with_output.end(), {"-o", file.string()});
  const CliRun to_file = RunAimsgate(with_output);
  EXPECT_EQ(to_file.exit_code, to_stdout.exit_code);
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(ReadFile(file).value_or("<missing>"), to_stdout.out);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace aimsgate::clitest
