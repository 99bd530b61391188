// NDJSON: one compact JSON object per line, written as each document completes (docs/cli.md,
// schemas/ndjson.schema.json). A finding and a task have the shape they have in the JSON report.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "report/ndjson.h"

namespace aimsgate::report {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void String(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void Strings(Writer& w, const std::vector<std::string>& list) {
  w.StartArray();
  for (const std::string& s : list) String(w, s);
  w.EndArray();
}

void Location(Writer& w, const std::string& pointer, uint32_t line, uint32_t column, bool missing) {
  w.Key("pointer");
  String(w, pointer);
  w.Key("line");
  w.Uint(line);
  w.Key("column");
  w.Uint(column);
  w.Key("missing");
  w.Bool(missing);
}

void WriteFinding(Writer& w, const Finding& f) {
  w.StartObject();
  w.Key("control");
  String(w, f.control);
  w.Key("title");
  String(w, f.title);
  w.Key("status");
  String(w, ToString(f.status));
  w.Key("severity");
  String(w, ToString(f.severity));
  w.Key("blocking");
  w.Bool(f.blocking);
  w.Key("citations");
  Strings(w, f.citations);
  w.Key("crosswalk");
  w.StartObject();
  for (const auto& [framework, refs] : f.crosswalk) {
    w.Key(framework.c_str());
    Strings(w, refs);
  }
  w.EndObject();
  w.Key("evidence");
  if (f.evidence) {
    w.StartObject();
    w.Key("path");
    String(w, f.evidence->path);
    w.Key("kind");
    String(w, f.evidence->kind);
    w.Key("id");
    String(w, f.evidence->id);
    Location(w, f.evidence->pointer, f.evidence->line, f.evidence->column, f.evidence->missing);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("message");
  String(w, f.message);
  w.Key("violations");
  w.StartArray();
  for (const Violation& v : f.violations) {
    w.StartObject();
    w.Key("status");
    String(w, ToString(v.status));
    Location(w, v.pointer, v.line, v.column, v.missing);
    w.Key("message");
    String(w, v.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("tasks");
  Strings(w, f.tasks);
  w.EndObject();
}

void WriteSummary(Writer& w, const Report& r) {
  w.Key("summary");
  w.StartObject();
  for (int s = 0; s < kFindingStatusCount; ++s) {
    String(w, ToString(static_cast<FindingStatus>(s)));
    w.Uint(r.summary[s]);
  }
  w.EndObject();
}

void WriteFindingsAndTasks(Writer& w, const Report& r) {
  w.Key("findings");
  w.StartArray();
  for (const Finding& f : r.findings) WriteFinding(w, f);
  w.EndArray();
  w.Key("tasks");
  w.StartArray();
  for (const Task& t : r.tasks) {
    w.StartObject();
    for (auto [key, value] : {std::pair{"id", &t.id},
                              {"control", &t.control},
                              {"title", &t.title},
                              {"owner", &t.owner},
                              {"priority", &t.priority},
                              {"due", &t.due},
                              {"subject", &t.subject}}) {
      w.Key(key);
      String(w, *value);
    }
    w.EndObject();
  }
  w.EndArray();
}

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
  w.Key("type");
  String(w, "document");
  w.Key("index");
  w.Uint64(result.index);
  w.Key("evidence");
  w.StartObject();
  w.Key("path");
  String(w, ev.path);
  w.Key("line");
  w.Uint(ev.tree.line(ev.tree.root()));
  w.Key("kind");
  String(w, ev.kind);
  w.Key("id");
  String(w, ev.id);
  w.Key("digest");
  String(w, ev.digest);
  w.EndObject();
  WriteSummary(w, result.report);
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
  w.Key("type");
  String(w, "summary");
  w.Key("tool");
  w.StartObject();
  w.Key("name");
  String(w, totals.tool_name);
  w.Key("version");
  String(w, totals.tool_version);
  w.EndObject();
  w.Key("pack");
  w.StartObject();
  w.Key("id");
  String(w, totals.pack_id);
  w.Key("version");
  String(w, totals.pack_version);
  w.Key("digest");
  String(w, totals.pack_digest);
  w.EndObject();
  w.Key("as_of");
  String(w, totals.as_of);
  w.Key("documents");
  w.Uint64(documents);
  WriteSummary(w, totals);
  w.Key("gate");
  w.StartObject();
  w.Key("decision");
  String(w, totals.gate.passed ? "pass" : "fail");
  w.Key("fail_on");
  String(w, ToString(totals.gate.fail_on));
  w.Key("require_evidence");
  w.Bool(totals.gate.require_evidence);
  w.Key("blocking");
  w.Uint(totals.gate.blocking);
  w.EndObject();
  WriteFindingsAndTasks(w, totals);
  w.EndObject();
  EndLine(buffer, out);
}

}  // namespace aimsgate::report
