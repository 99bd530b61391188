// One function per command; each file under commands/ defines one. Arguments exclude the
// program and command names. Each returns an exit code from cli.h.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.h"

namespace aimsgate::cli {

int RunEval(const std::vector<std::string>& args, Io& io);
int RunCompare(const std::vector<std::string>& args, Io& io);
int RunControls(const std::vector<std::string>& args, Io& io);
int RunImport(const std::vector<std::string>& args, Io& io);
int RunTest(const std::vector<std::string>& args, Io& io);
int RunValidate(const std::vector<std::string>& args, Io& io);
int RunSoa(const std::vector<std::string>& args, Io& io);
int RunCheck(const std::vector<std::string>& args, Io& io);
int RunExplain(const std::vector<std::string>& args, Io& io);

}  // namespace aimsgate::cli
