#include "report/finding_text.h"

namespace aimsgate::report {

Place PrimaryPlace(const Finding& f) {
  if (!f.violations.empty() && f.evidence) {
    const Violation& v = f.violations.front();
    return {f.evidence->path, v.pointer, v.line, v.column};
  }
  if (f.evidence)
    return {f.evidence->path, f.evidence->pointer, f.evidence->line, f.evidence->column};
  return {};
}

std::vector<Place> AllPlaces(const Finding& f) {
  if (!f.evidence) return {};
  if (f.violations.empty()) return {PrimaryPlace(f)};
  std::vector<Place> places;
  for (const Violation& v : f.violations) {
    places.push_back({f.evidence->path, v.pointer, v.line, v.column});
  }
  return places;
}

std::string StatusPhrase(const Finding& f) {
  std::string phrase(ToString(f.status));
  if (f.status == FindingStatus::kWaived && f.waiver) {
    phrase += " (was " + std::string(ToString(f.waiver->original_status)) + ")";
  }
  return phrase;
}

std::string MessageWithStatus(const Finding& f) {
  if (f.status != FindingStatus::kWaived) return f.message;
  std::string out = StatusPhrase(f) + ": " + f.message;
  if (f.waiver && !f.waiver->justification.empty()) {
    out += "; justification: " + f.waiver->justification;
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::map<std::string, const Task*> TasksById(const Report& report) {
  std::map<std::string, const Task*> tasks;
  for (const Task& t : report.tasks) tasks[t.id] = &t;
  return tasks;
}

}  // namespace aimsgate::report
