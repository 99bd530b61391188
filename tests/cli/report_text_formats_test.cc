// The line-oriented formats on hard text: CSV parses back (RFC 4180) into one row per finding
// with every field intact and formulas defused; GitHub workflow commands are escaped as
// @actions/core escapes them; Markdown tables keep their columns. And --report: several
// reports from one evaluation, each the same bytes as a run of that format alone.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "cli/sample_report.h"
#include "report/csv_writer.h"
#include "report/github_commands.h"
#include "report/writers.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;

using Rows = std::vector<std::vector<std::string>>;

// An RFC 4180 reader: records end in CRLF; quoted fields may hold , " (doubled) CR and LF.
// Fails the test on anything else (a bare LF between records, a stray quote).
Rows ParseCsv(const std::string& text) {
  Rows rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = rows.back().back();
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty()) << "a quote inside an unquoted field at byte " << i;
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      EXPECT_TRUE(c != '\r' && c != '\n') << "a bare line break outside quotes at byte " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_EQ(rows.back(), std::vector<std::string>(1)) << "the last record must end in CRLF";
  rows.pop_back();
  return rows;
}

TEST(Csv, ParsesBackIntoOneRowPerFindingWithEveryFieldIntact) {
  const Report report = TrickyReport();
  std::ostringstream out;
  report::WriteCsv(report, out);
  const Rows rows = ParseCsv(out.str());
  ASSERT_EQ(rows.size(), report.findings.size() + 1) << out.str();
  const std::vector<std::string> header = {
      "control",       "title",       "status",    "original_status",
      "severity",      "enforcement", "blocking",  "evidence_path",
      "evidence_kind", "evidence_id", "pointer",   "line",
      "column",        "message",     "citations", "tasks"};
  EXPECT_EQ(rows[0], header);
  for (const std::vector<std::string>& row : rows) EXPECT_EQ(row.size(), header.size());

  const std::vector<std::string>& fail = rows[2];
  EXPECT_EQ(fail[0], "C-2");
  EXPECT_EQ(fail[1], "Title of C-2, with a comma");
  EXPECT_EQ(fail[7], "cards/card, one.json");
  EXPECT_EQ(fail[10], "/metrics/0");
  EXPECT_EQ(fail[11], "7");
  EXPECT_EQ(fail[12], "3");
  EXPECT_EQ(fail[13], kTrickyMessage);
  EXPECT_EQ(fail[14], "A.6.2.4;8.1");
  EXPECT_EQ(fail[15], "T-000000000001");
  // Messages that a spreadsheet would run as formulas start with an apostrophe.
  EXPECT_EQ(rows[3][13], "'-nothing at /owner");
  EXPECT_EQ(rows[4][13], "'@no supplier");
  // The waived finding keeps the status it would have had.
  EXPECT_EQ(rows[5][2], "waived");
  EXPECT_EQ(rows[5][3], "fail");
  EXPECT_EQ(rows[2][3], "");
  // not_evaluated: no evidence, no place.
  EXPECT_EQ(rows[7][2], "not_evaluated");
  EXPECT_EQ(rows[7][7], "");
  EXPECT_EQ(rows[7][11], "");
}

