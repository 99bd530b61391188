// CycloneDX ML-BOM bytes -> detection -> ImportCycloneDx -> ValidateEvidence and evaluation of
// every imported model card (import_fuzz.h).
#include "fuzz_target.h"
#include "import_fuzz.h"

AIMSGATE_FUZZ_TARGET(input) {
  fuzz::ImportValidateEvaluate(input, aimsgate::EvidenceFormat::kCycloneDx);
}
