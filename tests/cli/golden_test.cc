// Golden CLI cases: every folder of tests/cli/cases/ is one test. The runner reads the
// folder's `args`, runs aimsgate in-process and compares stdout, stderr and the exit code
// exactly with `expected_stdout`, `expected_stderr` and `expected_exit`. With
// AIMSGATE_UPDATE_GOLDEN=1 it rewrites those files instead. See tests/cli/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCaseToken = "@CASE@";  // the case folder's absolute path
constexpr const char* kRootToken = "@ROOT@";  // the source tree (AIMSGATE_SOURCE_DIR)
constexpr size_t kDiffContext = 3;            // unchanged lines shown around a change

struct GoldenCase {
  std::string name;  // the folder's name
  fs::path dir;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

fs::path CasesDir() { return fs::path(AIMSGATE_TEST_DIR) / "cli" / "cases"; }

std::vector<GoldenCase> DiscoverCases() {
  std::vector<GoldenCase> cases;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(CasesDir(), ec)) {
    if (entry.is_directory()) cases.push_back({entry.path().filename().string(), entry.path()});
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

// GoogleTest names allow only letters, digits and '_': "eval-json" becomes "eval_json".
std::string TestName(const std::string& folder) {
  std::string name = folder;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

bool UpdateRequested() {
  const char* v = std::getenv("AIMSGATE_UPDATE_GOLDEN");
  return v != nullptr && *v != '\0' && std::string(v) != "0";
}

// Lines for diffing: a text that does not end in a newline gets a marker line, so that a
// missing or extra final newline shows in the diff like any other change.
std::vector<std::string> DiffLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      lines.push_back("\\ No newline at end of file");
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// A unified diff (as `diff -u` prints it) from `expected` to `actual`.
std::string UnifiedDiff(const std::string& expected, const std::string& actual,
                        const std::string& expected_label, const std::string& actual_label) {
  const std::vector<std::string> a = DiffLines(expected);
  const std::vector<std::string> b = DiffLines(actual);
  const size_t n = a.size();
  const size_t m = b.size();
  std::string out = "--- " + expected_label + "\n+++ " + actual_label + "\n";
  if (n * m > 25'000'000) {  // too large for the quadratic table: name the first difference
    size_t i = 0;
    while (i < n && i < m && a[i] == b[i]) ++i;
    return out + "first difference at line " + std::to_string(i + 1) + ":\n-" +
           (i < n ? a[i] : "<end>") + "\n+" + (i < m ? b[i] : "<end>") + "\n";
  }
  // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  struct Edit {
    char op;  // ' ' same, '-' only in expected, '+' only in actual
    size_t a_line;
    size_t b_line;  // 0-based positions before this edit
  };
  std::vector<Edit> edits;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      edits.push_back({' ', i++, j++});
    } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      edits.push_back({'-', i++, j});
    } else {
      edits.push_back({'+', i, j++});
    }
  }
  auto text_of = [&](const Edit& e) { return e.op == '+' ? b[e.b_line] : a[e.a_line]; };
  size_t k = 0;
  while (k < edits.size()) {
    while (k < edits.size() && edits[k].op == ' ') ++k;
    if (k == edits.size()) break;
    // A hunk: this change and every later one less than 2 * context lines away.
    const size_t begin = k >= kDiffContext ? k - kDiffContext : 0;
    size_t last = k;
    for (size_t s = k; s < edits.size() && s <= last + 2 * kDiffContext; ++s) {
      if (edits[s].op != ' ') last = s;
    }
    const size_t end = std::min(edits.size(), last + kDiffContext + 1);
    size_t a_count = 0, b_count = 0;
    for (size_t s = begin; s < end; ++s) {
      if (edits[s].op != '+') ++a_count;
      if (edits[s].op != '-') ++b_count;
    }
    out += "@@ -" + std::to_string(edits[begin].a_line + (a_count > 0 ? 1 : 0)) + "," +
           std::to_string(a_count) + " +" + std::to_string(edits[begin].b_line + (b_count > 0 ? 1 : 0)) +
           "," + std::to_string(b_count) + " @@\n";
    for (size_t s = begin; s < end; ++s) out += edits[s].op + text_of(edits[s]) + "\n";
    k = end;
  }
  return out;
}

