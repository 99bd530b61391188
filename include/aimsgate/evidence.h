// Evidence: one JSON document of a known kind, with its origin, identity and digest.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/json_tree.h"
#include "aimsgate/status.h"

namespace aimsgate {

// The four evidence kinds of ARCHITECTURE.md, by the name used in the root "kind" member.
inline constexpr std::string_view kEvidenceKinds[] = {"organization", "model_card", "pipeline_run",
                                                      "vendor_questionnaire"};
bool IsEvidenceKind(std::string_view kind);

struct Evidence {
  std::string path;    // as the user gave it; findings cite it
  std::string kind;    // one of kEvidenceKinds
  std::string id;      // the root "id" member, else the file name without extension
  std::string digest;  // "sha256:<hex>" of the bytes read
  JsonTree tree;
  // Gaps an importer found and imported the document with (a metric value that is text, not a
  // number: the value is left out). Located in the source file; they do not fail the run.
  // Always empty for native evidence. Commands print them to stderr (docs/evidence.md).
  std::vector<Diagnostic> warnings;
};

struct EvidenceOptions {
  ParseLimits limits;
  uint32_t first_line = 1;  // where the text starts in its source: an NDJSON line number
  std::string default_id;   // the id of a document without "id"; empty: the file name's stem
};

// Parses `text` as evidence read from `path`: strict JSON, an object with a known "kind" and a
// "schema_version". Every problem is a diagnostic with the JSON Pointer and line:column.
Result<Evidence> ParseEvidence(std::string_view text, const std::string& path,
                               const EvidenceOptions& options = {});

// Checks an already parsed native document (root "kind", "schema_version", "id") and wraps it
// as Evidence read from `path`, whose bytes have `digest`. ParseEvidence is Parse plus this.
// `default_id` names a document without an "id" member (else the file name's stem).
Result<Evidence> NativeEvidence(JsonTree tree, const std::string& path, std::string digest,
                                const std::string& default_id = "");

// The bytes of one evidence file. A missing, unreadable or oversized file is an invalid-input
// Status naming it.
Result<std::string> ReadEvidenceFile(const std::string& path, const EvidenceOptions& options = {});

// Reads and parses one file. A missing or unreadable file is an invalid-input Status.
Result<Evidence> LoadEvidenceFile(const std::string& path, const EvidenceOptions& options = {});

// Expands files and directories (recursively, *.json, sorted by path) into the list of files
// to load, in a deterministic order. A path that does not exist is a diagnostic.
Result<std::vector<std::string>> ExpandEvidencePaths(const std::vector<std::string>& paths);

}  // namespace aimsgate
