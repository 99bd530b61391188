// Waiver file bytes -> ParseWaivers (what `eval --waivers` and `soa --waivers` read), and when
// the file parses, ApplyWaivers to a small fixed report whose findings the seed waivers name
// (controls A.6.2.4 and A.10.3, evidence ids that the seed globs match and miss).
#include <string>
#include <vector>

#include "aimsgate/waivers.h"
#include "fuzz_target.h"

namespace {

aimsgate::Finding MakeFinding(const char* control, aimsgate::FindingStatus status,
                              const char* evidence_id) {
  aimsgate::Finding f;
  f.control = control;
  f.status = status;
  f.blocking = status == aimsgate::FindingStatus::kFail;
  aimsgate::EvidenceRef ref;
  ref.path = std::string(evidence_id) + ".json";
  ref.kind = "model_card";
  ref.id = evidence_id;
  f.evidence = ref;
  return f;
}

const aimsgate::Report& FixedReport() {
  using S = aimsgate::FindingStatus;
  static const aimsgate::Report* report = [] {
    auto* r = new aimsgate::Report;
    r->as_of = "2026-11-24";
    r->findings = {
        MakeFinding("A.6.2.4", S::kFail, "acme-retail-credit-pd"),
        MakeFinding("A.6.2.4", S::kInsufficientEvidence, "credit-challenger"),
        MakeFinding("A.6.2.4", S::kPass, "credit-ok"),
        MakeFinding("A.6.2.4", S::kError, "credit-broken"),
        MakeFinding("A.10.3", S::kFail, "vq-acme"),
        MakeFinding("A.10.3", S::kFail,
                    "vendor-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"),
        MakeFinding("A.5.2", S::kNotEvaluated, ""),
    };
    r->findings.back().evidence.reset();
    return r;
  }();
  return *report;
}

}  // namespace

AIMSGATE_FUZZ_TARGET(input) {
  aimsgate::Result<std::vector<aimsgate::Waiver>> waivers =
      aimsgate::ParseWaivers(input, "fuzz-waivers.json");
  if (!waivers.ok()) {
    // Every problem is located in the file. (status() returns a copy: keep it alive.)
    const aimsgate::Status status = waivers.status();
    for (const aimsgate::Diagnostic& d : status.diagnostics()) {
      if (d.location.file != "fuzz-waivers.json") __builtin_trap();
    }
    return;
  }
  aimsgate::Report report = FixedReport();
  aimsgate::ApplyWaivers(*waivers, report.as_of, &report);
  // Every waiver given has an outcome, and a waived finding records the waiver that applied.
  if (report.waivers.size() != waivers->size()) __builtin_trap();
  for (const aimsgate::Finding& f : report.findings) {
    if ((f.status == aimsgate::FindingStatus::kWaived) != f.waiver.has_value()) __builtin_trap();
  }
}
