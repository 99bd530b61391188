#include <algorithm>
#include <map>

#include "report/writers.h"

namespace aimsgate::report {
namespace {

// Sections in the order a reader should meet them: what needs action first.
constexpr FindingStatus kSectionOrder[] = {FindingStatus::kError,
                                           FindingStatus::kFail,
                                           FindingStatus::kInsufficientEvidence,
                                           FindingStatus::kWaived,
                                           FindingStatus::kNotApplicable,
                                           FindingStatus::kPass,
                                           FindingStatus::kNotEvaluated};

const char* Heading(FindingStatus s) {
  switch (s) {
    case FindingStatus::kError:
      return "ERROR";
    case FindingStatus::kFail:
      return "FAIL";
    case FindingStatus::kInsufficientEvidence:
      return "INSUFFICIENT EVIDENCE";
    case FindingStatus::kWaived:
      return "WAIVED";
    case FindingStatus::kNotApplicable:
      return "NOT APPLICABLE";
    case FindingStatus::kPass:
      return "PASS";
    case FindingStatus::kNotEvaluated:
      return "NOT EVALUATED";
  }
  return "";
}

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(const char* code, std::string_view text) const {
    if (!on_) return std::string(text);
    return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
  }
  const char* StatusColor(FindingStatus s) const {
    switch (s) {
      case FindingStatus::kPass:
        return "32";
      case FindingStatus::kFail:
      case FindingStatus::kError:
        return "1;31";
      case FindingStatus::kInsufficientEvidence:
        return "33";
      default:
        return "36";
    }
  }

 private:
  bool on_;
};

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

std::string Where(const std::string& path, uint32_t line, uint32_t column,
                  const std::string& pointer, bool missing) {
  std::string out = path;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += "  " + (pointer.empty() ? std::string("(document)") : pointer);
  if (missing) out += " (missing; the position is its nearest parent's)";
  return out;
}

void WriteDetails(const Finding& f, const std::map<std::string, const Task*>& tasks,
                  const Painter& paint, std::ostream& out) {
  if (f.evidence) {
    out << "      " << f.evidence->kind << " " << f.evidence->id << " at "
        << paint("1", Where(f.evidence->path, f.evidence->line, f.evidence->column,
                            f.evidence->pointer, f.evidence->missing))
        << "\n";
  }
  if (f.waiver) {
    const AppliedWaiver& w = *f.waiver;
    out << "      waived by " << w.id << " (was " << ToString(w.original_status) << "): "
        << w.justification
        << paint("2", "  (approved by " + w.approver + " on " + w.approved + ", expires " +
                          w.expires + ")")
        << "\n";
  }
  if (!f.override_reason.empty()) {
    out << "      overridden (soft control): " << f.override_reason << "\n";
  }
  if (!f.waiver_rejected.empty() && !f.violations.empty()) {
    out << "      " << paint("1;31", f.waiver_rejected) << "\n";
  }
  if (f.violations.empty()) {
    out << "      " << f.message << "\n";
  } else {
    for (const Violation& v : f.violations) {
      out << "      - " << v.message;
      if (f.violations.size() > 1) {
        out << paint("2", "  [" + std::to_string(v.line) + ":" + std::to_string(v.column) + " " +
                              (v.pointer.empty() ? "(document)" : v.pointer) +
                              (v.missing ? " (missing)" : "") + "]");
      }
      out << "\n";
    }
  }
  out << paint("2", "      cites " + Join(f.citations, ", ")) << "\n";
  for (const std::string& id : f.tasks) {
    auto it = tasks.find(id);
    if (it == tasks.end()) continue;
    const Task& t = *it->second;
    out << "      task " << t.id << "  " << t.title
        << paint("2", "  (owner " + t.owner + ", " + t.priority + ", due " + t.due + ")") << "\n";
  }
}

}  // namespace

