// eval --tasks-out: the remediation tasks exported for a tracker, checked against the report
// they come from, against a reviewed expected file, and for stable ids across runs.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"

namespace aimsgate::clitest {
namespace {
namespace fs = std::filesystem;

const fs::path kGate = fs::path(AIMSGATE_TEST_DIR) / "cli" / "data" / "gate";

std::vector<std::string> EvalArgs(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"eval",    (kGate / "evidence").string(),
                                   "--pack",  (kGate / "pack").string(),
                                   "--as-of", "2026-11-24",
                                   "--jobs",  "1"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

fs::path TempFolder(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(TasksExport, CsvMatchesTheReviewedFile) {
  const fs::path out = TempFolder("aimsgate_tasks_csv") / "tasks.csv";
  const CliRun run = RunAimsgate(EvalArgs({"--tasks-out", out.string()}));
  ASSERT_EQ(run.exit_code, 1) << run.err;
  const std::string csv = ReadFile(out).value_or("<missing>");
  EXPECT_EQ(ReplaceAll(csv, kGate.string(), "@GATE@"),
            ReadFile(kGate / "expected_tasks.csv").value_or(""));
}

TEST(TasksExport, JsonMatchesTheReviewedFileAndTheReport) {
  const fs::path dir = TempFolder("aimsgate_tasks_json");
  const CliRun run =
      RunAimsgate(EvalArgs({"--tasks-out", (dir / "tasks.json").string(), "--format", "json"}));
  ASSERT_EQ(run.exit_code, 1) << run.err;
  const std::string json = ReadFile(dir / "tasks.json").value_or("<missing>");
  EXPECT_EQ(json, ReadFile(kGate / "expected_tasks.json").value_or(""));
  // Every exported id is a task of the report written in the same run.
  for (const char* id :
       {"T-be7fbc2dd778", "T-497d76a0ffaf", "T-9bdce8faa7d8", "T-4e40a5bbfd93", "T-59099bef485d"}) {
    EXPECT_NE(json.find(std::string("\"id\": \"") + id + "\""), std::string::npos) << id;
    EXPECT_NE(run.out.find(std::string("\"id\": \"") + id + "\""), std::string::npos) << id;
  }
}

// One control-scoped task fixes the A.6.2.4 findings of both credit models: one row, both
// subjects, both findings.
TEST(TasksExport, AControlScopedTaskIsOneRowForEveryFindingItFixes) {
  const fs::path out = TempFolder("aimsgate_tasks_dedupe") / "tasks.csv";
  ASSERT_EQ(RunAimsgate(EvalArgs({"--tasks-out", out.string()})).exit_code, 1);
  const std::string csv = ReadFile(out).value_or("");
  size_t rows = 0;
  for (const std::string& line : NonEmptyLines(csv)) {
    if (line.rfind("T-497d76a0ffaf,", 0) != 0) continue;
    ++rows;
    EXPECT_NE(line.find(",credit-a; credit-b,A.6.2.4@credit-a; A.6.2.4@credit-b,"),
              std::string::npos)
        << line;
  }
  EXPECT_EQ(rows, 1u);
}

TEST(TasksExport, IdsAreStableAcrossRunsAndSubsets) {
  const fs::path dir = TempFolder("aimsgate_tasks_stable");
  ASSERT_EQ(RunAimsgate(EvalArgs({"--tasks-out", (dir / "a.csv").string()})).exit_code, 1);
  std::vector<std::string> three_workers = EvalArgs({"--tasks-out", (dir / "b.csv").string()});
  three_workers[7] = "3";  // --jobs 3
  ASSERT_EQ(RunAimsgate(three_workers).exit_code, 1);
  EXPECT_EQ(ReadFile(dir / "a.csv"), ReadFile(dir / "b.csv"));
  // Evaluating one document alone gives its tasks the same ids.
  const CliRun alone = RunAimsgate({"eval", (kGate / "evidence" / "credit-b.json").string(),
                                    "--pack", (kGate / "pack").string(), "--as-of", "2026-11-24",
                                    "--tasks-out", (dir / "c.json").string()});
  ASSERT_EQ(alone.exit_code, 1) << alone.err;
  const std::string c = ReadFile(dir / "c.json").value_or("");
  EXPECT_NE(c.find("T-9bdce8faa7d8"), std::string::npos) << c;
  EXPECT_NE(c.find("T-497d76a0ffaf"), std::string::npos) << c;
}

TEST(TasksExport, AnUnknownFormatIsAUsageErrorAndWritesNothing) {
  const fs::path dir = TempFolder("aimsgate_tasks_bad");
  const CliRun run = RunAimsgate(EvalArgs({"--tasks-out", (dir / "tasks.xlsx").string()}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("name a .csv or .json file, or give --tasks-format csv|json"),
            std::string::npos)
      << run.err;
  EXPECT_FALSE(fs::exists(dir / "tasks.xlsx"));
  const CliRun forced =
      RunAimsgate(EvalArgs({"--tasks-out", (dir / "tasks.txt").string(), "--tasks-format", "csv"}));
  EXPECT_EQ(forced.exit_code, 1) << forced.err;
  EXPECT_EQ(ReadFile(dir / "tasks.txt")
                .value_or("")
                .rfind("id,title,control,owner,priority,due,subjects,findings,description\r\n", 0),
            0u);
}

}  // namespace
}  // namespace aimsgate::clitest
