// aimsgate import: several models from one BOM go to -o DIR, one file per model, and what it
// writes loads with aimsgate eval.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTwoModelBom = R"({
  "bomFormat": "CycloneDX", "specVersion": "1.6",
  "components": [
    {"type": "machine-learning-model", "bom-ref": "pkg:hf/a@1", "name": "a",
     "modelCard": {"quantitativeAnalysis": {"performanceMetrics": [{"type": "f1", "value": "0.8"}]}}},
    {"type": "machine-learning-model", "bom-ref": "b", "name": "b"}
  ]
})";

class ImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("aimsgate-import-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "out");
    ASSERT_TRUE(WriteFile(dir_ / "bom.json", kTwoModelBom));
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ImportCommandTest, SeveralModelsGoToADirectoryAndLoadWithEval) {
  CliRun run = RunAimsgate(
      {"import", "cyclonedx", (dir_ / "bom.json").string(), "-o", (dir_ / "out").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "pkg_hf_a_1.json"));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "b.json"));
  EXPECT_NE(run.out.find("(model_card pkg:hf/a@1)"), std::string::npos) << run.out;

  CliRun eval = RunAimsgate({"eval", (dir_ / "out").string(), "--as-of", "2026-11-24", "--jobs",
                             "1", "--format", "json"});
  EXPECT_EQ(eval.exit_code, 1) << eval.err;  // loads, and the gate fails on what is missing
  EXPECT_EQ(eval.err, "");
  EXPECT_NE(eval.out.find("\"id\": \"pkg:hf/a@1\""), std::string::npos);
  EXPECT_NE(eval.out.find("\"id\": \"b\""), std::string::npos);
}

TEST_F(ImportCommandTest, SeveralModelsWithoutADirectoryIsAnErrorAndWritesNothing) {
  const fs::path target = dir_ / "one.json";
  CliRun run =
      RunAimsgate({"import", "cyclonedx", (dir_ / "bom.json").string(), "-o", target.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("holds 2 models (pkg:hf/a@1, b): give -o DIR"), std::string::npos)
      << run.err;
  EXPECT_FALSE(fs::exists(target));
  EXPECT_EQ(RunAimsgate({"import", "cyclonedx", (dir_ / "bom.json").string()}).exit_code, 2);
}

TEST_F(ImportCommandTest, EvalReadsTheBomItselfWithOneDocumentPerModel) {
  CliRun eval = RunAimsgate({"eval", (dir_ / "bom.json").string(), "--as-of", "2026-11-24",
                             "--jobs", "1", "--format", "json"});
  EXPECT_EQ(eval.exit_code, 1) << eval.err;
  EXPECT_NE(eval.out.find("\"id\": \"pkg:hf/a@1\""), std::string::npos);
  EXPECT_NE(eval.out.find("\"id\": \"b\""), std::string::npos);
}

TEST_F(ImportCommandTest, ConversionErrorsWriteNothing) {
  ASSERT_TRUE(WriteFile(dir_ / "bad.json", ReplaceAll(kTwoModelBom, "\"0.8\"", "true")));
  const fs::path target = dir_ / "out";
  CliRun run =
      RunAimsgate({"import", "cyclonedx", (dir_ / "bad.json").string(), "-o", target.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.json:5:"), std::string::npos) << run.err;
  EXPECT_TRUE(fs::is_empty(target));
}

// A metric value that is text, not a number, is a warning: import writes the card without the
// value and exits 0; eval evaluates it, reports the missing value and exits by the gate.
TEST_F(ImportCommandTest, AMetricValueThatIsNotANumberIsAWarningAndTheCardIsUsed) {
  ASSERT_TRUE(WriteFile(dir_ / "text.json", ReplaceAll(kTwoModelBom, "\"0.8\"", "\"good\"")));
  const std::string warning =
      "text.json:5:92 (/components/0/modelCard/quantitativeAnalysis/performanceMetrics/0/value): "
      "warning: metric value \"good\" is not a number; the metric is imported without a value\n";
  CliRun run = RunAimsgate(
      {"import", "cyclonedx", (dir_ / "text.json").string(), "-o", (dir_ / "out").string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, (dir_ / warning).string());
  std::optional<std::string> card = ReadFile(dir_ / "out" / "pkg_hf_a_1.json");
  ASSERT_TRUE(card.has_value());
  EXPECT_NE(card->find("\"type\": \"f1\""), std::string::npos) << *card;
  EXPECT_EQ(card->find("\"value\""), std::string::npos) << *card;  // left out, not guessed

  CliRun eval = RunAimsgate({"eval", (dir_ / "text.json").string(), "--as-of", "2026-11-24",
                             "--jobs", "1", "--format", "json"});
  EXPECT_EQ(eval.exit_code, 1) << eval.err;  // the gate's verdict, not 2
  EXPECT_EQ(eval.err, (dir_ / warning).string());
  EXPECT_NE(eval.out.find("f1 has no value"), std::string::npos);
  EXPECT_NE(eval.out.find("\"pointer\": \"/quantitative_analysis/performance_metrics/0/value\""),
            std::string::npos);
}

}  // namespace
}  // namespace aimsgate::clitest
