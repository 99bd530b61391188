#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "report/writers.h"

namespace aimsgate::report {
namespace {

// Rendered into memory, then written at once: a std::ostream call per character costs more
// than the rest of the writer.
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

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

}  // namespace

void WriteJson(const Report& r, std::ostream& out) {
  rapidjson::StringBuffer stream;
  Writer w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("tool");
  w.StartObject();
  w.Key("name");
  String(w, r.tool_name);
  w.Key("version");
  String(w, r.tool_version);
  w.EndObject();
  w.Key("pack");
  w.StartObject();
  w.Key("id");
  String(w, r.pack_id);
  w.Key("version");
  String(w, r.pack_version);
  w.Key("digest");
  String(w, r.pack_digest);
  w.EndObject();
  w.Key("as_of");
  String(w, r.as_of);
  w.Key("evidence");
  w.StartArray();
  for (const EvidenceSummary& e : r.evidence) {
    w.StartObject();
    w.Key("path");
    String(w, e.path);
    w.Key("kind");
    String(w, e.kind);
    w.Key("id");
    String(w, e.id);
    w.Key("digest");
    String(w, e.digest);
    w.EndObject();
  }
  w.EndArray();
  w.Key("summary");
  w.StartObject();
  for (int s = 0; s < kFindingStatusCount; ++s) {
    String(w, ToString(static_cast<FindingStatus>(s)));
    w.Uint(r.summary[s]);
  }
  w.EndObject();
  w.Key("gate");
  w.StartObject();
  w.Key("decision");
  String(w, r.gate.passed ? "pass" : "fail");
  w.Key("fail_on");
  String(w, ToString(r.gate.fail_on));
  w.Key("require_evidence");
  w.Bool(r.gate.require_evidence);
  w.Key("blocking");
  w.Uint(r.gate.blocking);
  w.EndObject();
  w.Key("findings");
  w.StartArray();
  for (const Finding& f : r.findings) WriteFinding(w, f);
  w.EndArray();
  w.Key("tasks");
  w.StartArray();
  for (const Task& t : r.tasks) {
    w.StartObject();
    for (auto [key, value] : {std::pair{"id", &t.id}, {"control", &t.control}, {"title", &t.title},
                              {"owner", &t.owner}, {"priority", &t.priority}, {"due", &t.due},
                              {"subject", &t.subject}}) {
      w.Key(key);
      String(w, *value);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.write(stream.GetString(), static_cast<std::streamsize>(stream.GetSize()));
  out << "\n";
}

}  // namespace aimsgate::report
