// aimsgate controls: list a pack's controls with their citations, severity and evidence kinds.
#include "aimsgate/engine.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace aimsgate::cli {

int RunControls(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "pack", po::value<std::vector<std::string>>()->composing(),
      "pack directory (default: the bundled ISO/IEC 42001 pack)");
  po::positional_options_description positional;
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("controls", args, options, positional, &vm, io, &exit_code)) return exit_code;

  Engine engine;
  std::vector<std::string> dirs;
  if (vm.count("pack")) dirs = vm["pack"].as<std::vector<std::string>>();
  if (!LoadPackOrReport(engine, dirs, "controls", io, &exit_code)) return exit_code;
  const PackInfo& pack = engine.pack();
  io.out << pack.id << " " << pack.version << "  " << pack.title << "  (" << pack.controls.size()
         << " controls)\n";
  for (const ControlInfo& c : pack.controls) {
    std::string cites, kinds;
    for (const std::string& s : c.citations) cites += (cites.empty() ? "" : ",") + s;
    for (const std::string& s : c.applies_to) kinds += (kinds.empty() ? "" : ",") + s;
    io.out << "  " << c.id << "  " << c.title << "  [" << ToString(c.severity) << "]  cites "
           << cites << "  on " << kinds << "\n";
    if (!c.switched_off.empty()) io.out << "    " << c.switched_off << "\n";
  }
  return kExitPass;
}

}  // namespace aimsgate::cli
