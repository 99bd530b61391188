#include "commands/eval_outputs.h"

#include <set>
#include <sstream>

#include "cli/common.h"
#include "cli/output_file.h"
#include "report/writers.h"

namespace aimsgate::cli {
namespace {

bool KnownFormat(const std::string& format) {
  for (const report::FormatInfo& f : report::Formats()) {
    if (f.name == format) return true;
  }
  return false;
}

}  // namespace

bool PlanReportTargets(const std::string& primary_format, const std::string& primary_path,
                       const std::vector<std::string>& report_specs,
                       std::vector<ReportTarget>* targets, std::string* error) {
  const std::string known = " (" + report::FormatNames() + ")";
  if (!KnownFormat(primary_format)) {
    *error = "unknown --format '" + primary_format + "'" + known;
    return false;
  }
  targets->push_back({primary_format, primary_path});
  for (const std::string& spec : report_specs) {
    const size_t equals = spec.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size()) {
      *error = "--report '" + spec + "' must be FORMAT=PATH (PATH '-' is standard output)";
      return false;
    }
    const std::string format = spec.substr(0, equals);
    if (!KnownFormat(format)) {
      *error = "unknown format '" + format + "' in --report '" + spec + "'" + known;
      return false;
    }
    targets->push_back({format, spec.substr(equals + 1)});
  }
  std::set<std::string> paths;
  for (const ReportTarget& t : *targets) {
    if (paths.insert(t.path).second) continue;
    *error = t.path == "-" ? "only one report can go to standard output; give the others a path "
                             "(-o PATH, --report FORMAT=PATH)"
                           : "two reports would be written to '" + t.path + "'";
    return false;
  }
  return true;
}

bool WriteReportTargets(const std::vector<ReportTarget>& targets, const Report& report,
                        const PackInfo& pack, const ColorChoice& color, Io& io) {
  bool ok = true;
  for (const ReportTarget& t : targets) {
    const bool to_stdout = t.path == "-";
    report::RenderOptions options;
    options.pack = &pack;
    options.color = color.when == "always" || (color.when == "auto" && to_stdout &&
                                               io.out_is_terminal && !color.no_color_env);
    std::ostringstream rendered;
    if (!report::Render(t.format, report, options, rendered)) {
      // PlanReportTargets accepted only known formats.
      io.err << "aimsgate eval: internal error: no writer for format '" << t.format << "'\n";
      ok = false;
      continue;
    }
    if (to_stdout) {
      io.out << rendered.str();
    } else if (Status s = WriteFileAtomically(t.path, rendered.str()); !s.ok()) {
      PrintStatus(s, "eval", io.err);
      ok = false;
    }
  }
  return ok;
}

}  // namespace aimsgate::cli
