// aimsgate test: run a pack's own cases (PACK/tests/) and report each failing one.
#include <filesystem>

#include "aimsgate/pack_tests.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace aimsgate::cli {

int RunTest(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "verbose,v", "list every case, not only the failing ones")(
      "pack", po::value<std::string>()->default_value("."), "the pack directory");
  po::positional_options_description positional;
  positional.add("pack", 1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("test", args, options, positional, &vm, io, &exit_code)) return exit_code;

  const std::string dir = vm["pack"].as<std::string>();
  Result<PackSource> source = PackSource::FromDirectory(dir);
  if (!source.ok()) {
    PrintStatus(source.status(), "test", io.err);
    return kExitInvalid;
  }
  Engine engine;
  if (Status s = engine.LoadPack(*source); !s.ok()) {
    PrintStatus(s, "test", io.err);
    return kExitInvalid;
  }
  for (const Diagnostic& d : engine.warnings()) io.err << d.ToString() << "\n";
  Result<PackTestResult> result =
      RunPackTests(engine, (std::filesystem::path(dir) / "tests").string());
  if (!result.ok()) {
    PrintStatus(result.status(), "test", io.err);
    return kExitInvalid;
  }
  for (const PackTestCase& c : result->cases) {
    if (c.passed && !vm.count("verbose")) continue;
    io.out << (c.passed ? "ok   " : "FAIL ") << c.path
           << (c.description.empty() ? "" : "  (" + c.description + ")") << "\n";
    for (const std::string& p : c.problems) io.out << "     " << p << "\n";
  }
  io.out << "pack " << engine.pack().id << " " << engine.pack().version << ": "
         << result->cases.size() << " cases\n";
  io.out << result->passed() << " passed, " << result->failed() << " failed\n";
  return result->failed() == 0 ? kExitPass : kExitFail;
}

}  // namespace aimsgate::cli
