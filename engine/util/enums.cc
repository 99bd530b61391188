// String forms of the report's enums and of pack params.
#include <cstdio>

#include "aimsgate/pack.h"
#include "aimsgate/report.h"

namespace aimsgate {

std::string_view ToString(FindingStatus status) {
  switch (status) {
    case FindingStatus::kPass:
      return "pass";
    case FindingStatus::kFail:
      return "fail";
    case FindingStatus::kInsufficientEvidence:
      return "insufficient_evidence";
    case FindingStatus::kNotApplicable:
      return "not_applicable";
    case FindingStatus::kWaived:
      return "waived";
    case FindingStatus::kError:
      return "error";
    case FindingStatus::kNotEvaluated:
      return "not_evaluated";
  }
  return "error";
}

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "low";
}

bool ParseSeverity(std::string_view text, Severity* out) {
  for (Severity s : {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (text == ToString(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

std::string_view ToString(Enforcement enforcement) {
  switch (enforcement) {
    case Enforcement::kAdvisory:
      return "advisory";
    case Enforcement::kSoft:
      return "soft";
    case Enforcement::kHard:
      return "hard";
  }
  return "hard";
}

bool ParseEnforcement(std::string_view text, Enforcement* out) {
  for (Enforcement e : {Enforcement::kAdvisory, Enforcement::kSoft, Enforcement::kHard}) {
    if (text == ToString(e)) {
      *out = e;
      return true;
    }
  }
  return false;
}

std::string ParamToString(const ParamValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const int64_t* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const double* d = std::get_if<double>(&value)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return buf;
  }
  return std::get<std::string>(value);
}

const ControlInfo* PackInfo::FindControl(const std::string& control_id) const {
  for (const ControlInfo& c : controls) {
    if (c.id == control_id) return &c;
  }
  return nullptr;
}

}  // namespace aimsgate
