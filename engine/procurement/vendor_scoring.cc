#include <algorithm>
#include <map>
#include <set>

#include "aimsgate/procurement.h"

namespace aimsgate {
namespace {

constexpr uint32_t kScoreLow = 600;   // under 60% is a high-risk vendor
constexpr uint32_t kScoreGood = 850;  // under 85% is at best medium risk

std::string TextAt(const JsonTree& tree, std::string_view pointer) {
  NodeId n = tree.Resolve(pointer);
  if (n == kNoNode || tree.type(n) != JsonType::kString) return "";
  return std::string(tree.string(n));
}

bool IsJudged(FindingStatus s) {
  return s != FindingStatus::kNotApplicable && s != FindingStatus::kNotEvaluated;
}

VendorIssue IssueOf(const Finding& f) {
  VendorIssue issue;
  issue.control = f.control;
  issue.title = f.title;
  issue.severity = f.severity;
  issue.status = f.status;
  issue.blocking = f.blocking;
  if (!f.violations.empty()) {
    const Violation& v = f.violations.front();
    issue.message = v.message;
    issue.pointer = v.pointer;
    issue.line = v.line;
    issue.more = static_cast<uint32_t>(f.violations.size() - 1);
  } else {
    issue.message = f.message;
    if (f.evidence) {
      issue.pointer = f.evidence->pointer;
      issue.line = f.evidence->line;
    }
  }
  return issue;
}

RiskTier TierOf(const VendorScore& v, const std::vector<const Finding*>& judged) {
  bool critical_gap = false, high_gap = false;
  for (const Finding* f : judged) {
    if (f->status == FindingStatus::kPass) continue;
    if (f->severity == Severity::kCritical) critical_gap = true;
    if (f->severity == Severity::kHigh) high_gap = true;
  }
  if (v.score_permille < kScoreLow || critical_gap) return RiskTier::kHigh;
  if (v.score_permille < kScoreGood || high_gap) return RiskTier::kMedium;
  return RiskTier::kLow;
}

}  // namespace

std::string_view ToString(RiskTier tier) {
  switch (tier) {
    case RiskTier::kLow:
      return "low";
    case RiskTier::kMedium:
      return "medium";
    case RiskTier::kHigh:
      return "high";
  }
  return "high";
}

uint32_t SeverityWeight(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return 8;
    case Severity::kHigh:
      return 4;
    case Severity::kMedium:
      return 2;
    case Severity::kLow:
      return 1;
  }
  return 1;
}

VendorComparison CompareVendors(const Report& report, const std::vector<Evidence>& documents,
                                const PackInfo& pack) {
  // Findings per vendor document, keyed by evidence id (unique within a run).
  std::map<std::string, std::vector<const Finding*>> by_vendor;
  std::set<std::string> judged_controls;  // controls with a finding on some vendor
  for (const Finding& f : report.findings) {
    if (f.evidence && f.evidence->kind == "vendor_questionnaire") {
      by_vendor[f.evidence->id].push_back(&f);
      judged_controls.insert(f.control);
    }
  }

  VendorComparison out;
  std::map<std::string, size_t> row_of;
  for (const ControlInfo& c : pack.controls) {
    if (judged_controls.count(c.id)) {
      row_of[c.id] = out.controls.size();
      out.controls.push_back(c);
    }
  }

  for (const Evidence& doc : documents) {
    if (doc.kind != "vendor_questionnaire") continue;
    VendorScore v;
    v.evidence_id = doc.id;
    v.path = doc.path;
    v.vendor = TextAt(doc.tree, "/vendor/name");
    if (v.vendor.empty()) v.vendor = doc.id;
    v.product = TextAt(doc.tree, "/product/name");
    v.status_by_control.assign(out.controls.size(), FindingStatus::kNotEvaluated);
    std::vector<const Finding*> judged;
    for (const Finding* f : by_vendor[doc.id]) {
      v.counts[static_cast<size_t>(f->status)]++;
      if (auto row = row_of.find(f->control); row != row_of.end()) {
        v.status_by_control[row->second] = f->status;
      }
      if (f->blocking) v.blocking++;
      if (!IsJudged(f->status)) continue;
      judged.push_back(f);
      const uint32_t weight = SeverityWeight(f->severity);
      v.possible += weight;
      if (f->status == FindingStatus::kPass) {
        v.earned += weight;
      } else {
        v.issues.push_back(IssueOf(*f));
      }
    }
    v.score_permille = v.possible == 0 ? 0 : (1000 * v.earned + v.possible / 2) / v.possible;
    v.tier = TierOf(v, judged);
    std::stable_sort(v.issues.begin(), v.issues.end(),
                     [](const VendorIssue& a, const VendorIssue& b) {
                       if (a.blocking != b.blocking) return a.blocking;
                       return a.severity > b.severity;
                     });
    out.vendors.push_back(std::move(v));
  }

  std::stable_sort(out.vendors.begin(), out.vendors.end(),
                   [](const VendorScore& a, const VendorScore& b) {
                     if (a.score_permille != b.score_permille) {
                       return a.score_permille > b.score_permille;
                     }
                     if (a.blocking != b.blocking) return a.blocking < b.blocking;
                     if (a.vendor != b.vendor) return a.vendor < b.vendor;
                     return a.evidence_id < b.evidence_id;
                   });
  for (size_t i = 0; i < out.vendors.size(); ++i)
    out.vendors[i].rank = static_cast<uint32_t>(i + 1);
  return out;
}

}  // namespace aimsgate
