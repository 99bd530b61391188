#include "cli/cli.h"

#include <exception>
#include <ostream>

#include "aimsgate/engine.h"
#include "aimsgate/lua_api.h"
#include "cli/commands.h"

namespace aimsgate::cli {
namespace {

constexpr const char* kUsage =
    "aimsgate: evaluate AI management system evidence against ISO/IEC 42001 policy packs\n"
    "\n"
    "usage: aimsgate <command> [options]\n"
    "\n"
    "commands:\n"
    "  eval FILE|DIR...   evaluate evidence and gate on the findings\n"
    "  compare FILE...    rank vendor questionnaires: scores, risk tiers, reasons\n"
    "  import FORMAT FILE convert a CycloneDX ML-BOM or Model Card Toolkit file into model cards\n"
    "  controls           list the controls of a pack\n"
    "  soa FILE|DIR...    the Statement of Applicability: each Annex A control's applicability\n"
    "                     and implementation\n"
    "  test [PACK]        run a pack's own test cases (PACK/tests/)\n"
    "  validate FILE...   check evidence against its kind's schema\n"
    "  check [PACK]       lint a pack without evaluating evidence\n"
    "  explain ID         what one control checks, cites, reads and asks to fix\n"
    "  version            print the version\n"
    "\n"
    "Run 'aimsgate <command> --help' for a command's options.\n";

}  // namespace

int RunCli(const std::vector<std::string>& args, Io& io) {
  try {
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
      (args.empty() ? io.err : io.out) << kUsage;
      return args.empty() ? kExitInvalid : kExitPass;
    }
    const std::string& command = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "eval") return RunEval(rest, io);
    if (command == "compare") return RunCompare(rest, io);
    if (command == "controls") return RunControls(rest, io);
    if (command == "test") return RunTest(rest, io);
    if (command == "validate") return RunValidate(rest, io);
    if (command == "import") return RunImport(rest, io);
    if (command == "soa") return RunSoa(rest, io);
    if (command == "lua-api") {  // hidden: regenerates docs/lua-api.md
      io.out << LuaApiReference();
      return kExitPass;
    }
    if (command == "check") return RunCheck(rest, io);
    if (command == "explain") return RunExplain(rest, io);
    if (command == "version" || command == "--version") {
      io.out << "aimsgate " << Version() << "\n";
      return kExitPass;
    }
    io.err << "aimsgate: error: unknown command '" << command << "'\n\n" << kUsage;
    return kExitInvalid;
  } catch (const std::exception& e) {
    io.err << "aimsgate: internal error: " << e.what() << "\n";
    return kExitInternal;
  } catch (...) {
    io.err << "aimsgate: internal error\n";
    return kExitInternal;
  }
}

}  // namespace aimsgate::cli
