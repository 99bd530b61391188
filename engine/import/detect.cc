// Telling a file's format from its root, and loading every document a file holds.
#include "aimsgate/import.h"
#include "util/sha256.h"

namespace aimsgate {
namespace {

Status RootError(const JsonTree& tree, const std::string& path, std::string message) {
  Diagnostic d;
  d.location = {path, tree.line(tree.root()), tree.column(tree.root()), std::string()};
  d.message = std::move(message);
  return Status::InvalidInput({std::move(d)});
}

Status MemberError(const JsonTree& tree, NodeId n, const std::string& path, std::string message) {
  Diagnostic d;
  d.location = {path, tree.line(n), tree.column(n), tree.PointerOf(n)};
  d.message = std::move(message);
  return Status::InvalidInput({std::move(d)});
}

}  // namespace

std::string_view EvidenceFormatName(EvidenceFormat format) {
  switch (format) {
    case EvidenceFormat::kNative:
      return "native";
    case EvidenceFormat::kCycloneDx:
      return "CycloneDX";
    case EvidenceFormat::kModelCardToolkit:
      return "Model Card Toolkit";
  }
  return "unknown";
}

// The rule, in order: "kind" -> native; "bomFormat" -> CycloneDX (when it says so); a "$schema"
// naming json-schema.org -> a JSON Schema, rejected; "model_details" -> Model Card Toolkit.
Result<EvidenceFormat> DetectEvidenceFormat(const JsonTree& tree, const std::string& path) {
  const NodeId root = tree.root();
  if (root == kNoNode || tree.type(root) != JsonType::kObject) {
    // The native check words this case; there is no foreign format to recognise.
    return EvidenceFormat::kNative;
  }
  if (tree.member(root, "kind") != kNoNode) return EvidenceFormat::kNative;
  if (const NodeId format = tree.member(root, "bomFormat"); format != kNoNode) {
    if (tree.type(format) == JsonType::kString && tree.string(format) == "CycloneDX") {
      return EvidenceFormat::kCycloneDx;
    }
    return MemberError(tree, format, path,
                       "\"bomFormat\" is not \"CycloneDX\": not a BOM aimsgate can import");
  }
  const NodeId schema = tree.member(root, "$schema");
  if (schema != kNoNode && tree.type(schema) == JsonType::kString &&
      tree.string(schema).find("json-schema.org") != std::string_view::npos) {
    return RootError(tree, path,
                     "this is a JSON Schema (\"$schema\": \"" + std::string(tree.string(schema)) +
                         "\"), not evidence: give the documents it describes");
  }
  if (const NodeId details = tree.member(root, "model_details");
      details != kNoNode && tree.type(details) == JsonType::kObject) {
    return EvidenceFormat::kModelCardToolkit;
  }
  return RootError(tree, path,
                   "not evidence aimsgate knows: no root \"kind\" (native evidence), "
                   "\"bomFormat\": \"CycloneDX\" (an ML-BOM) or \"model_details\" (a Model Card "
                   "Toolkit card)");
}

Result<std::vector<Evidence>> ParseEvidenceDocuments(std::string_view text, const std::string& path,
                                                     const EvidenceOptions& options) {
  Result<JsonTree> parsed = JsonTree::Parse(text, path, options.limits);
  if (!parsed.ok()) return parsed.status();
  Result<EvidenceFormat> format = DetectEvidenceFormat(*parsed, path);
  if (!format.ok()) return format.status();
  std::string digest = Sha256Digest(text);
  switch (*format) {
    case EvidenceFormat::kCycloneDx:
      return ImportCycloneDx(*parsed, path, digest);
    case EvidenceFormat::kModelCardToolkit:
      return ImportModelCardToolkit(*parsed, path, digest);
    case EvidenceFormat::kNative:
      break;
  }
  Result<Evidence> ev = NativeEvidence(std::move(parsed).value(), path, std::move(digest));
  if (!ev.ok()) return ev.status();
  std::vector<Evidence> documents;
  documents.push_back(std::move(ev).value());
  return documents;
}

Result<std::vector<Evidence>> LoadEvidenceDocuments(const std::string& path,
                                                    const EvidenceOptions& options) {
  Result<std::string> text = ReadEvidenceFile(path, options);
  if (!text.ok()) return text.status();
  return ParseEvidenceDocuments(*text, path, options);
}

}  // namespace aimsgate
