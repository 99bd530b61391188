// Hostile evidence: every file here must end in a clear error that says where (file, and
// line:col when there is a position), exit code 2, and no crash or hang.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace aimsgate {
namespace {

namespace fs = std::filesystem;
using clitest::RunAimsgate;
using clitest::WriteFile;

const std::string kHead = R"({"kind": "model_card", "schema_version": "1.0", "id": "x", )";

struct Hostile {
  const char* name;
  std::string contents;
  const char* where_and_what;  // what stderr must say after the file name
};

void PrintTo(const Hostile& h, std::ostream* os) {
  *os << h.name;
}

class HostileEvidenceTest : public ::testing::TestWithParam<Hostile> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("aimsgate-hostile-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(HostileEvidenceTest, IsAnErrorAtALocationWithExitCode2) {
  const fs::path file = dir_ / "evidence.json";
  ASSERT_TRUE(WriteFile(file, GetParam().contents));
  const clitest::CliRun run = RunAimsgate({"eval", file.string(), "--as-of", "2026-11-24"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find(file.string() + GetParam().where_and_what), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("no evidence could be loaded"), std::string::npos) << run.err;
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string Garbage() {
  std::string bytes;
  uint32_t x = 2463534242u;  // xorshift: the same bytes every run
  for (int i = 0; i < 4096; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    bytes.push_back(static_cast<char>(x & 0xff));
  }
  bytes[0] = '\x9c';  // not a JSON start, whatever the generator says
  return bytes;
}

INSTANTIATE_TEST_SUITE_P(
    Cli, HostileEvidenceTest,
    ::testing::Values(
        Hostile{"Empty", "", ":1:1: error: file is empty"},
        Hostile{"OnlyWhitespace", "  \n\t\n", ":1:1: error: file is empty"},
        Hostile{"BinaryGarbage", Garbage(), ":1:1: error: invalid JSON"},
        Hostile{"NulBytes", std::string("{\"kind\"\0\0\0", 10), ":1:8: error: invalid JSON"},
        Hostile{"Utf8ByteOrderMark", "\xEF\xBB\xBF" + kHead + "\"v\": 1}",
                ":1:1: error: file starts with a UTF-8 byte order mark"},
        Hostile{"InvalidUtf8InAString", kHead + "\"v\": \"ab\xFF\xFE\"}",
                ":1:68: error: invalid JSON: invalid encoding in string"},
        Hostile{"InvalidUtf8InAKey", kHead + "\"k\xC3\x28\": 1}",
                ":1:62: error: invalid JSON: invalid encoding in string"},
        Hostile{"OverlongUtf8", kHead + "\"v\": \"\xC0\xAF\"}",
                ":1:66: error: invalid JSON: invalid encoding in string"},
        Hostile{"LoneSurrogateEscape", kHead + "\"v\": \"\\uD800\"}",
                ":1:66: error: invalid JSON: the surrogate pair in string is invalid"},
        Hostile{"ArraysNested100000Deep", Repeat("[", 100000) + Repeat("]", 100000),
                ":1:513: error: nesting deeper than 512 levels"},
        Hostile{"ObjectsNested100000Deep",
                kHead + "\"a\": " + Repeat("{\"a\": ", 100000) + "1" + Repeat("}", 100001),
                ":1:3131: error: nesting deeper than 512 levels"},
        Hostile{"DuplicateKeys", kHead + "\"v\": 1, \"v\": 2}",
                ":1:68: error: duplicate key \"v\" (first at 1:60)"},
        Hostile{"NaN", kHead + "\"v\": NaN}", ":1:65: error: invalid JSON"},
        Hostile{"Infinity", kHead + "\"v\": Infinity}", ":1:65: error: invalid JSON"},
        Hostile{"MinusInfinity", kHead + "\"v\": -Infinity}", ":1:66: error: invalid JSON"},
        Hostile{"ExponentOutOfRange", kHead + "\"v\": 1e400}",
                ":1:65: error: invalid JSON: number too big to be stored in double"},
        Hostile{"FourHundredDigitInteger", kHead + "\"v\": " + Repeat("9", 400) + "}",
                ":1:65: error: invalid JSON: number too big to be stored in double"},
        Hostile{"TruncatedDocument", kHead + "\"v\": [1, 2",
                ":1:70: error: invalid JSON: missing a comma or ']'"},
        Hostile{"TwoDocuments", kHead + "\"v\": 1} {}",
                ":1:68: error: invalid JSON: the document root must not be followed"}),
    [](const ::testing::TestParamInfo<Hostile>& p) { return std::string(p.param.name); });

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("aimsgate-hostile-in-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  clitest::CliRun Eval(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"eval", "--as-of", "2026-11-24"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunAimsgate(args);
  }
  fs::path dir_;
};

TEST_F(HostileInputTest, AFileOverTheSizeLimitIsRefusedBeforeItIsRead) {
  const fs::path file = dir_ / "big.json";
  ASSERT_TRUE(WriteFile(file, kHead + "\"v\": \"" + std::string(5000, 'a') + "\"}"));
  const clitest::CliRun run = Eval({file.string(), "--max-evidence-bytes", "1024"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(file.string() + ": error: file is 5067 bytes, over the limit of 1024"),
            std::string::npos)
      << run.err;
}

TEST_F(HostileInputTest, AHugeStringUnderTheLimitIsRead) {
  // 16 MiB in one string is valid evidence: it is evaluated, not refused or cut.
  const fs::path file = dir_ / "card.json";
  ASSERT_TRUE(WriteFile(file, kHead + "\"description\": \"" + std::string(16u << 20, 'a') + "\"}"));
  const clitest::CliRun run = Eval({file.string()});
  EXPECT_EQ(run.exit_code, 1) << run.err << "\n(the bundled pack fails an empty model card)";
  EXPECT_EQ(run.err, "");
}

TEST_F(HostileInputTest, AFifoIsRefusedWithoutWaitingForAWriter) {
  const fs::path fifo = dir_ / "evidence.json";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const clitest::CliRun run = Eval({fifo.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(fifo.string() + ": error: is a FIFO, not a regular file"),
            std::string::npos)
      << run.err;
}

TEST_F(HostileInputTest, DevZeroIsRefused) {
  const clitest::CliRun run = Eval({"/dev/zero"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("/dev/zero: error: is a device, not a regular file"), std::string::npos)
      << run.err;
}

TEST_F(HostileInputTest, ADirectoryWithSymlinkLoopsEndsWithAnErrorPerLoopingFile) {
  const fs::path good = fs::path(AIMSGATE_SOURCE_DIR) / "examples/credit-scoring/model_card.json";
  fs::create_directories(dir_ / "sub");
  fs::copy_file(good, dir_ / "card.json");
  fs::create_directory_symlink("..", dir_ / "sub" / "up");  // a directory loop: not followed
  fs::create_directory_symlink(".", dir_ / "here.json");    // a directory named *.json
  fs::create_symlink("b.json", dir_ / "a.json");            // a file loop
  fs::create_symlink("a.json", dir_ / "b.json");
  fs::create_symlink("missing.json", dir_ / "dangling.json");
  mkfifo((dir_ / "sub" / "pipe.json").c_str(), 0600);
  const clitest::CliRun run = Eval({dir_.string(), "--format", "json"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  const std::string d = dir_.string();
  for (const std::string& expected :
       {d + "/a.json: error: cannot read: Too many levels of symbolic links",
        d + "/b.json: error: cannot read: Too many levels of symbolic links",
        d + "/dangling.json: error: cannot read: No such file or directory",
        d + "/sub/pipe.json: error: is a FIFO, not a regular file"}) {
    EXPECT_NE(run.err.find(expected), std::string::npos) << expected << "\n" << run.err;
  }
  // The one good document is still evaluated, once.
  EXPECT_NE(run.out.find("\"path\": \"" + d + "/card.json\""), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("/sub/up/"), std::string::npos) << "the directory loop was followed";
}

TEST_F(HostileInputTest, ASymlinkLoopGivenDirectlyIsAnError) {
  fs::create_symlink("self.json", dir_ / "self.json");
  const clitest::CliRun run = Eval({(dir_ / "self.json").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("self.json: error: cannot read: Too many levels of symbolic links"),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace aimsgate
