// Mapper: what both importers share. It reads a parsed source file and writes one native
// document into a JsonTreeComposer, giving every value it writes the line:column of the source
// value it came from, and collects located diagnostics (file, source JSON Pointer, line:column)
// instead of stopping at the first problem: errors, which fail the file, and warnings, gaps the
// document is imported with (a metric value that is placeholder text).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aimsgate/json_tree.h"
#include "aimsgate/status.h"

namespace aimsgate::import {

// Reads `text` as a number: a JSON-style decimal ("0.93", "-1", "1e-3"), optionally with
// surrounding spaces, or a percentage ("93%", read as 0.93). Returns false for anything else
// ("high", "", "NaN", "0x1F", "1,000").
bool ParseNumber(std::string_view text, double* value);

// What Mapper::CopyNumber does with a string that is not a number.
struct TextNotNumber {
  bool warn = false;         // false: an error; true: a warning, and the member is not written
  std::string_view omitted;  // for a warning: what the import then lacks ("the metric is
                             // imported without a value")
};

class Mapper {
 public:
  using Position = JsonTreeComposer::Position;

  Mapper(const JsonTree& source, const std::string& path) : src_(source), path_(path) {}

  const JsonTree& src() const { return src_; }
  JsonTreeComposer& out() { return out_; }
  Position At(NodeId n) const { return {src_.line(n), src_.column(n)}; }

  // Reports a problem at source value `n`.
  void Error(NodeId n, std::string message);
  bool failed() const { return !diagnostics_.empty(); }
  std::vector<Diagnostic> TakeDiagnostics() { return std::move(diagnostics_); }
  // Reports a gap at source value `n` that the document is still imported with.
  void Warn(NodeId n, std::string message);
  // The warnings reported since the last call, in the order they were reported.
  std::vector<Diagnostic> TakeWarnings() { return std::exchange(warnings_, {}); }

  // The member `key` of object `obj` when it is an object (an array, a string); kNoNode when
  // `obj` is kNoNode or has no such member; a reported error and kNoNode when it is of
  // another type.
  NodeId Object(NodeId obj, std::string_view key);
  NodeId Array(NodeId obj, std::string_view key);
  NodeId String(NodeId obj, std::string_view key);
  // Checks that array element `n` is an object; reports it when not.
  bool IsObject(NodeId n, std::string_view what);

  // Writes member `to` with the string member `from` of `obj`; nothing when it is absent.
  void CopyString(NodeId obj, std::string_view from, std::string_view to);
  // Writes member `to` with the array of strings `from`.
  void CopyStrings(NodeId obj, std::string_view from, std::string_view to);
  // Writes member `to` with the number `from`: a JSON number as it is, a string through
  // ParseNumber. A string that is not a number is what `text` says (an error by default),
  // anything else a located error; both name `what`. A number is never guessed.
  void CopyNumber(NodeId obj, std::string_view from, std::string_view to, std::string_view what,
                  TextNotNumber text = {});
  // Writes member `to` with an object {name, value} list (CycloneDX properties).
  void CopyProperties(NodeId obj, std::string_view from, std::string_view to);

  // The numbers of one performance metric: its `value`, and the bounds of its object
  // `interval` as `confidence_interval` {lower_bound, upper_bound}. Text that is not a number
  // (the placeholders of CycloneDX's own samples) is a warning and the member is left out, so
  // the controls that read it find it missing (docs/evidence.md, "Numbers").
  void CopyMetricValue(NodeId metric);
  void CopyConfidenceInterval(NodeId metric, std::string_view interval, std::string_view lower,
                              std::string_view upper);

  // The file's failure: every error, with `warnings` and those not yet taken, in source order.
  Status Failure(std::vector<Diagnostic> warnings = {});

  // The document composed so far; the mapper is then ready for the next one.
  Result<JsonTree> TakeTree();

 private:
  NodeId Typed(NodeId obj, std::string_view key, JsonType type, const char* type_name);

  const JsonTree& src_;
  const std::string& path_;
  JsonTreeComposer out_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<Diagnostic> warnings_;
};

// "an object", "a string", ...: for messages.
const char* JsonTypeName(JsonType type);

}  // namespace aimsgate::import
