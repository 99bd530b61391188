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
  WriteStatusCounts(w, r);
  WriteGate(w, r);
  w.Key("findings");
  w.StartArray();
  for (const Finding& f : r.findings) WriteFinding(w, f);
  w.EndArray();
  w.Key("tasks");
  w.StartArray();
  for (const Task& t : r.tasks) WriteTask(w, t);
  w.EndArray();
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
    w.Key("outcome");
    String(w, ToString(o.state));
    w.Key("findings");
    Strings(w, o.findings);
    w.Key("message");
    String(w, o.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("overrides");
  w.StartArray();
  for (const OverrideOutcome& o : r.overrides) {
    w.StartObject();
    w.Key("control");
    String(w, o.control);
    w.Key("reason");
    String(w, o.reason);
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
