// Report writers: one file per format. Each renders a Report and knows nothing of Lua or of
// how the report was made. Output is deterministic: the same report gives the same bytes.
//
// Commands render through Render(format, ...) and list formats with Formats(); adding a
// format is one writer file plus one line in formats.cc.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include "aimsgate/pack.h"
#include "aimsgate/report.h"

namespace aimsgate::report {

// What a writer may use beyond the report. Every member is optional.
struct RenderOptions {
  bool color = false;              // ANSI colour in the text report; only on a terminal
  const PackInfo* pack = nullptr;  // the pack evaluated: SARIF lists its controls as rules
};

struct TextOptions {
  bool color = false;  // ANSI colour; only on a terminal
};

// For people: grouped by status, blocking findings first, summary and gate last.
void WriteText(const Report& report, const TextOptions& options, std::ostream& out);

// The contract: schemas/report.schema.json.
void WriteJson(const Report& report, std::ostream& out);

// For an auditor: one self-contained page (inline CSS, script and SVG; no network requests)
// with the gate, a summary, a clause-by-status heat map, filterable findings and the tasks.
void WriteHtml(const Report& report, std::ostream& out);

// SARIF 2.1.0 for code scanning: one rule per control, one result per violation.
void WriteSarif(const Report& report, const RenderOptions& options, std::ostream& out);

// JUnit XML for CI test views: one testsuite per evidence document, one testcase per finding.
void WriteJunit(const Report& report, std::ostream& out);

// GitHub Actions workflow commands: an annotation per finding that needs attention.
void WriteGithub(const Report& report, std::ostream& out);

// A pull-request comment in GitHub-flavoured Markdown.
void WriteMarkdown(const Report& report, std::ostream& out);

// RFC 4180 CSV, one row per finding, safe to open in a spreadsheet.
void WriteCsv(const Report& report, std::ostream& out);

// A format a command can render, e.g. {"sarif", "SARIF 2.1.0 for code scanning"}.
struct FormatInfo {
  std::string_view name;
  std::string_view summary;
};

// Every known format, in the order help and docs list them.
const std::vector<FormatInfo>& Formats();

// The known format names, comma-separated: "text, json, sarif, ...". For usage messages.
std::string FormatNames();

// Renders `report` as `format` to `out`. Returns false (writing nothing) when the format is
// unknown.
[[nodiscard]] bool Render(std::string_view format, const Report& report,
                          const RenderOptions& options, std::ostream& out);

}  // namespace aimsgate::report
