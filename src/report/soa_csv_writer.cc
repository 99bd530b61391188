#include "report/soa_writers.h"

namespace aimsgate::report {
namespace {

std::string Field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string SoaLocation(const EvidenceRef& ref) {
  if (ref.path.empty()) return "";
  return ref.path + ":" + std::to_string(ref.line) + ":" + std::to_string(ref.column) + " " +
         (ref.pointer.empty() ? "(document)" : ref.pointer);
}

void WriteSoaCsv(const StatementOfApplicability& soa, std::ostream& out) {
  out << "control,title,applicability,justification,declared_implementation,implementation,"
         "soa_entry,evidence,note\r\n";
  for (const SoaRow& row : soa.rows) {
    std::string evidence;
    for (size_t i = 0; i < row.evidence.size(); ++i) {
      evidence += (i ? "; " : "") + std::string(ToString(row.statuses[i])) + " " +
                  SoaLocation(row.evidence[i]);
    }
    std::string note = row.note.empty() ? soa.note : row.note;
    out << Field(row.control) << ',' << Field(row.title) << ',' << ToString(row.applicability)
        << ',' << Field(row.justification) << ',' << Field(row.declared) << ','
        << ToString(row.implementation) << ',' << Field(SoaLocation(row.entry)) << ','
        << Field(evidence) << ',' << Field(note) << "\r\n";
  }
}

}  // namespace aimsgate::report
