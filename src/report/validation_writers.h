// Writers for `aimsgate validate`: the schema check of each evidence document. Deterministic:
// the same results give the same bytes.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "aimsgate/status.h"

namespace aimsgate::report {

// One document (or one path that could not be read or expanded) and its problems.
struct DocumentValidation {
  std::string path;
  std::optional<std::string> kind;  // known once the document parsed
  std::optional<std::string> id;
  std::vector<Diagnostic> errors;  // empty when valid
};

// For people: "PATH: valid (kind)" or one located diagnostic per line, then a summary line.
void WriteValidationText(const std::vector<DocumentValidation>& documents, std::ostream& out);

// The contract: schemas/validation.schema.json.
void WriteValidationJson(const std::vector<DocumentValidation>& documents, std::ostream& out);

}  // namespace aimsgate::report
