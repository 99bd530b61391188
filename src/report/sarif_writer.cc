// SARIF 2.1.0 (OASIS). Choices, so that GitHub code scanning annotates the exact lines:
// - one rule per control of the pack (or, without the pack, per control that has a finding);
// - one result per violation of a fail / insufficient_evidence / error / waived finding,
//   each located at its own line (GitHub annotates only a result's first location), or one
//   result at the evidence when the finding has no violations;
// - a result's level follows severity, but only a blocking finding is an "error"
//   (a non-blocking critical/high one is a "warning"), so the code-scanning check agrees
//   with the gate; waived results carry an accepted external suppression;
// - blocking not_evaluated controls (with --require-evidence) have nowhere to point: they are
//   tool execution notifications of the invocation;
// - nothing depends on the clock, the machine or the exit code.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "report/finding_text.h"
#include "report/json_fields.h"
#include "report/writers.h"

namespace aimsgate::report {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;
using json::Field;
using json::String;

constexpr const char* kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kSourceRoot = "%SRCROOT%";

void Text(Writer& w, const char* key, std::string_view text) {
  w.Key(key);
  w.StartObject();
  Field(w, "text", text);
  w.EndObject();
}

const char* Level(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    case Severity::kLow:
      return "note";
  }
  return "warning";
}

const char* SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "9.0";
    case Severity::kHigh:
      return "7.0";
    case Severity::kMedium:
      return "5.0";
    case Severity::kLow:
      return "3.0";
  }
  return "5.0";
}

// The level of one result: from severity, never "error" unless the finding blocks.
const char* ResultLevel(const Finding& f) {
  std::string_view level = Level(f.severity);
  if (level == "error" && !f.blocking) return "warning";
  return Level(f.severity);
}

// A URI reference for an evidence path: forward slashes, percent-encoded. Relative paths are
// relative to %SRCROOT% (the directory aimsgate ran in); absolute ones become file:// URIs.
struct Uri {
  std::string uri;
  bool relative = true;
};

Uri EvidenceUri(const std::string& path) {
  std::string p = path;
  for (char& c : p) {
    if (c == '\\') c = '/';
  }
  Uri out;
  if (!p.empty() && p.front() == '/') {
    out.relative = false;
  } else if (p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' &&
             p[2] == '/') {
    out.relative = false;
    p = "/" + p;  // file:///C:/...
  }
  while (out.relative && p.rfind("./", 0) == 0) p.erase(0, 2);
  std::string encoded = out.relative ? "" : "file://";
  for (unsigned char c : p) {
    const bool keep = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' ||
                      (c == ':' && !out.relative);
    if (keep) {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += hex;
    }
  }
  out.uri = encoded;
  return out;
}

void ArtifactLocation(Writer& w, const std::string& path, int index) {
  const Uri uri = EvidenceUri(path);
  w.Key("artifactLocation");
  w.StartObject();
  Field(w, "uri", uri.uri);
  if (uri.relative) {
    Field(w, "uriBaseId", kSourceRoot);
  }
  if (index >= 0) {
    w.Key("index");
    w.Int(index);
  }
  w.EndObject();
}

