#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "report/json_fields.h"
#include "report/writers.h"

namespace aimsgate::report {
namespace {

using namespace json;  // NOLINT: the shared field writers

// Rendered into memory, then written at once: a std::ostream call per character costs more
// than the rest of the writer.
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

}  // namespace

void WriteJson(const Report& r, std::ostream& out) {
  rapidjson::StringBuffer stream;
  Writer w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  WriteReportHeader(w, r);
  w.Key("evidence");
  w.StartArray();
  for (const EvidenceSummary& e : r.evidence) {
    w.StartObject();
    Field(w, "path", e.path);
    Field(w, "kind", e.kind);
    Field(w, "id", e.id);
    Field(w, "digest", e.digest);
    w.EndObject();
  }
  w.EndArray();
  WriteStatusCounts(w, r);
  WriteGate(w, r);
  WriteFindingsAndTasks(w, r);
  w.Key("waivers");
  w.StartArray();
  for (const WaiverOutcome& o : r.waivers) {
    w.StartObject();
    for (auto [key, value] : {std::pair{"id", &o.id},
                              {"control", &o.control},
                              {"subject", &o.subject},
                              {"file", &o.file}}) {
      w.Key(key);
      String(w, *value);
    }
    w.Key("line");
    w.Uint(o.line);
    Field(w, "outcome", ToString(o.state));
    w.Key("findings");
    Strings(w, o.findings);
    Field(w, "message", o.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("overrides");
  w.StartArray();
  for (const OverrideOutcome& o : r.overrides) {
    w.StartObject();
    Field(w, "control", o.control);
    Field(w, "reason", o.reason);
    w.Key("findings");
    Strings(w, o.findings);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.write(stream.GetString(), static_cast<std::streamsize>(stream.GetSize()));
  out << "\n";
}

}  // namespace aimsgate::report
