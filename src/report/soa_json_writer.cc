#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "report/soa_writers.h"

namespace aimsgate::report {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void String(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

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
  w.Key("as_of");
  String(w, soa.as_of);
  w.Key("pack");
  w.StartObject();
  w.Key("id");
  String(w, soa.pack_id);
  w.Key("version");
  String(w, soa.pack_version);
  w.EndObject();
  w.Key("organization");
  if (soa.organization.empty()) {
    w.Null();
  } else {
    w.StartObject();
    w.Key("id");
    String(w, soa.organization);
    w.Key("path");
    String(w, soa.organization_path);
    w.EndObject();
  }
  w.Key("note");
  String(w, soa.note);
  w.Key("controls");
  w.StartArray();
  for (const SoaRow& row : soa.rows) {
    w.StartObject();
    w.Key("control");
    String(w, row.control);
    w.Key("title");
    String(w, row.title);
    w.Key("applicability");
    String(w, ToString(row.applicability));
    w.Key("justification");
    String(w, row.justification);
    w.Key("declared_implementation");
    String(w, row.declared);
    w.Key("implementation");
    String(w, ToString(row.implementation));
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
      w.Key("status");
      String(w, ToString(row.statuses[i]));
      w.Key("at");
      Location(w, row.evidence[i]);
      w.EndObject();
    }
    w.EndArray();
    w.Key("note");
    String(w, row.note);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

}  // namespace aimsgate::report
