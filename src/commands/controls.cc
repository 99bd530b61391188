// aimsgate controls: list a pack's controls with their citations, severity and evidence kinds.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "aimsgate/engine.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace aimsgate::cli {

int RunControls(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "pack", po::value<std::vector<std::string>>()->composing(),
      "pack directory (default: the bundled ISO/IEC 42001 pack)")(
      "format,f", po::value<std::string>()->default_value("text"), "text or json");
  po::positional_options_description positional;
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("controls", args, options, positional, &vm, io, &exit_code)) return exit_code;

  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") {
    io.err << "aimsgate controls: error: --format must be text or json\n";
    return kExitInvalid;
  }
  Engine engine;
  std::vector<std::string> dirs;
  if (vm.count("pack")) dirs = vm["pack"].as<std::vector<std::string>>();
  if (!LoadPackOrReport(engine, dirs, "controls", io, &exit_code)) return exit_code;
  const PackInfo& pack = engine.pack();
  if (format == "json") {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    auto str = [&](std::string_view v) {
      w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    };
    auto list = [&](const std::vector<std::string>& items) {
      w.StartArray();
      for (const std::string& i : items) str(i);
      w.EndArray();
    };
    w.StartObject();
    w.Key("pack"), w.StartObject(), w.Key("id"), str(pack.id), w.Key("version"), str(pack.version);
    w.Key("title"), str(pack.title), w.EndObject();
    w.Key("controls"), w.StartArray();
    for (const ControlInfo& c : pack.controls) {
      w.StartObject();
      w.Key("id"), str(c.id), w.Key("title"), str(c.title), w.Key("severity"),
          str(ToString(c.severity));
      w.Key("applies_to"), list(c.applies_to), w.Key("citations"), list(c.citations);
      w.EndObject();
    }
    w.EndArray(), w.EndObject();
    io.out << buffer.GetString() << "\n";
    return kExitPass;
  }
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
