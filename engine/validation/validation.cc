// ValidateEvidence: the public face of this folder.
#include "aimsgate/validation.h"

#include "validation/compiled_schema.h"
#include "validation/validator.h"

namespace aimsgate {

std::vector<Diagnostic> ValidateEvidence(const Evidence& evidence) {
  const validation::CompiledSchema* schema = validation::EvidenceSchema(evidence.kind);
  if (schema == nullptr) {
    Diagnostic d;
    d.location.file = evidence.path;
    d.message = "no schema for evidence kind '" + evidence.kind + "'";
    return {d};
  }
  return validation::ValidateTree(*schema, evidence.tree, evidence.path);
}

}  // namespace aimsgate