void WriteText(const Report& r, const TextOptions& options, std::ostream& out) {
  const Painter paint(options.color);
  out << paint("1", "aimsgate " + r.tool_version) << "  pack " << r.pack_id << " " << r.pack_version
      << "  as of " << r.as_of << "  " << r.evidence.size()
      << (r.evidence.size() == 1 ? " document" : " documents") << "\n";

  std::map<std::string, const Task*> tasks;
  for (const Task& t : r.tasks) tasks[t.id] = &t;

  for (FindingStatus section : kSectionOrder) {
    std::vector<const Finding*> group;
    for (const Finding& f : r.findings) {
      if (f.status == section) group.push_back(&f);
    }
    if (group.empty()) continue;
    std::stable_sort(group.begin(), group.end(), [](const Finding* a, const Finding* b) {
      if (a->blocking != b->blocking) return a->blocking;
      return a->severity > b->severity;
    });
    out << "\n"
        << paint(paint.StatusColor(section),
                 std::string(Heading(section)) + " (" + std::to_string(group.size()) + ")")
        << "\n";
    const bool detailed = section == FindingStatus::kError || section == FindingStatus::kFail ||
                          section == FindingStatus::kInsufficientEvidence ||
                          section == FindingStatus::kWaived;
    for (const Finding* f : group) {
      out << "  " << paint(paint.StatusColor(section), f->control) << "  " << f->title << "  "
          << paint("2", "[" + std::string(ToString(f->severity)) + "]");
      if (detailed && f->enforcement != Enforcement::kHard) {
        out << " " << paint("2", std::string(ToString(f->enforcement)));
      }
      if (f->blocking) out << " " << paint("1;31", "BLOCKING");
      if (!detailed && f->evidence) out << paint("2", "  " + f->evidence->id);
      out << "\n";
      if (detailed) {
        WriteDetails(*f, tasks, paint, out);
      } else if (!f->message.empty()) {
        out << paint("2", "      " + f->message) << "\n";
      }
    }
  }

  if (!r.waivers.empty()) {
    out << "\n" << paint("1", "WAIVERS (" + std::to_string(r.waivers.size()) + ")") << "\n";
    for (const WaiverOutcome& w : r.waivers) {
      out << "  " << w.id << "  " << w.control << " " << w.subject << "  "
          << paint(w.state == WaiverOutcome::State::kApplied ? "32" : "33",
                   std::string(ToString(w.state)))
          << paint("2", "  " + w.file + ":" + std::to_string(w.line)) << "\n";
      if (!w.findings.empty()) out << "      names " << Join(w.findings, ", ") << "\n";
      if (!w.message.empty()) out << "      " << w.message << "\n";
    }
  }
  if (!r.overrides.empty()) {
    out << "\n" << paint("1", "OVERRIDES (" + std::to_string(r.overrides.size()) + ")") << "\n";
    for (const OverrideOutcome& o : r.overrides) {
      out << "  " << o.control << "  " << o.reason << "\n";
      out << "      "
          << (o.findings.empty() ? std::string("kept no finding from blocking")
                                 : "kept from blocking: " + Join(o.findings, ", "))
          << "\n";
    }
  }

  out << "\n" << r.findings.size() << (r.findings.size() == 1 ? " finding:" : " findings:");
  for (int s = 0; s < kFindingStatusCount; ++s) {
    out << (s == 0 ? " " : ", ") << r.summary[s] << " " << ToString(static_cast<FindingStatus>(s));
  }
  out << "\n";
  std::string blocking = std::to_string(r.gate.blocking) +
                         (r.gate.blocking == 1 ? " blocking finding" : " blocking findings") +
                         " at or above " + std::string(ToString(r.gate.fail_on));
  if (r.gate.passed) {
    out << paint("1;32", "gate: PASS") << " (" << blocking << ")\n";
  } else {
    out << paint("1;31", "gate: FAIL") << " (" << blocking << ")\n";
  }
}

}  // namespace aimsgate::report
