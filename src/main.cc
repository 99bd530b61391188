// The aimsgate program: the CLI library plus main().
#include <unistd.h>

#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  aimsgate::cli::Io io{std::cin, std::cout, std::cerr, isatty(STDOUT_FILENO) == 1};
  int code = aimsgate::cli::RunCli(args, io);
  std::cout.flush();
  return code;
}
