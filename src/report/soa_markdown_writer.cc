#include "report/soa_writers.h"

namespace aimsgate::report {
namespace {

// A table cell: pipes escaped, line breaks as <br>.
std::string Cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

}  // namespace

void WriteSoaMarkdown(const StatementOfApplicability& soa, std::ostream& out) {
  out << "# Statement of Applicability\n\n";
  out << "Pack " << soa.pack_id << " " << soa.pack_version << ", as of " << soa.as_of;
  if (!soa.organization.empty()) {
    out << ", organisation " << soa.organization << " (" << soa.organization_path << ")";
  }
  out << ".\n\n";
  if (!soa.note.empty()) out << "**" << Cell(soa.note) << ".**\n\n";
  out << "| Control | Title | Applicability | Justification | Declared | Implementation | Evidence "
         "|\n";
  out << "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const SoaRow& row : soa.rows) {
    std::string evidence;
    for (size_t i = 0; i < row.evidence.size(); ++i) {
      evidence += (i ? "<br>" : "") + std::string(ToString(row.statuses[i])) + " `" +
                  SoaLocation(row.evidence[i]) + "`";
    }
    out << "| " << row.control << " | " << Cell(row.title) << " | " << ToString(row.applicability)
        << " | " << Cell(row.justification) << " | " << Cell(row.declared) << " | "
        << ToString(row.implementation) << " | " << evidence << " |\n";
  }
  bool heading = false;
  for (const SoaRow& row : soa.rows) {
    if (row.note.empty()) continue;
    if (!heading) out << "\n## Notes\n\n";
    heading = true;
    out << "- " << row.control << ": " << row.note;
    if (!row.entry.path.empty()) out << " (`" << SoaLocation(row.entry) << "`)";
    out << "\n";
  }
}

}  // namespace aimsgate::report
