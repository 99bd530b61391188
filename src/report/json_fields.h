// The JSON shapes of a finding, a task, the status counts and the gate, shared by the JSON
// report and the NDJSON stream so the two cannot drift apart. Templates over the RapidJSON
// writer (pretty for the report, compact for the stream).
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "aimsgate/report.h"

namespace aimsgate::report::json {

template <typename Writer>
void String(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

template <typename Writer>
void Strings(Writer& w, const std::vector<std::string>& list) {
  w.StartArray();
  for (const std::string& s : list) String(w, s);
  w.EndArray();
}

template <typename Writer>
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

template <typename Writer>
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
  w.Key("enforcement");
  String(w, ToString(f.enforcement));
  w.Key("override_reason");
  if (f.override_reason.empty()) {
    w.Null();
  } else {
    String(w, f.override_reason);
  }
  w.Key("waiver");
  if (f.waiver) {
    const AppliedWaiver& a = *f.waiver;
    w.StartObject();
    w.Key("id");
    String(w, a.id);
    w.Key("original_status");
    String(w, ToString(a.original_status));
    w.Key("file");
    String(w, a.file);
    w.Key("line");
    w.Uint(a.line);
    w.Key("justification");
    String(w, a.justification);
    w.Key("approver");
    String(w, a.approver);
    w.Key("approved");
    String(w, a.approved);
    w.Key("expires");
    String(w, a.expires);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("waiver_rejected");
  if (f.waiver_rejected.empty()) {
    w.Null();
  } else {
    String(w, f.waiver_rejected);
  }
  w.EndObject();
}

template <typename Writer>
void WriteTask(Writer& w, const Task& t) {
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
  w.Key("subjects");
  Strings(w, t.subjects);
  w.Key("findings");
  Strings(w, t.findings);
  w.Key("description");
  String(w, t.description);
  w.EndObject();
}

// "summary": the count of findings per status.
template <typename Writer>
void WriteStatusCounts(Writer& w, const Report& r) {
  w.Key("summary");
  w.StartObject();
  for (int s = 0; s < kFindingStatusCount; ++s) {
    String(w, ToString(static_cast<FindingStatus>(s)));
    w.Uint(r.summary[s]);
  }
  w.EndObject();
}

// "gate": the decision and what it was made on.
template <typename Writer>
void WriteGate(Writer& w, const Report& r) {
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
}

}  // namespace aimsgate::report::json
