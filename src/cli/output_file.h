// Writing a report to a path whole or not at all: the text goes to a temporary file beside the
// target, which is renamed over it only once everything was written and flushed.
#pragma once

#include <string>

#include "aimsgate/status.h"

namespace aimsgate::cli {

Status WriteFileAtomically(const std::string& path, const std::string& contents);

}  // namespace aimsgate::cli
