// JUnit reports against the junit-10.xsd Jenkins' xUnit plugin uses (tests/data/external/
// junit/), checked by `xmllint --noout --schema` (Debian's libxml2-utils), plus what the schema
// cannot say: the counts on every testsuite and on testsuites match its testcases.
#include <gtest/gtest.h>
#include <unistd.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>

#include "cli/cli_runner.h"
#include "cli/sample_report.h"
#include "report/writers.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;

fs::path XsdPath() {
  return fs::path(AIMSGATE_TEST_DIR) / "data" / "external" / "junit" / "junit-10.xsd";
}

// xmllint's verdict on `xml`: "" when it validates, else what xmllint printed.
std::string SchemaProblems(const std::string& xml) {
  // A folder per test and process: ctest runs these tests in parallel.
  const fs::path dir = fs::path(testing::TempDir()) /
                       ("aimsgate_junit_" + std::to_string(getpid()) + "_" +
                        testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::create_directories(dir);
  const fs::path file = dir / "report.xml";
  const fs::path log = dir / "xmllint.log";
  if (!WriteFile(file, xml)) return "cannot write " + file.string();
  const std::string command = "xmllint --noout --schema '" + XsdPath().string() + "' '" +
                              file.string() + "' > '" + log.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  const std::string output = ReadFile(log).value_or("");
  if (status == 0) return "";
  return "xmllint exited " + std::to_string(status) + " (is libxml2-utils installed? " +
         "scripts/setup.sh installs it):\n" + output;
}

unsigned Attribute(const std::string& tag, const std::string& name) {
  const std::regex pattern(" " + name + "=\"([0-9]+)\"");
  std::smatch match;
  if (!std::regex_search(tag, match, pattern)) return ~0u;
  return static_cast<unsigned>(std::stoul(match[1]));
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Every <testsuite>'s tests/failures/errors/skipped equal its elements, and <testsuites>
// holds the sums. Returns the problems, one per line.
std::string CountProblems(const std::string& xml) {
  std::string problems;
  unsigned tests = 0, failures = 0, errors = 0;
  for (size_t at = xml.find("<testsuite "); at != std::string::npos;
       at = xml.find("<testsuite ", at + 1)) {
    const std::string tag = xml.substr(at, xml.find('>', at) - at);
    const std::string body = xml.substr(at, xml.find("</testsuite>", at) - at);
    const struct {
      const char* attribute;
      const char* element;
    } checks[] = {{"tests", "<testcase "},
                  {"failures", "<failure "},
                  {"errors", "<error "},
                  {"skipped", "<skipped "}};
    for (const auto& c : checks) {
      if (Attribute(tag, c.attribute) != Count(body, c.element)) {
        problems += tag + ": " + c.attribute + " is not the number of " + c.element + "\n";
      }
    }
    tests += Attribute(tag, "tests");
    failures += Attribute(tag, "failures");
    errors += Attribute(tag, "errors");
  }
  const std::string root =
      xml.substr(xml.find("<testsuites"), xml.find('>', xml.find("<testsuites")));
  if (Attribute(root, "tests") != tests || Attribute(root, "failures") != failures ||
      Attribute(root, "errors") != errors) {
    problems += "<testsuites> counts are not the sums of its suites\n";
  }
  return problems;
}

TEST(Junit, SchemaCheckCanFail) {
  EXPECT_NE(
      SchemaProblems("<?xml version=\"1.0\"?>\n<testsuites><testsuite tests=\"1\" failures=\"0\" "
                     "errors=\"0\"><testcase name=\"x\"/></testsuite></testsuites>\n"),
      "")
      << "a testsuite without a name must be rejected";
  EXPECT_NE(SchemaProblems("<testsuites><testsuite name=\"a\""), "") << "not even XML";
}

TEST(Junit, BundledExampleValidatesWithTheRightCounts) {
  const CliRun run =
      RunAimsgate({"eval", (fs::path(AIMSGATE_SOURCE_DIR) / "examples" / "credit-scoring").string(),
                   "--format", "junit", "--as-of", "2026-11-24", "--jobs", "1"});
  ASSERT_EQ(run.exit_code, cli::kExitFail) << run.err;
  EXPECT_EQ(SchemaProblems(run.out), "");
  EXPECT_EQ(CountProblems(run.out), "");
  const CliRun json =
      RunAimsgate({"eval", (fs::path(AIMSGATE_SOURCE_DIR) / "examples" / "credit-scoring").string(),
                   "--format", "json", "--as-of", "2026-11-24", "--jobs", "1"});
  rapidjson::Document report;
  report.Parse(json.out.c_str());
  ASSERT_FALSE(report.HasParseError());
  // One suite per evidence document (none is not_evaluated here), one case per finding.
  EXPECT_EQ(Count(run.out, "<testsuite "), report["evidence"].Size());
  EXPECT_EQ(Count(run.out, "<testcase "), report["findings"].Size());
  EXPECT_EQ(
      Attribute(run.out, "failures"),
      report["summary"]["fail"].GetUint() + report["summary"]["insufficient_evidence"].GetUint());
}

TEST(Junit, EveryStatusIsShownAsCiToolsExpect) {
  std::ostringstream out;
  report::WriteJunit(TrickyReport(), out);
  const std::string xml = out.str();
  EXPECT_EQ(SchemaProblems(xml), "") << xml;
  EXPECT_EQ(CountProblems(xml), "") << xml;
  // fail and insufficient_evidence are failures typed by status; error is an error.
  EXPECT_NE(
      xml.find("<failure message=\"value &quot;a, b&quot; | 50% of &lt;x&gt; &amp; y&#10;second "
               "line: ok, done\" type=\"fail\">"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("type=\"insufficient_evidence\""), std::string::npos);
  EXPECT_NE(xml.find("<error message=\"check.lua:3: attempt to index nil\" type=\"error\">"),
            std::string::npos);
  // waived and not_applicable are skipped; the waived one says what it was.
  EXPECT_NE(xml.find("<skipped message=\"waived (was fail): retention is 90 days; justification: "
                     "accepted until the log store moves, see RISK-12\" type=\"waived\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped message=\"not applicable: @no supplier\""), std::string::npos);
  // not_evaluated findings have their own suite; this one blocks the gate, so it fails.
  EXPECT_NE(xml.find("<testsuite name=\"not evaluated\" tests=\"1\" failures=\"1\""),
            std::string::npos)
      << xml;
  EXPECT_NE(
      xml.find("<testsuite name=\"card-1\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" "
               "time=\"0\" file=\"cards/card, one.json\">"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("classname=\"demo.model_card\""), std::string::npos);
}

TEST(Junit, CharactersXmlCannotHoldAreReplaced) {
  Report r = TrickyReport();
  r.findings[1].message = std::string("bell\x07 nul") + '\0' + " bad utf8 \xC3( end";
  std::ostringstream out;
  report::WriteJunit(r, out);
  EXPECT_EQ(SchemaProblems(out.str()), "") << out.str();
  EXPECT_NE(out.str().find("bell\xEF\xBF\xBD nul\xEF\xBF\xBD bad utf8 \xEF\xBF\xBD( end"),
            std::string::npos);
}

}  // namespace
}  // namespace aimsgate::clitest
