// GitHub Actions workflow commands: one annotation line per finding that needs attention,
// then a summary notice of the gate.
//   blocking finding (any status)            -> ::error
//   non-blocking fail / insufficient / error -> ::warning
//   waived                                   -> ::notice, saying the status it would have had
// pass, not_applicable and non-blocking not_evaluated findings get no line; the summary
// counts them. Escaping follows @actions/core (toCommandValue / escapeData / escapeProperty):
// data escapes % \r \n; property values also : and ,.
#include "report/finding_text.h"
#include "report/github_commands.h"
#include "report/writers.h"

namespace aimsgate::report {

std::string EscapeCommandData(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeCommandProperty(std::string_view text) {
  std::string out;
  for (char c : EscapeCommandData(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

const char* CommandFor(const Finding& f) {
  if (f.blocking) return "error";
  switch (f.status) {
    case FindingStatus::kFail:
    case FindingStatus::kInsufficientEvidence:
    case FindingStatus::kError:
      return "warning";
    case FindingStatus::kWaived:
      return "notice";
    default:
      return nullptr;
  }
}

// The annotation's text: status, message, every violation with its line, and what to do.
std::string AnnotationText(const Finding& f) {
  std::string text = "[" + StatusPhrase(f) + ", " + std::string(ToString(f.severity)) + "] ";
  text += MessageWithStatus(f);
  if (f.violations.size() > 1 && f.evidence) {
    for (const Violation& v : f.violations) {
      text += "\n- line " + std::to_string(v.line) + " " +
              (v.pointer.empty() ? "(document)" : v.pointer) + ": " + v.message;
    }
  }
  if (!f.override_reason.empty()) text += "\noverridden: " + f.override_reason;
  text += "\ncites " + Join(f.citations, ", ");
  return text;
}

}  // namespace

void WriteGithub(const Report& r, std::ostream& out) {
  for (const Finding& f : r.findings) {
    const char* command = CommandFor(f);
    if (command == nullptr) continue;
    out << "::" << command << " ";
    const Place place = PrimaryPlace(f);
    std::string properties;
    if (!place.path.empty()) {
      properties += "file=" + EscapeCommandProperty(place.path);
      if (place.line > 0) {
        properties += ",line=" + std::to_string(place.line);
        if (place.column > 0) properties += ",col=" + std::to_string(place.column);
      }
      properties += ",";
    }
    properties += "title=" + EscapeCommandProperty(f.control + " " + f.title);
    out << properties << "::" << EscapeCommandData(AnnotationText(f)) << "\n";
  }
  std::string summary = "aimsgate " + r.tool_version + ", pack " + r.pack_id + " " +
                        r.pack_version + ", as of " + r.as_of + ": gate " +
                        (r.gate.passed ? "PASS" : "FAIL") + " (" + std::to_string(r.gate.blocking) +
                        (r.gate.blocking == 1 ? " blocking finding" : " blocking findings") +
                        " at or above " + std::string(ToString(r.gate.fail_on)) + ")\n" +
                        std::to_string(r.findings.size()) + " findings:";
  for (int s = 0; s < kFindingStatusCount; ++s) {
    summary += (s == 0 ? " " : ", ") + std::to_string(r.summary[s]) + " " +
               std::string(ToString(static_cast<FindingStatus>(s)));
  }
  out << "::notice title="
      << EscapeCommandProperty("aimsgate gate: " + std::string(r.gate.passed ? "pass" : "fail"))
      << "::" << EscapeCommandData(summary) << "\n";
}

}  // namespace aimsgate::report
