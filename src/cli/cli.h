// The aimsgate command line as a library: RunCli is main() without the process, so tests can
// run any command in-process and compare its output and exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace aimsgate::cli {

// Exit codes of every command (ARCHITECTURE.md).
inline constexpr int kExitPass = 0;      // the gate passed
inline constexpr int kExitFail = 1;      // the gate failed
inline constexpr int kExitInvalid = 2;   // bad usage or bad input
inline constexpr int kExitInternal = 3;  // a bug or an environment failure

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;  // colour is used only on a terminal
};

// Runs `args` (without the program name). Never throws.
int RunCli(const std::vector<std::string>& args, Io& io);

}  // namespace aimsgate::cli
