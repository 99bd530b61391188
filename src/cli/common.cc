#include "cli/common.h"

#include <algorithm>
#include <thread>

#include "aimsgate/dates.h"

namespace aimsgate::cli {

void PrintStatus(const Status& status, const std::string& command, std::ostream& err) {
  const std::string prefix = "aimsgate " + command + ": ";
  if (status.diagnostics().empty()) {
    err << prefix << "error: " << status.message() << "\n";
    return;
  }
  const bool heading = status.diagnostics().size() > 1 ||
                       status.message() != status.diagnostics().front().ToString();
  if (heading) err << prefix << status.message() << ":\n";
  for (const Diagnostic& d : status.diagnostics()) err << d.ToString() << "\n";
}

int FailWith(const Status& status, const std::string& command, std::ostream& err) {
  PrintStatus(status, command, err);
  return status.code() == Status::Code::kInternal ? kExitInternal : kExitInvalid;
}

bool LoadPackOrReport(Engine& engine, const std::vector<std::string>& dirs,
                      const std::string& command, Io& io, int* exit_code) {
  Result<std::vector<PackSource>> sources = ResolvePacks(dirs);
  if (!sources.ok()) {
    PrintStatus(sources.status(), command, io.err);
    *exit_code = kExitInvalid;
    return false;
  }
  if (Status s = engine.LoadPacks(*sources); !s.ok()) {
    *exit_code = FailWith(s, command, io.err);
    return false;
  }
  for (const Diagnostic& d : engine.warnings()) io.err << d.ToString() << "\n";
  return true;
}

Result<PackSource> ResolvePack(const std::vector<std::string>& dirs) {
  if (dirs.empty()) return PackSource::Bundled();
  if (dirs.size() > 1) {
    return Status::InvalidInput("--pack: one pack at a time (several packs are not supported yet)");
  }
  return PackSource::FromDirectory(dirs.front());
}

void PrintWaiverWarnings(const Report& report, std::ostream& err) {
  for (const WaiverOutcome& w : report.waivers) {
    if (w.state == WaiverOutcome::State::kApplied) continue;
    Diagnostic d;
    d.severity = Diagnostic::Severity::kWarning;
    d.location.file = w.file;
    d.location.line = w.line;
    d.location.column = w.column;
    d.message = w.message;
    err << d.ToString() << "\n";
  }
}

Result<std::vector<PackSource>> ResolvePacks(const std::vector<std::string>& dirs) {
  if (dirs.empty()) return std::vector<PackSource>{PackSource::Bundled()};
  std::vector<PackSource> out;
  for (const std::string& dir : dirs) {
    Result<PackSource> source = PackSource::FromDirectory(dir);
    if (!source.ok()) return source.status();
    out.push_back(std::move(source).value());
  }
  return out;
}

std::string ReadAsOf(const po::variables_map& vm, std::string* as_of) {
  *as_of = vm.count("as-of") ? vm["as-of"].as<std::string>() : TodayUtc();
  return ParseDate(*as_of) ? "" : "--as-of '" + *as_of + "' is not a date (YYYY-MM-DD)";
}

std::string ReadJobs(const po::variables_map& vm, unsigned* jobs) {
  *jobs = vm.count("jobs") ? vm["jobs"].as<unsigned>()
                           : std::max(1u, std::thread::hardware_concurrency());
  return *jobs == 0 ? "--jobs must be at least 1" : "";
}

bool ParseOptions(const std::string& command, const std::vector<std::string>& args,
                  const po::options_description& options,
                  const po::positional_options_description& positional, po::variables_map* vm,
                  Io& io, int* exit_code) {
  try {
    po::store(
        po::command_line_parser(args)
            .options(options)
            .positional(positional)
            .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
            .run(),
        *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    io.err << "aimsgate " << command << ": error: " << e.what() << "\n"
           << "Run 'aimsgate " << command << " --help' for usage.\n";
    *exit_code = kExitInvalid;
    return false;
  }
  if (vm->count("help")) {
    io.out << "usage: aimsgate " << command << " [options]"
           << (positional.max_total_count() > 0 ? " FILE|DIR..." : "") << "\n\n"
           << options;
    *exit_code = kExitPass;
    return false;
  }
  return true;
}

}  // namespace aimsgate::cli
