// aimsgate test: run a pack's own cases (PACK/tests/), show each expectation that did not hold
// as a diff, and optionally how much of the pack the cases cover.
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "aimsgate/pack_tests.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace aimsgate::cli {
namespace {

std::string Percent(double p) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", p);
  return buffer;
}

// "- expected" and "+ actual" lines; the actual side's further lines are its violations.
void PrintMismatch(const PackTestCase& c, const PackTestMismatch& m, std::ostream& out) {
  out << "FAIL " << c.path << ":" << m.line << "  " << m.key
      << (c.description.empty() ? "" : "  (" + c.description + ")") << "\n";
  out << "  - " << m.expected << "\n";
  std::istringstream actual(m.actual);
  std::string line;
  for (bool first = true; std::getline(actual, line); first = false) {
    out << (first ? "  + " : "  +   ") << line << "\n";
  }
}

void PrintCoverage(const PackCoverage& coverage, std::ostream& out) {
  constexpr FindingStatus kShown[] = {FindingStatus::kPass, FindingStatus::kFail,
                                      FindingStatus::kInsufficientEvidence,
                                      FindingStatus::kNotApplicable, FindingStatus::kError};
  size_t width = 7;
  for (const ControlCoverage& c : coverage.controls) width = std::max(width, c.id.size());
  bool header = false;
  for (const ControlCoverage& c : coverage.controls) {
    if (c.both_ways()) continue;
    if (!header) {
      out << "not covered both ways (cases per status):\n  " << std::left
          << std::setw(static_cast<int>(width)) << "control";
      for (FindingStatus s : kShown) out << "  " << ToString(s);
      out << "\n";
      header = true;
    }
    std::ostringstream row;
    row << "  " << std::left << std::setw(static_cast<int>(width)) << c.id;
    for (FindingStatus s : kShown) {
      row << "  " << std::left << std::setw(static_cast<int>(ToString(s).size()))
          << c.cases[static_cast<size_t>(s)];
    }
    std::string text = row.str();
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << "\n";
  }
  std::array<uint32_t, kFindingStatusCount> totals{};
  for (const ControlCoverage& c : coverage.controls) {
    for (size_t i = 0; i < totals.size(); ++i) totals[i] += c.cases[i];
  }
  out << "cases per status:";
  for (FindingStatus s : kShown) out << " " << ToString(s) << " " << totals[static_cast<size_t>(s)];
  out << "\n";
  out << "coverage: controls " << coverage.covered() << "/" << coverage.controls.size() << " ("
      << Percent(coverage.covered_percent()) << "), control x {pass, fail/insufficient} "
      << Percent(coverage.both_ways_percent()) << "\n";
}

}  // namespace

int RunTest(const std::vector<std::string>& args, Io& io) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("verbose,v",
                                                    "list every case, not only the failing ones")(
      "coverage", "report which controls and statuses the cases exercise")(
      "min-coverage", po::value<double>(),
      "fail (exit 1) when control x {pass, fail/insufficient} coverage is under PCT")(
      "pack", po::value<std::string>()->default_value("."), "the pack directory");
  po::positional_options_description positional;
  positional.add("pack", 1);
  po::variables_map vm;
  int exit_code = kExitPass;
  if (!ParseOptions("test", args, options, positional, &vm, io, &exit_code)) return exit_code;
  std::optional<double> min_coverage;
  if (vm.count("min-coverage")) {
    min_coverage = vm["min-coverage"].as<double>();
    if (*min_coverage < 0 || *min_coverage > 100) {
      io.err << "aimsgate test: error: --min-coverage must be a percentage from 0 to 100\n";
      return kExitInvalid;
    }
  }

  // Whatever the loader makes of the pack (its base included, once packs extend others) is
  // what the cases run against.
  const std::string dir = vm["pack"].as<std::string>();
  Engine engine;
  if (!LoadPackOrReport(engine, {dir}, "test", io, &exit_code)) return exit_code;
  Result<PackTestResult> result =
      RunPackTests(engine, (std::filesystem::path(dir) / "tests").string());
  if (!result.ok()) {
    PrintStatus(result.status(), "test", io.err);
    return kExitInvalid;
  }
  for (const PackTestCase& c : result->cases) {
    if (c.passed) {
      if (vm.count("verbose")) {
        io.out << "ok   " << c.path << (c.description.empty() ? "" : "  (" + c.description + ")")
               << "\n";
      }
      continue;
    }
    if (!c.problems.empty()) {
      io.out << "FAIL " << c.path << (c.description.empty() ? "" : "  (" + c.description + ")")
             << "\n";
      for (const std::string& p : c.problems) io.out << "  " << p << "\n";
    }
    for (const PackTestMismatch& m : c.mismatches) PrintMismatch(c, m, io.out);
  }
  io.out << "pack " << engine.pack().id << " " << engine.pack().version << ": "
         << result->cases.size() << (result->cases.size() == 1 ? " case\n" : " cases\n");
  bool under = false;
  if (vm.count("coverage") || min_coverage) {
    PackCoverage coverage = ComputeCoverage(engine.pack(), *result);
    PrintCoverage(coverage, io.out);
    if (min_coverage && coverage.both_ways_percent() + 1e-9 < *min_coverage) {
      under = true;
      io.out << "coverage " << Percent(coverage.both_ways_percent()) << " is under --min-coverage "
             << Percent(*min_coverage) << "\n";
    }
  }
  io.out << result->passed() << " passed, " << result->failed() << " failed\n";
  return result->failed() == 0 && !under ? kExitPass : kExitFail;
}

}  // namespace aimsgate::cli
