#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "report/json_fields.h"
#include "report/soa_writers.h"

namespace aimsgate::report {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;
using json::Field;
using json::String;

void Location(Writer& w, const EvidenceRef& ref) {
  w.StartObject();
  for (auto [key, value] : {std::pair{"path", &ref.path},
                            {"kind", &ref.kind},
                            {"id", &ref.id},
                            {"pointer", &ref.pointer}}) {
    w.Key(key);
    String(w, *value);
  }
  w.Key("line");
  w.Uint(ref.line);
  w.Key("column");
  w.Uint(ref.column);
  w.EndObject();
}

}  // namespace

void WriteSoaJson(const StatementOfApplicability& soa, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  Field(w, "as_of", soa.as_of);
  w.Key("pack");
  w.StartObject();
  Field(w, "id", soa.pack_id);
  Field(w, "version", soa.pack_version);
  w.EndObject();
  w.Key("organization");
  if (soa.organization.empty()) {
    w.Null();
  } else {
    w.StartObject();
    Field(w, "id", soa.organization);
    Field(w, "path", soa.organization_path);
    w.EndObject();
  }
  Field(w, "note", soa.note);
  w.Key("controls");
  w.StartArray();
  for (const SoaRow& row : soa.rows) {
    w.StartObject();
    Field(w, "control", row.control);
    Field(w, "title", row.title);
    Field(w, "applicability", ToString(row.applicability));
    Field(w, "justification", row.justification);
    Field(w, "declared_implementation", row.declared);
    Field(w, "implementation", ToString(row.implementation));
    w.Key("soa_entry");
    if (row.entry.path.empty()) {
      w.Null();
    } else {
      Location(w, row.entry);
    }
    w.Key("evidence");
    w.StartArray();
    for (size_t i = 0; i < row.evidence.size(); ++i) {
      w.StartObject();
      Field(w, "status", ToString(row.statuses[i]));
      w.Key("at");
      Location(w, row.evidence[i]);
      w.EndObject();
    }
    w.EndArray();
    Field(w, "note", row.note);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

}  // namespace aimsgate::report