// FNV-1a, 64 bits, as 16 hex digits. Results are fingerprinted by control, document and
// pointer (plus which occurrence of that pointer in the finding), not by line or message, so
// an alert survives edits elsewhere in the file.
std::string Fingerprint(const std::string& text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

// A rule as SARIF needs it; from the pack's control, or from a finding without the pack.
struct Rule {
  std::string id;
  std::string title;
  std::string description;
  Severity severity = Severity::kMedium;
  std::vector<std::string> citations;
  std::vector<RemediationSpec> remediation;
};

// An identifier-like name from a title: "AI system verification" -> "AiSystemVerification".
std::string RuleName(const std::string& title) {
  std::string name;
  bool upper = true;
  for (unsigned char c : title) {
    if (c == '\'') continue;  // "organisation's" -> "Organisations"
    if (std::isalnum(c)) {
      name += static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
      upper = false;
    } else {
      upper = true;
    }
  }
  return name;
}

std::vector<Rule> Rules(const Report& r, const PackInfo* pack) {
  std::vector<Rule> rules;
  std::set<std::string> seen;
  if (pack != nullptr) {
    for (const ControlInfo& c : pack->controls) {
      if (!seen.insert(c.id).second) continue;
      rules.push_back({c.id, c.title, c.description, c.severity, c.citations, c.remediation});
    }
  }
  for (const Finding& f : r.findings) {
    if (!seen.insert(f.control).second) continue;
    rules.push_back({f.control, f.title, "", f.severity, f.citations, {}});
  }
  return rules;
}

void WriteRule(Writer& w, const Rule& rule) {
  w.StartObject();
  Field(w, "id", rule.id);
  Field(w, "name", RuleName(rule.title));
  Text(w, "shortDescription", rule.title);
  Text(w, "fullDescription", rule.description.empty() ? rule.title : rule.description);
  std::string text = rule.title + ".";
  std::string markdown = "**" + rule.id + " " + rule.title + "**";
  if (!rule.description.empty()) {
    text += " " + rule.description;
    markdown += "\n\n" + rule.description;
  }
  text += " Cites " + Join(rule.citations, ", ") + ".";
  markdown += "\n\nCites " + Join(rule.citations, ", ") + ".";
  if (!rule.remediation.empty()) {
    text += " Remediation:";
    markdown += "\n\nRemediation:\n";
    for (const RemediationSpec& task : rule.remediation) {
      text += " " + task.title + " (owner: " + task.owner + ");";
      markdown += "\n- " + task.title + " (owner: `" + task.owner + "`)";
    }
    text.pop_back();
    text += ".";
  }
  w.Key("help");
  w.StartObject();
  Field(w, "text", text);
  Field(w, "markdown", markdown);
  w.EndObject();
  w.Key("defaultConfiguration");
  w.StartObject();
  Field(w, "level", Level(rule.severity));
  w.EndObject();
  w.Key("properties");
  w.StartObject();
  Field(w, "security-severity", SecuritySeverity(rule.severity));
  Field(w, "severity", ToString(rule.severity));
  w.Key("tags");
  w.StartArray();
  String(w, "security");  // GitHub shows security-severity only for rules tagged "security"
  for (const std::string& citation : rule.citations) String(w, citation);
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

bool Reported(const Finding& f) {
  return f.evidence &&
         (f.status == FindingStatus::kFail || f.status == FindingStatus::kInsufficientEvidence ||
          f.status == FindingStatus::kError || f.status == FindingStatus::kWaived);
}

// One result at `place` with `message`; `part` is "1/3" when the finding has several.
void WriteResult(Writer& w, const Finding& f, int rule_index, int artifact_index,
                 const Place& place, int occurrence, const std::string& message,
                 const std::string& part, const std::map<std::string, const Task*>& tasks) {
  w.StartObject();
  Field(w, "ruleId", f.control);
  w.Key("ruleIndex");
  w.Int(rule_index);
  Field(w, "kind", "fail");
  Field(w, "level", ResultLevel(f));
  Text(w, "message", message);
  w.Key("locations");
  w.StartArray();
  w.StartObject();
  w.Key("physicalLocation");
  w.StartObject();
  ArtifactLocation(w, place.path, artifact_index);
  if (place.line > 0) {
    w.Key("region");
    w.StartObject();
    w.Key("startLine");
    w.Uint(place.line);
    if (place.column > 0) {
      w.Key("startColumn");
      w.Uint(place.column);
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("logicalLocations");
  w.StartArray();
  w.StartObject();
  Field(w, "fullyQualifiedName", f.evidence->id + "#" + place.pointer);
  Field(w, "kind", "member");
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.Key("partialFingerprints");
  w.StartObject();
  w.Key("aimsgateFinding/v1");
  String(w, Fingerprint(f.control + "\n" + f.evidence->kind + "\n" + f.evidence->id + "\n" +
                        place.pointer + "\n" + std::to_string(occurrence)));
  w.EndObject();
  if (f.status == FindingStatus::kWaived) {
    w.Key("suppressions");
    w.StartArray();
    w.StartObject();
    Field(w, "kind", "external");
    Field(w, "status", "accepted");
    if (f.waiver) {
      Field(w, "justification", f.waiver->justification);
      w.Key("properties");
      w.StartObject();
      for (auto [key, value] : {std::pair{"waiverId", &f.waiver->id},
                                {"file", &f.waiver->file},
                                {"approver", &f.waiver->approver},
                                {"approved", &f.waiver->approved},
                                {"expires", &f.waiver->expires}}) {
        w.Key(key);
        String(w, *value);
      }
      w.EndObject();
    }
    w.EndObject();
    w.EndArray();
  }
  w.Key("properties");
  w.StartObject();
  Field(w, "status", ToString(f.status));
  if (f.waiver) {
    Field(w, "originalStatus", ToString(f.waiver->original_status));
  }
  Field(w, "severity", ToString(f.severity));
  Field(w, "enforcement", ToString(f.enforcement));
  w.Key("blocking");
  w.Bool(f.blocking);
  if (!f.override_reason.empty()) {
    Field(w, "overrideReason", f.override_reason);
  }
  Field(w, "evidenceKind", f.evidence->kind);
  Field(w, "evidenceId", f.evidence->id);
  Field(w, "pointer", place.pointer);
  if (!part.empty()) {
    Field(w, "violation", part);
  }
  w.Key("tasks");
  w.StartArray();
  for (const std::string& id : f.tasks) {
    auto it = tasks.find(id);
    if (it == tasks.end()) continue;
    String(w, id + " " + it->second->title + " (owner: " + it->second->owner + ", " +
                  it->second->priority + ", due " + it->second->due + ")");
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

std::string ViolationMessage(const Finding& f, const Violation& v) {
  std::string message = v.message;
  if (v.status == FindingStatus::kInsufficientEvidence &&
      f.status != FindingStatus::kInsufficientEvidence) {
    message = "insufficient evidence: " + message;
  }
  if (f.status == FindingStatus::kWaived) {
    message = StatusPhrase(f) + ": " + message;
    if (f.waiver && !f.waiver->justification.empty()) {
      message += "; justification: " + f.waiver->justification;
    }
  }
  return message;
}

}  // namespace

void WriteSarif(const Report& r, const RenderOptions& options, std::ostream& out) {
  const std::vector<Rule> rules = Rules(r, options.pack);
  std::map<std::string, int> rule_index;
  for (size_t i = 0; i < rules.size(); ++i) rule_index[rules[i].id] = static_cast<int>(i);
  std::map<std::string, int> artifact_index;
  for (size_t i = 0; i < r.evidence.size(); ++i) {
    artifact_index.emplace(r.evidence[i].path, static_cast<int>(i));
  }
  const std::map<std::string, const Task*> tasks = TasksById(r);

  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  Field(w, "$schema", kSchemaUri);
  Field(w, "version", "2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();

  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  Field(w, "name", r.tool_name);
  Field(w, "version", r.tool_version);
  Field(w, "semanticVersion", r.tool_version);
  w.Key("rules");
  w.StartArray();
  for (const Rule& rule : rules) WriteRule(w, rule);
  w.EndArray();
  w.EndObject();
  w.EndObject();

  w.Key("originalUriBaseIds");
  w.StartObject();
  w.Key(kSourceRoot);
  w.StartObject();
  Text(w, "description", "the directory aimsgate was run from; evidence paths are relative to it");
  w.EndObject();
  w.EndObject();

  w.Key("artifacts");
  w.StartArray();
  for (const EvidenceSummary& e : r.evidence) {
    w.StartObject();
    w.Key("location");
    w.StartObject();
    const Uri uri = EvidenceUri(e.path);
    Field(w, "uri", uri.uri);
    if (uri.relative) {
      Field(w, "uriBaseId", kSourceRoot);
    }
    w.EndObject();
    Field(w, "mimeType", "application/json");
    if (e.digest.rfind("sha256:", 0) == 0) {
      w.Key("hashes");
      w.StartObject();
      Field(w, "sha-256", e.digest.substr(7));
      w.EndObject();
    }
    w.Key("properties");
    w.StartObject();
    Field(w, "kind", e.kind);
    Field(w, "id", e.id);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  w.Key("invocations");
  w.StartArray();
  w.StartObject();
  w.Key("executionSuccessful");
  w.Bool(true);
  w.Key("toolExecutionNotifications");
  w.StartArray();
  for (const Finding& f : r.findings) {
    if (f.status != FindingStatus::kNotEvaluated || !f.blocking) continue;
    w.StartObject();
    Field(w, "level", "error");
    Text(w, "message", f.control + " " + f.title + ": not evaluated (" + f.message + ")");
    w.Key("associatedRule");
    w.StartObject();
    Field(w, "id", f.control);
    w.Key("index");
    w.Int(rule_index[f.control]);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();

  w.Key("results");
  w.StartArray();
  for (const Finding& f : r.findings) {
    if (!Reported(f)) continue;
    auto artifact = artifact_index.find(f.evidence->path);
    const int index = artifact == artifact_index.end() ? -1 : artifact->second;
    if (f.violations.empty()) {
      std::string message = MessageWithStatus(f);
      if (f.status == FindingStatus::kError) message = "the check failed: " + message;
      WriteResult(w, f, rule_index[f.control], index, PrimaryPlace(f), 0, message, "", tasks);
      continue;
    }
    const std::vector<Place> places = AllPlaces(f);
    std::map<std::string, int> occurrences;
    for (size_t i = 0; i < f.violations.size(); ++i) {
      const int occurrence = occurrences[places[i].pointer]++;
      const std::string part = f.violations.size() > 1 ? std::to_string(i + 1) + "/" +
                                                             std::to_string(f.violations.size())
                                                       : "";
      WriteResult(w, f, rule_index[f.control], index, places[i], occurrence,
                  ViolationMessage(f, f.violations[i]), part, tasks);
    }
  }
  w.EndArray();

  Field(w, "columnKind", "unicodeCodePoints");
  w.Key("properties");
  w.StartObject();
  Field(w, "asOf", r.as_of);
  json::WritePack(w, r);
  w.Key("gate");
  w.StartObject();
  Field(w, "decision", r.gate.passed ? "pass" : "fail");
  Field(w, "failOn", ToString(r.gate.fail_on));
  w.Key("requireEvidence");
  w.Bool(r.gate.require_evidence);
  w.Key("blocking");
  w.Uint(r.gate.blocking);
  w.EndObject();
  json::WriteStatusCounts(w, r);
  w.EndObject();

  w.EndObject();
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

}  // namespace aimsgate::report
