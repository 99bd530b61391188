// The body shared by the importer targets (import_cyclonedx, import_mct): the bytes are parsed
// and their format detected as `eval` does (ParseEvidenceDocuments' steps); a file of the
// target's format goes through its importer, and every document it imports is schema-validated
// and evaluated with the bundled ISO/IEC 42001 pack, as `eval` would.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/import.h"
#include "aimsgate/validation.h"

namespace fuzz {

inline aimsgate::Engine& BundledEngine() {
  static aimsgate::Engine* engine = [] {
    auto* e = new aimsgate::Engine(aimsgate::EngineOptions{});
    if (!e->LoadPack(aimsgate::PackSource::Bundled()).ok()) __builtin_trap();
    return e;
  }();
  return *engine;
}

// Runs `input` through the importer of `format` when it is a file of that format.
inline void ImportValidateEvaluate(std::string_view input, aimsgate::EvidenceFormat format) {
  const std::string path = "fuzz-import.json";
  aimsgate::Result<aimsgate::JsonTree> tree = aimsgate::JsonTree::Parse(input, path);
  if (!tree.ok()) return;
  aimsgate::Result<aimsgate::EvidenceFormat> detected = aimsgate::DetectEvidenceFormat(*tree, path);
  if (!detected.ok() || *detected != format) return;
  aimsgate::Result<std::vector<aimsgate::Evidence>> docs =
      format == aimsgate::EvidenceFormat::kCycloneDx
          ? aimsgate::ImportCycloneDx(*tree, path, "sha256:0")
          : aimsgate::ImportModelCardToolkit(*tree, path, "sha256:0");
  if (!docs.ok()) return;
  // An import that succeeds yields model cards: at least one (CycloneDX), exactly one (MCT).
  if (docs->empty()) __builtin_trap();
  if (format == aimsgate::EvidenceFormat::kModelCardToolkit && docs->size() != 1) __builtin_trap();
  for (const aimsgate::Evidence& doc : *docs) {
    if (doc.kind != "model_card" || doc.path != path) __builtin_trap();
    (void)aimsgate::ValidateEvidence(doc);
  }
  aimsgate::EvalOptions options;
  options.as_of = "2026-11-24";
  aimsgate::Result<aimsgate::Report> r = BundledEngine().Evaluate(*docs, options);
  if (!r.ok()) __builtin_trap();  // imported evidence must always evaluate
}

}  // namespace fuzz
