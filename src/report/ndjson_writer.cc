// NDJSON: one compact JSON object per line, written as each document completes (docs/cli.md).
// A finding and a task have the shape they have in the JSON report (report/json_fields.h).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "report/json_fields.h"
#include "report/ndjson.h"

namespace aimsgate::report {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using namespace json;  // NOLINT: the shared field writers

void EndLine(rapidjson::StringBuffer& buffer, std::ostream& out) {
  out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
  out.put('\n');
}

}  // namespace

std::string NdjsonDocumentLine(const DocumentResult& result) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  const Evidence& ev = *result.evidence;
  w.StartObject();
  Field(w, "type", "document");
  w.Key("index");
  w.Uint64(result.index);
  w.Key("evidence");
  w.StartObject();
  Field(w, "path", ev.path);
  w.Key("line");
  w.Uint(ev.tree.line(ev.tree.root()));
  Field(w, "kind", ev.kind);
  Field(w, "id", ev.id);
  Field(w, "digest", ev.digest);
  w.EndObject();
  WriteStatusCounts(w, result.report);
  w.Key("blocking");
  w.Uint(result.report.gate.blocking);
  WriteFindingsAndTasks(w, result.report);
  w.EndObject();
  std::string line(buffer.GetString(), buffer.GetSize());
  line += '\n';
  return line;
}

void WriteNdjsonRunSummary(const Report& totals, uint64_t documents, std::ostream& out) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Field(w, "type", "summary");
  WriteReportHeader(w, totals);
  w.Key("documents");
  w.Uint64(documents);
  WriteStatusCounts(w, totals);
  WriteGate(w, totals);
  WriteFindingsAndTasks(w, totals);
  w.EndObject();
  EndLine(buffer, out);
}

}  // namespace aimsgate::report
