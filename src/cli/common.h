// What several commands share: printing located diagnostics, choosing the pack, and
// parsing options with Boost.Program_options into a uniform usage error.
#pragma once

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/status.h"
#include "cli/cli.h"

namespace aimsgate::cli {

namespace po = boost::program_options;

// Prints `status` to `err`: "aimsgate <command>: error: message" when it has no diagnostics,
// else a "aimsgate <command>: <message>:" heading (when it adds something) and one located
// diagnostic per line.
void PrintStatus(const Status& status, const std::string& command, std::ostream& err);

// Prints `status` as PrintStatus does and returns the exit code it calls for: 3 (kExitInternal)
// for an internal error, else 2 (kExitInvalid).
int FailWith(const Status& status, const std::string& command, std::ostream& err);

// Loads the packs of --pack (or the bundled one) into `engine`, merged when there are several,
// printing its warnings and, on failure, its errors. Returns false when the command should stop
// with exit code 2 (or 3).
bool LoadPackOrReport(Engine& engine, const std::vector<std::string>& dirs,
                      const std::string& command, Io& io, int* exit_code);

// The pack from --pack DIR, or the bundled ISO/IEC 42001 pack when `dirs` is empty.
Result<PackSource> ResolvePack(const std::vector<std::string>& dirs);

// Warns on `err` about every waiver of the run that did not apply (unmatched, expired, not
// approved), at its file:line.
void PrintWaiverWarnings(const Report& report, std::ostream& err);

// The packs of --pack DIR... (several load merged), or the bundled pack when `dirs` is empty.
Result<std::vector<PackSource>> ResolvePacks(const std::vector<std::string>& dirs);

// The evaluation date of --as-of, today (UTC) when it is absent. Returns "" or, when it is not a
// date, the usage message.
std::string ReadAsOf(const po::variables_map& vm, std::string* as_of);

// The worker count of --jobs, the machine's cores when it is absent. Returns "" or, for 0, the
// usage message.
std::string ReadJobs(const po::variables_map& vm, unsigned* jobs);

// Parses `args` against `options` (and positionals), printing a usage error to io.err on
// failure. Returns false when the command should stop with `*exit_code`.
bool ParseOptions(const std::string& command, const std::vector<std::string>& args,
                  const po::options_description& options,
                  const po::positional_options_description& positional, po::variables_map* vm,
                  Io& io, int* exit_code);

}  // namespace aimsgate::cli
