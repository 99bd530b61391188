// Remediation tasks exported for a tracker import (eval --tasks-out): one row per task, already
// de-duplicated by the engine (a task that fixes several findings lists all of them).
#pragma once

#include <ostream>
#include <string>

#include "aimsgate/report.h"
#include "aimsgate/status.h"

namespace aimsgate::report {

// "csv" or "json": `format` when given, else from the extension of `path` (.csv, .json).
Result<std::string> TasksFormatFor(const std::string& path, const std::string& format);

// Writes report.tasks as `format` ("csv" or "json"). Columns/keys: id, title, control, owner,
// priority, due, subjects, findings, description. CSV is RFC 4180 (quoted where needed,
// CRLF line ends, lists joined with "; ").
void WriteTasks(const Report& report, const std::string& format, std::ostream& out);

}  // namespace aimsgate::report
