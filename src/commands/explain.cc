// aimsgate explain: one control in full: purpose, citations with their registry titles,
// crosswalk, severity, evidence kinds, the evidence fields its check reads (traced while
// running the pack's own cases), params and remediation tasks.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <filesystem>

#include "aimsgate/pack_lint.h"
#include "aimsgate/pack_tests.h"
#include "aimsgate/registry.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace aimsgate::cli {
namespace {

// What explain shows besides the ControlInfo: the traced reads, and where they came from.
struct Traced {
  bool done = false;
  std::string tests_dir;
  size_t cases = 0;
  std::map<std::string, std::set<std::string>> reads;  // by evidence kind
};

void PrintText(const PackInfo& pack, const ControlInfo& c, const Traced& traced,
               std::ostream& out) {
  out << c.id << "  " << c.title << "\n";
  out << "severity " << ToString(c.severity) << ", applies to ";
  for (size_t i = 0; i < c.applies_to.size(); ++i) out << (i ? ", " : "") << c.applies_to[i];
  out << "; pack " << pack.id << " " << pack.version << ", " << c.file << ":" << c.line << "\n";
  if (!c.description.empty()) out << "\n" << c.description << "\n";
  out << "\ncites:\n";
  for (const std::string& id : c.citations) {
    const std::string title = Iso42001Title(id);
    out << "  " << id << (title.empty() ? "" : "  " + title) << "\n";
  }
  if (!c.crosswalk.empty()) {
    out << "crosswalk:\n";
    for (const auto& [framework, refs] : c.crosswalk) {
      out << "  " << framework << ":";
      for (size_t i = 0; i < refs.size(); ++i) out << (i ? ", " : " ") << refs[i];
      out << "\n";
    }
  }
  out << "evidence read:";
  if (!traced.done) {
    out << " not traced (no test cases; give --tests DIR)\n";
  } else {
    out << " traced over " << traced.cases << " cases of " << traced.tests_dir << "\n";
    if (traced.reads.empty()) out << "  (none: no case evaluated this control)\n";
    for (const auto& [kind, pointers] : traced.reads) {
      out << "  " << kind << ":\n";
      for (const std::string& p : pointers) out << "    " << p << "\n";
    }
  }
  if (!c.params.empty() || !pack.params.empty()) {
    out << "params (current values):\n";
    for (const auto& [name, value] : c.params)
      out << "  " << name << " = " << ParamToString(value) << "\n";
    for (const auto& [name, value] : pack.params) {
      if (!c.params.count(name))
        out << "  " << name << " = " << ParamToString(value) << "  (pack-wide)\n";
    }
  }
  out << "remediation:\n";
  for (const RemediationSpec& r : c.remediation) {
    out << "  " << r.key << "  " << r.title << "  (owner: " << r.owner << ")\n";
  }
}

void PrintJson(const PackInfo& pack, const ControlInfo& c, const Traced& traced,
               std::ostream& out) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  auto str = [&](const std::string& s) {
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  };
  auto param = [&](const ParamValue& v) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, bool>) {
            w.Bool(x);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            w.Int64(x);
          } else if constexpr (std::is_same_v<T, double>) {
            w.Double(x);
          } else {
            str(x);
          }
        },
        v);
  };
  w.StartObject();
  w.Key("id"), str(c.id);
  w.Key("title"), str(c.title);
  w.Key("description"), str(c.description);
  w.Key("severity"), str(std::string(ToString(c.severity)));
  w.Key("applies_to"), w.StartArray();
  for (const std::string& k : c.applies_to) str(k);
  w.EndArray();
  w.Key("pack"), w.StartObject(), w.Key("id"), str(pack.id), w.Key("version"), str(pack.version);
  w.EndObject();
  w.Key("source"), w.StartObject(), w.Key("file"), str(c.file), w.Key("line"), w.Uint(c.line);
  w.EndObject();
  w.Key("citations"), w.StartArray();
  for (const std::string& id : c.citations) {
    w.StartObject(), w.Key("id"), str(id), w.Key("title"), str(Iso42001Title(id)), w.EndObject();
  }
  w.EndArray();
  w.Key("crosswalk"), w.StartObject();
  for (const auto& [framework, refs] : c.crosswalk) {
    w.Key(framework.c_str()), w.StartArray();
    for (const std::string& r : refs) str(r);
    w.EndArray();
  }
  w.EndObject();
  w.Key("reads");
  if (traced.done) {
    w.StartObject(), w.Key("traced_cases"), w.Uint64(traced.cases), w.Key("pointers"),
        w.StartObject();
    for (const auto& [kind, pointers] : traced.reads) {
      w.Key(kind.c_str()), w.StartArray();
      for (const std::string& p : pointers) str(p);
      w.EndArray();
    }
    w.EndObject(), w.EndObject();
  } else {
    w.Null();
  }
  w.Key("params"), w.StartObject();
  for (const auto& [name, value] : c.params) w.Key(name.c_str()), param(value);
  w.EndObject();
  w.Key("pack_params"), w.StartObject();
  for (const auto& [name, value] : pack.params) {
    if (!c.params.count(name)) w.Key(name.c_str()), param(value);
  }
  w.EndObject();
  w.Key("remediation"), w.StartArray();
  for (const RemediationSpec& r : c.remediation) {
    w.StartObject(), w.Key("key"), str(r.key), w.Key("title"), str(r.title), w.Key("owner"),
        str(r.owner);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << "\n";
}

}  // namespace

