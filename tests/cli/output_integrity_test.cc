// Reports written with -o appear whole or not at all: a failed run leaves an existing report
// as it was and no temporary file behind, and so does a run interrupted by SIGTERM or SIGINT
// while it writes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli/output_file.h"
#include "cli_runner.h"

namespace aimsgate {
namespace {

namespace fs = std::filesystem;
using clitest::ReadFile;
using clitest::RunAimsgate;
using clitest::WriteFile;

// A fresh empty directory for one test.
fs::path FreshDir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("aimsgate-output-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> FilesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OutputIntegrity, AFailedRunLeavesTheExistingReportAndNoTemporaryFile) {
  const fs::path dir = FreshDir("failed");
  ASSERT_TRUE(WriteFile(dir / "report.json", "the previous report\n"));
  ASSERT_TRUE(WriteFile(dir / "card.json", "{ \"kind\": \"model_card\", "));  // truncated
  const clitest::CliRun run = RunAimsgate({"eval", (dir / "card.json").string(), "--format", "json",
                                           "-o", (dir / "report.json").string()});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(ReadFile(dir / "report.json"), "the previous report\n");
  EXPECT_EQ(FilesIn(dir), (std::vector<std::string>{"card.json", "report.json"}));
  fs::remove_all(dir);
}

TEST(OutputIntegrity, AWriteThatFailsRemovesItsTemporaryFile) {
  const fs::path dir = FreshDir("write-fails");
  ASSERT_TRUE(WriteFile(dir / "report.json", "the previous report\n"));
  // A file-size limit of 64 KiB makes the write of a 1 MiB report fail part-way (EFBIG).
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {
      64 << 10, 64 << 10
    };
    setrlimit(RLIMIT_FSIZE, &limit);
    const Status s =
        cli::WriteFileAtomically((dir / "report.json").string(), std::string(1 << 20, 'x'));
    _exit(s.ok() ? 0 : 2);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2) << "the write must fail";
  EXPECT_EQ(ReadFile(dir / "report.json"), "the previous report\n");
  EXPECT_EQ(FilesIn(dir), (std::vector<std::string>{"report.json"}));
  fs::remove_all(dir);
}

// Forks a child that writes a large report to dir/report.json, waits until its temporary file
// exists (so the child is writing), sends `signal_number`, and checks what is left.
void InterruptWhileWriting(int signal_number, const std::string& name) {
  const fs::path dir = FreshDir(name);
  ASSERT_TRUE(WriteFile(dir / "report.json", "the previous report\n"));
  const std::string contents(128u << 20, 'r');  // large enough to take a while to write
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const Status s = cli::WriteFileAtomically((dir / "report.json").string(), contents);
    _exit(s.ok() ? 0 : 2);
  }
  bool saw_temp = false;
  for (int i = 0; i < 20000 && !saw_temp; ++i) {  // bounded: at most about 20 s
    for (const std::string& f : FilesIn(dir)) saw_temp = saw_temp || f != "report.json";
    if (!saw_temp) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(child, signal_number);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(saw_temp) << "the child never created its temporary file";
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished writing before the signal came; "
                                      "exit status "
                                   << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), signal_number) << "dies of the signal it was sent";
  EXPECT_EQ(ReadFile(dir / "report.json"), "the previous report\n") << "not clobbered";
  EXPECT_EQ(FilesIn(dir), (std::vector<std::string>{"report.json"})) << "no temporary file left";
  fs::remove_all(dir);
}

TEST(OutputIntegrity, SigtermWhileWritingLeavesNoPartialOrTemporaryFile) {
  InterruptWhileWriting(SIGTERM, "sigterm");
}

TEST(OutputIntegrity, SigintWhileWritingLeavesNoPartialOrTemporaryFile) {
  InterruptWhileWriting(SIGINT, "sigint");
}

TEST(OutputIntegrity, TheHandlersAreRemovedOnceTheReportIsWritten) {
  const fs::path dir = FreshDir("handlers");
  ASSERT_TRUE(cli::WriteFileAtomically((dir / "report.json").string(), "whole\n").ok());
  struct sigaction current {};
  sigaction(SIGTERM, nullptr, &current);
  EXPECT_EQ(current.sa_handler, SIG_DFL);
  EXPECT_EQ(ReadFile(dir / "report.json"), "whole\n");
  EXPECT_EQ(FilesIn(dir), (std::vector<std::string>{"report.json"}));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace aimsgate