class Golden : public testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesExpectedOutput) {
  const GoldenCase& c = GetParam();
  const std::string case_dir = c.dir.string();
  const std::string root_dir = AIMSGATE_SOURCE_DIR;

  std::optional<std::string> args_text = ReadFile(c.dir / "args");
  ASSERT_TRUE(args_text.has_value()) << c.dir.string() << ": no args file (one argument per line)";
  std::vector<std::string> args;
  for (const std::string& line : NonEmptyLines(*args_text)) {
    args.push_back(ReplaceAll(ReplaceAll(line, kCaseToken, case_dir), kRootToken, root_dir));
  }
  const std::string stdin_text = ReadFile(c.dir / "stdin").value_or("");

  const CliRun run = RunAimsgate(args, stdin_text);
  // Absolute paths become tokens again, so the expected files do not depend on the checkout.
  auto stable = [&](const std::string& text) {
    return ReplaceAll(ReplaceAll(text, case_dir, kCaseToken), root_dir, kRootToken);
  };
  const std::string actual_out = stable(run.out);
  const std::string actual_err = stable(run.err);
  const std::string actual_exit = std::to_string(run.exit_code) + "\n";

  const struct {
    const char* file;
    const char* stream;
    const std::string& actual;
  } streams[] = {{"expected_stdout", "stdout", actual_out},
                 {"expected_stderr", "stderr", actual_err},
                 {"expected_exit", "exit code", actual_exit}};

  if (UpdateRequested()) {
    for (const auto& s : streams) {
      if (ReadFile(c.dir / s.file) == s.actual) continue;
      ASSERT_TRUE(WriteFile(c.dir / s.file, s.actual)) << "cannot write " << (c.dir / s.file);
      std::cout << "[ golden ] updated " << c.name << "/" << s.file << "\n";
    }
    return;
  }

  std::string command = "aimsgate";
  for (const std::string& a : args) command += " " + stable(a);
  const std::string description = ReadFile(c.dir / "description").value_or("");
  std::string failures;
  const std::optional<std::string> expected_exit = ReadFile(c.dir / "expected_exit");
  if (expected_exit && std::atoi(expected_exit->c_str()) != run.exit_code) {
    failures += "exit code: expected " + std::to_string(std::atoi(expected_exit->c_str())) +
                ", got " + std::to_string(run.exit_code) + "\n";
  }
  for (const auto& s : streams) {
    std::optional<std::string> expected = ReadFile(c.dir / s.file);
    if (!expected) {
      failures += std::string("missing ") + s.file + "\n";
    } else if (std::string(s.file) != "expected_exit" && *expected != s.actual) {
      failures += UnifiedDiff(*expected, s.actual, std::string(kCaseToken) + "/" + s.file,
                              std::string("actual ") + s.stream);
    }
  }
  if (failures.empty()) return;
  ADD_FAILURE() << "golden case " << c.name << " (" << case_dir << ")\n"
      << (description.empty() ? "" : "  " + description) << "  $ " << command << "\n\n"
      << failures << "\nIf the new output is right, rewrite the expected files with\n"
      << "  AIMSGATE_UPDATE_GOLDEN=1 <build>/tests/cli_tests --gtest_filter='Cases/Golden.*/"
      << TestName(c.name) << "'\nand review the change with git diff.";
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, testing::ValuesIn(DiscoverCases()),
                         [](const testing::TestParamInfo<GoldenCase>& case_info) {
                           return TestName(case_info.param.name);
                         });

// Guards against a wrong AIMSGATE_TEST_DIR or a moved folder turning the suite into no tests.
TEST(GoldenCases, AreFound) {
  EXPECT_GE(DiscoverCases().size(), 10u) << "golden cases are missing from " << CasesDir();
}

}  // namespace
}  // namespace aimsgate::clitest
