// The JSON shapes of a finding, a task, the status counts, the gate and the report header,
// shared by the JSON report and the NDJSON stream so the two cannot drift apart, and the small
// field helpers every JSON writer uses (SARIF, SoA, comparison, validation). Templates over
// the RapidJSON writer (pretty for reports, compact for the stream).
#pragma once

#include <rapidjson/rapidjson.h>

#include <array>
#include <cstdint>
#include <string>
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

// "key": "value".
template <typename Writer>
void Field(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  String(w, value);
}

// "tool": {"name", "version"}.
template <typename Writer>
void WriteTool(Writer& w, std::string_view name, std::string_view version) {
  w.Key("tool");
  w.StartObject();
  Field(w, "name", name);
  Field(w, "version", version);
  w.EndObject();
}

// "pack": {"id", "version", "digest"}.
template <typename Writer>
void WritePack(Writer& w, const Report& r) {
  w.Key("pack");
  w.StartObject();
  Field(w, "id", r.pack_id);
  Field(w, "version", r.pack_version);
  Field(w, "digest", r.pack_digest);
  w.EndObject();
}

// What a report says about itself first: "tool", "pack", "as_of".
template <typename Writer>
void WriteReportHeader(Writer& w, const Report& r) {
  WriteTool(w, r.tool_name, r.tool_version);
  WritePack(w, r);
  Field(w, "as_of", r.as_of);
}

template <typename Writer>
void Location(Writer& w, const std::string& pointer, uint32_t line, uint32_t column, bool missing) {
  Field(w, "pointer", pointer);
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
  Field(w, "control", f.control);
  Field(w, "title", f.title);
  Field(w, "status", ToString(f.status));
  Field(w, "severity", ToString(f.severity));
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
    Field(w, "path", f.evidence->path);
    Field(w, "kind", f.evidence->kind);
    Field(w, "id", f.evidence->id);
    Location(w, f.evidence->pointer, f.evidence->line, f.evidence->column, f.evidence->missing);
    w.EndObject();
  } else {
    w.Null();
  }
  Field(w, "message", f.message);
  w.Key("violations");
  w.StartArray();
  for (const Violation& v : f.violations) {
    w.StartObject();
    Field(w, "status", ToString(v.status));
    Location(w, v.pointer, v.line, v.column, v.missing);
    Field(w, "message", v.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("tasks");
  Strings(w, f.tasks);
  Field(w, "enforcement", ToString(f.enforcement));
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
    Field(w, "id", a.id);
    Field(w, "original_status", ToString(a.original_status));
    Field(w, "file", a.file);
    w.Key("line");
    w.Uint(a.line);
    Field(w, "justification", a.justification);
    Field(w, "approver", a.approver);
    Field(w, "approved", a.approved);
    Field(w, "expires", a.expires);
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
  Field(w, "description", t.description);
  w.EndObject();
}

// "findings" and "tasks": every finding and task of `r`, in report order.
template <typename Writer>
void WriteFindingsAndTasks(Writer& w, const Report& r) {
  w.Key("findings");
  w.StartArray();
  for (const Finding& f : r.findings) WriteFinding(w, f);
  w.EndArray();
  w.Key("tasks");
  w.StartArray();
  for (const Task& t : r.tasks) WriteTask(w, t);
  w.EndArray();
}

// "summary": the count of findings per status, in FindingStatus order.
template <typename Writer>
void WriteStatusCounts(Writer& w, const std::array<uint32_t, kFindingStatusCount>& counts) {
  w.Key("summary");
  w.StartObject();
  for (int s = 0; s < kFindingStatusCount; ++s) {
    String(w, ToString(static_cast<FindingStatus>(s)));
    w.Uint(counts[static_cast<size_t>(s)]);
  }
  w.EndObject();
}

template <typename Writer>
void WriteStatusCounts(Writer& w, const Report& r) {
  WriteStatusCounts(w, r.summary);
}

// "gate": the decision and what it was made on.
template <typename Writer>
void WriteGate(Writer& w, const Report& r) {
  w.Key("gate");
  w.StartObject();
  Field(w, "decision", r.gate.passed ? "pass" : "fail");
  Field(w, "fail_on", ToString(r.gate.fail_on));
  w.Key("require_evidence");
  w.Bool(r.gate.require_evidence);
  w.Key("blocking");
  w.Uint(r.gate.blocking);
  w.EndObject();
}

}  // namespace aimsgate::report::json
