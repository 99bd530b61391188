// Model Card Toolkit bytes -> detection -> ImportModelCardToolkit -> ValidateEvidence and
// evaluation of the imported model card (import_fuzz.h).
#include "fuzz_target.h"
#include "import_fuzz.h"

AIMSGATE_FUZZ_TARGET(input) {
  fuzz::ImportValidateEvaluate(input, aimsgate::EvidenceFormat::kModelCardToolkit);
}
