// Where the reports of one `eval` run go: the primary report (--format / -o) and every
// --report FORMAT=PATH. The report is evaluated once and rendered once per target.
#pragma once

#include <string>
#include <vector>

#include "aimsgate/pack.h"
#include "aimsgate/report.h"
#include "cli/cli.h"

namespace aimsgate::cli {

// One report to write: `path` "-" is standard output.
struct ReportTarget {
  std::string format;
  std::string path;
};

// The targets of a run, checked: known formats, `FORMAT=PATH` specs, at most one target on
// standard output, no path named twice. On a problem returns false with `*error` set (a
// usage error). `primary_path` is -o's value, or "-" without it.
bool PlanReportTargets(const std::string& primary_format, const std::string& primary_path,
                       const std::vector<std::string>& report_specs,
                       std::vector<ReportTarget>* targets, std::string* error);

// How the text report is coloured: "auto", "always" or "never" (already checked).
struct ColorChoice {
  std::string when = "auto";
  bool no_color_env = false;  // NO_COLOR is set
};

// Renders `report` once per target and writes it: files atomically (whole or not at all),
// "-" to io.out. Returns false after printing the problem to io.err when a file cannot be
// written; the other targets are still written.
bool WriteReportTargets(const std::vector<ReportTarget>& targets, const Report& report,
                        const PackInfo& pack, const ColorChoice& color, Io& io);

}  // namespace aimsgate::cli
