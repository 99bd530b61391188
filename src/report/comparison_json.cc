#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "report/comparison_writers.h"
#include "report/json_fields.h"

namespace aimsgate::report {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;
using json::Field;
using json::String;

}  // namespace

void WriteComparisonJson(const VendorComparison& c, const ComparisonContext& ctx,
                         std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("pack");
  w.StartObject();
  Field(w, "id", ctx.pack_id);
  Field(w, "version", ctx.pack_version);
  w.EndObject();
  Field(w, "as_of", ctx.as_of);
  Field(w, "fail_on", ctx.fail_on);
  w.Key("controls");
  w.StartArray();
  for (const ControlInfo& ctl : c.controls) {
    w.StartObject();
    Field(w, "id", ctl.id);
    Field(w, "title", ctl.title);
    Field(w, "severity", ToString(ctl.severity));
    w.EndObject();
  }
  w.EndArray();
  w.Key("vendors");
  w.StartArray();
  for (const VendorScore& v : c.vendors) {
    w.StartObject();
    w.Key("rank");
    w.Uint(v.rank);
    Field(w, "evidence_id", v.evidence_id);
    Field(w, "path", v.path);
    Field(w, "vendor", v.vendor);
    Field(w, "product", v.product);
    Field(w, "score", FormatScore(v.score_permille));
    w.Key("earned");
    w.Uint(v.earned);
    w.Key("possible");
    w.Uint(v.possible);
    Field(w, "tier", ToString(v.tier));
    w.Key("blocking");
    w.Uint(v.blocking);
    w.Key("summary");
    w.StartObject();
    for (int s = 0; s < kFindingStatusCount; ++s) {
      w.Key(ToString(static_cast<FindingStatus>(s)).data());
      w.Uint(v.counts[static_cast<size_t>(s)]);
    }
    w.EndObject();
    w.Key("statuses");  // control id -> status, in the order of "controls"
    w.StartObject();
    for (size_t row = 0; row < c.controls.size(); ++row) {
      w.Key(c.controls[row].id.c_str());
      String(w, ToString(v.status_by_control[row]));
    }
    w.EndObject();
    w.Key("issues");
    w.StartArray();
    for (const VendorIssue& i : v.issues) {
      w.StartObject();
      Field(w, "control", i.control);
      Field(w, "title", i.title);
      Field(w, "severity", ToString(i.severity));
      Field(w, "status", ToString(i.status));
      w.Key("blocking");
      w.Bool(i.blocking);
      Field(w, "message", i.message);
      w.Key("more");
      w.Uint(i.more);
      Field(w, "pointer", i.pointer);
      w.Key("line");
      w.Uint(i.line);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << "\n";
}

}  // namespace aimsgate::report
