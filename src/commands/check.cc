// aimsgate check: lint a pack without evaluating any evidence; every problem, located.
#include <filesystem>

#include "aimsgate/pack_lint.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace aimsgate::cli {

int RunCheck(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "pack", po::value<std::string>()->default_value("."), "the pack directory");
  po::positional_options_description positional;
  positional.add("pack", 1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("check", args, options, positional, &vm, io, &exit_code)) return exit_code;

  const std::string dir = vm["pack"].as<std::string>();
  Result<PackSource> source = PackSource::FromDirectory(dir);
  if (!source.ok()) {
    PrintStatus(source.status(), "check", io.err);
    return kExitInvalid;
  }
  Result<PackLint> lint = LintPack(*source, (std::filesystem::path(dir) / "tests").string());
  if (!lint.ok()) {
    return FailWith(lint.status(), "check", io.err);
  }
  for (const Diagnostic& d : lint->diagnostics) io.out << d.ToString() << "\n";
  const PackInfo& pack = lint->pack;
  auto plural = [](size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  io.out << "pack " << (pack.id.empty() ? dir : pack.id)
         << (pack.version.empty() ? "" : " " + pack.version) << ": "
         << plural(pack.controls.size(), "control") << ", " << plural(lint->errors(), "error")
         << ", " << plural(lint->warnings(), "warning") << "\n";
  return lint->errors() == 0 ? kExitPass : kExitInvalid;
}

}  // namespace aimsgate::cli
