// CSV per RFC 4180: a header row, then one row per finding in report order. Records end in
// CRLF (the RFC's line break; spreadsheets and CSV libraries read it); a line break inside a
// field is kept as it is, within quotes. A field is quoted when it holds , " CR or LF, with "
// doubled. Against formula injection (OWASP), a field starting with = + - @ tab or CR gets a
// leading apostrophe, so a spreadsheet shows it as text instead of running it.
#include "report/csv_writer.h"

#include "report/finding_text.h"
#include "report/writers.h"

namespace aimsgate::report {

std::string CsvField(std::string_view value) {
  std::string text(value);
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    text.insert(0, 1, '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteCsv(const Report& r, std::ostream& out) {
  static constexpr const char* kHeader[] = {
      "control",       "title",       "status",    "original_status",
      "severity",      "enforcement", "blocking",  "evidence_path",
      "evidence_kind", "evidence_id", "pointer",   "line",
      "column",        "message",     "citations", "tasks"};
  auto row = [&](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << CsvField(fields[i]);
    out << "\r\n";
  };
  row(std::vector<std::string>(std::begin(kHeader), std::end(kHeader)));
  for (const Finding& f : r.findings) {
    const Place place = PrimaryPlace(f);
    row({f.control, f.title, std::string(ToString(f.status)),
         f.waiver ? std::string(ToString(f.waiver->original_status)) : "",
         std::string(ToString(f.severity)), std::string(ToString(f.enforcement)),
         f.blocking ? "true" : "false", place.path, f.evidence ? f.evidence->kind : "",
         f.evidence ? f.evidence->id : "", place.pointer,
         place.line > 0 ? std::to_string(place.line) : "",
         place.line > 0 ? std::to_string(place.column) : "", f.message, Join(f.citations, ";"),
         Join(f.tasks, ";")});
  }
}

}  // namespace aimsgate::report