int RunExplain(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "pack", po::value<std::vector<std::string>>()->composing(),
      "pack directory (default: the bundled ISO/IEC 42001 pack)")(
      "tests", po::value<std::string>(),
      "the cases to trace evidence reads with (default: the pack's tests/)")(
      "format,f", po::value<std::string>()->default_value("text"), "text or json")(
      "id", po::value<std::string>(), "the control id");
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("explain", args, options, positional, &vm, io, &exit_code)) return exit_code;
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") {
    io.err << "aimsgate explain: error: --format must be text or json\n";
    return kExitInvalid;
  }
  if (!vm.count("id")) {
    io.err << "aimsgate explain: error: which control? usage: aimsgate explain ID [--pack DIR]\n";
    return kExitInvalid;
  }
  const std::string id = vm["id"].as<std::string>();

  Engine engine;
  std::vector<std::string> dirs;
  if (vm.count("pack")) dirs = vm["pack"].as<std::vector<std::string>>();
  if (!LoadPackOrReport(engine, dirs, "explain", io, &exit_code)) return exit_code;
  const PackInfo& pack = engine.pack();
  const ControlInfo* control = pack.FindControl(id);
  if (control == nullptr) {
    std::string hint;
    for (const std::string& near : SimilarControlIds(pack, id))
      hint += (hint.empty() ? " (did you mean " : ", ") + near;
    io.err << "aimsgate explain: error: pack " << pack.id << " has no control '" << id << "'"
           << (hint.empty() ? "" : hint + "?)") << "\n";
    return kExitInvalid;
  }

  Traced traced;
  if (vm.count("tests")) {
    traced.tests_dir = vm["tests"].as<std::string>();
  } else if (dirs.size() == 1) {
    traced.tests_dir = (std::filesystem::path(dirs.front()) / "tests").string();
  }
  std::error_code ec;
  if (!traced.tests_dir.empty() &&
      (vm.count("tests") || std::filesystem::is_directory(traced.tests_dir, ec))) {
    PackReads reads;
    Result<PackTestResult> run = RunPackTests(engine, traced.tests_dir, &reads);
    if (!run.ok()) {
      PrintStatus(run.status(), "explain", io.err);
      return kExitInvalid;
    }
    traced.done = true;
    traced.cases = run->cases.size();
    traced.reads = reads[control->id];
  }
  if (format == "json") {
    PrintJson(pack, *control, traced, io.out);
  } else {
    PrintText(pack, *control, traced, io.out);
  }
  return kExitPass;
}

}  // namespace aimsgate::cli