TEST(Csv, FieldQuotingAndFormulaGuard) {
  EXPECT_EQ(report::CsvField("plain"), "plain");
  EXPECT_EQ(report::CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(report::CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(report::CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(report::CsvField("=1+2"), "'=1+2");
  EXPECT_EQ(report::CsvField("+1"), "'+1");
  EXPECT_EQ(report::CsvField("-1"), "'-1");
  EXPECT_EQ(report::CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(report::CsvField("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  EXPECT_EQ(report::CsvField("a=b"), "a=b");
  EXPECT_EQ(report::CsvField(""), "");
}

TEST(Github, EscapesDataAndPropertiesAsActionsCoreDoes) {
  EXPECT_EQ(report::EscapeCommandData("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
  EXPECT_EQ(report::EscapeCommandProperty("dir/a,b:c%\n.json"), "dir/a%2Cb%3Ac%25%0A.json");
  // % first: an already escaped sequence is escaped again, not decoded.
  EXPECT_EQ(report::EscapeCommandData("%0A"), "%250A");
}

TEST(Github, OneCommandPerFindingThatNeedsAttention) {
  std::ostringstream out;
  report::WriteGithub(TrickyReport(), out);
  const std::string text = out.str();
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // fail (blocking), insufficient (not blocking), waived, error (blocking), not_evaluated
  // (blocking), then the summary; pass and not_applicable have none.
  ASSERT_EQ(lines.size(), 6u) << text;
  EXPECT_EQ(lines[0],
            "::error file=cards/card%2C one.json,line=7,col=3,title=C-2 Title of C-2%2C with a "
            "comma::[fail, high] value \"a, b\" | 50%25 of <x> & y%0Asecond line: ok, done%0A- "
            "line 7 /metrics/0: value \"a, b\" | 50%25 of <x> & y%0Asecond line: ok, done%0A- line "
            "19 /metrics/4: =HYPERLINK(\"x\")%0Acites A.6.2.4, 8.1");
  EXPECT_EQ(lines[1].rfind("::warning file=cards/card2.json,line=1,col=1,title=C-3 ", 0), 0u)
      << lines[1];
  EXPECT_EQ(lines[2].rfind("::notice file=cards/card2.json,line=12,col=9,title=C-5 Title of C-5%2C "
                           "with a comma::[waived (was fail), high] waived (was fail): retention",
                           0),
            0u)
      << lines[2];
  EXPECT_EQ(lines[3].rfind("::error file=cards/card2.json,line=7,col=3,title=C-6 ", 0), 0u)
      << lines[3];
  EXPECT_EQ(
      lines[4].rfind("::error title=C-7 Title of C-7%2C with a comma::[not_evaluated, high]", 0),
      0u)
      << lines[4];
  EXPECT_EQ(lines[5].rfind("::notice title=aimsgate gate%3A fail::", 0), 0u) << lines[5];
  EXPECT_NE(lines[5].find("gate FAIL (3 blocking findings at or above medium)"), std::string::npos);
}

// Each table row of the Markdown comment has as many cells as its header.
TEST(Markdown, TablesKeepTheirColumnsWhateverTheText) {
  std::ostringstream out;
  report::WriteMarkdown(TrickyReport(), out);
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("## ❌ aimsgate gate: FAIL\n", 0), 0u) << text;
  size_t expected_cells = 0;
  int rows = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] != '|') {
      expected_cells = 0;
      continue;
    }
    size_t cells = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++cells;
    }
    if (expected_cells == 0) expected_cells = cells;
    EXPECT_EQ(cells, expected_cells) << line;
    ++rows;
  }
  EXPECT_GT(rows, 10);
  EXPECT_NE(text.find("value \"a, b\" \\| 50% of &lt;x&gt; &amp; y<br>second line: ok, done"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("waived (was fail): retention is 90 days"), std::string::npos);
  // Blocking findings come before the others, and the details are folded.
  EXPECT_LT(text.find("### Blocking findings (3)"), text.find("### Other findings (3)"));
  EXPECT_NE(text.find("<details>\n<summary>Remediation tasks (1)</summary>"), std::string::npos);
}

// --report writes several formats from one evaluation; each file holds exactly what a run
// of that format alone prints.
TEST(ReportTargets, SeveralReportsFromOneRun) {
  const fs::path dir = fs::path(testing::TempDir()) / "aimsgate_report_targets";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<std::string> base = {
      "eval",    (fs::path(AIMSGATE_SOURCE_DIR) / "examples" / "credit-scoring").string(),
      "--as-of", "2026-11-24",
      "--jobs",  "1"};
  std::vector<std::string> args = base;
  const std::vector<std::string> formats = {"sarif", "junit", "csv", "markdown", "github", "json"};
  for (const std::string& f : formats) args.push_back("--report=" + f + "=" + (dir / f).string());
  const CliRun all = RunAimsgate(args);
  std::vector<std::string> text_args = base;
  const CliRun text = RunAimsgate(text_args);
  EXPECT_EQ(all.exit_code, cli::kExitFail) << all.err;
  EXPECT_EQ(all.err, "");
  EXPECT_EQ(all.out, text.out) << "the primary report (text on stdout) is still written";
  for (const std::string& f : formats) {
    SCOPED_TRACE(f);
    std::vector<std::string> alone = base;
    alone.insert(alone.end(), {"--format", f});
    const CliRun single = RunAimsgate(alone);
    EXPECT_EQ(ReadFile(dir / f).value_or("<missing>"), single.out);
  }
  fs::remove_all(dir);
}

TEST(ReportTargets, AReportThatCannotBeWrittenIsAnErrorAndLeavesNothingBehind) {
  const fs::path dir = fs::path(testing::TempDir()) / "aimsgate_report_unwritable";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const CliRun run =
      RunAimsgate({"eval", (fs::path(AIMSGATE_SOURCE_DIR) / "examples" / "credit-scoring").string(),
                   "--as-of", "2026-11-24", "--jobs", "1", "-o", (dir / "report.txt").string(),
                   "--report", "sarif=" + (dir / "no-such-dir" / "out.sarif").string()});
  EXPECT_EQ(run.exit_code, cli::kExitInvalid);
  EXPECT_NE(run.err.find("no-such-dir"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir / "no-such-dir"));
  EXPECT_TRUE(fs::exists(dir / "report.txt")) << "the other reports are still written";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace aimsgate::clitest
