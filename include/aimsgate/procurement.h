// Vendor comparison for procurement: a score, a risk tier and the blocking issues of each vendor
// questionnaire in a report, and a control-by-vendor matrix of statuses. Pure data, computed
// from a Report and the documents it was made from; writers in src/ render it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "aimsgate/evidence.h"
#include "aimsgate/pack.h"
#include "aimsgate/report.h"

namespace aimsgate {

// One reason a vendor falls short: a finding on its questionnaire that is not a pass.
struct VendorIssue {
  std::string control;
  std::string title;
  Severity severity = Severity::kMedium;
  FindingStatus status = FindingStatus::kFail;
  bool blocking = false;
  std::string message;  // the finding's first reason
  uint32_t more = 0;    // how many further reasons the finding has
  std::string pointer;
  uint32_t line = 0;
};

enum class RiskTier : uint8_t { kLow, kMedium, kHigh };
std::string_view ToString(RiskTier tier);

struct VendorScore {
  uint32_t rank = 0;  // 1 is the best
  std::string evidence_id;
  std::string path;
  std::string vendor;   // /vendor/name, else the evidence id
  std::string product;  // /product/name, may be empty
  // Severity-weighted share of the judged controls that pass, in tenths of a percent (734 is
  // 73.4%). Judged: pass, fail, insufficient_evidence, error and waived; not_applicable is not.
  uint32_t score_permille = 0;
  uint32_t earned = 0;    // weight of the passing controls
  uint32_t possible = 0;  // weight of the judged controls
  RiskTier tier = RiskTier::kHigh;
  std::array<uint32_t, kFindingStatusCount> counts{};  // indexed by FindingStatus
  uint32_t blocking = 0;
  std::vector<VendorIssue> issues;               // most severe first, blocking first
  std::vector<FindingStatus> status_by_control;  // parallel to VendorComparison::controls
};

struct VendorComparison {
  std::vector<ControlInfo> controls;  // the controls judged on any vendor, in pack order
  std::vector<VendorScore> vendors;   // ranked: score, then fewer blocking issues, then name
};

// The weight of a control of `severity` in a vendor's score: critical 8, high 4, medium 2, low 1.
uint32_t SeverityWeight(Severity severity);

// Scores every vendor_questionnaire of `documents` from its findings in `report`. Tiers: high
// when the score is under 60% or a critical control does not pass; medium when it is under 85%
// or a high-severity control does not pass; low otherwise. Deterministic.
VendorComparison CompareVendors(const Report& report, const std::vector<Evidence>& documents,
                                const PackInfo& pack);

}  // namespace aimsgate
