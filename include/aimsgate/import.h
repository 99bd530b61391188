// Evidence in foreign formats: CycloneDX ML-BOMs and TensorFlow Model Card Toolkit JSON become
// native model_card documents, and a file's format is told from its root. Imported documents keep
// the original file as their path, and every value of their tree keeps the line:column of the
// source value it came from, so findings point into the file the user has. Importers map only
// what the source says; what it lacks stays absent. Thread-safe: no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/evidence.h"
#include "aimsgate/json_tree.h"
#include "aimsgate/status.h"

namespace aimsgate {

enum class EvidenceFormat {
  kNative,            // a root "kind" (docs/evidence.md)
  kCycloneDx,         // a root "bomFormat": "CycloneDX"
  kModelCardToolkit,  // no "kind" or "bomFormat", and a root "model_details" object
};

// "native", "CycloneDX", "Model Card Toolkit".
std::string_view EvidenceFormatName(EvidenceFormat format);

// Tells the format of a parsed file from its root. A root that is none of the three (not an
// object, a JSON Schema, other JSON) is an invalid-input Status located at the root.
Result<EvidenceFormat> DetectEvidenceFormat(const JsonTree& tree, const std::string& path);

// One model_card per component of type "machine-learning-model" (in components, nested
// components and metadata.component), in document order. `digest` is the file's. Every problem
// (an unsupported specVersion, no model component, a dangling dataset ref, a member of the
// wrong type) is a located error diagnostic; any error fails the whole file, and the Status
// then holds the file's warnings too. A metric value or confidence bound that is text but not a
// number is no error: it is left out and reported in the document's Evidence::warnings.
Result<std::vector<Evidence>> ImportCycloneDx(const JsonTree& bom, const std::string& path,
                                              const std::string& digest);

// The one model_card of a Model Card Toolkit file (schema v0.0.2); errors and warnings as for
// CycloneDX.
Result<std::vector<Evidence>> ImportModelCardToolkit(const JsonTree& card, const std::string& path,
                                                     const std::string& digest);

// Parses `text` read from `path`, detects its format and returns its documents: one for native
// evidence and Model Card Toolkit files, one per model for CycloneDX.
Result<std::vector<Evidence>> ParseEvidenceDocuments(std::string_view text, const std::string& path,
                                                     const EvidenceOptions& options = {});

// Reads one file and returns ParseEvidenceDocuments of it.
Result<std::vector<Evidence>> LoadEvidenceDocuments(const std::string& path,
                                                    const EvidenceOptions& options = {});

}  // namespace aimsgate
