#include "aimsgate/status.h"

namespace aimsgate {

std::string Location::ToString() const {
  std::string out = file.empty() ? "<input>" : file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  if (pointer) out += " (" + (pointer->empty() ? std::string("document root") : *pointer) + ")";
  return out;
}

std::string Diagnostic::ToString() const {
  return location.ToString() + (severity == Severity::kError ? ": error: " : ": warning: ") +
         message;
}

Status Status::InvalidInput(std::string message, std::vector<Diagnostic> diagnostics) {
  Status s;
  s.code_ = Code::kInvalidInput;
  s.message_ = std::move(message);
  s.diagnostics_ = std::move(diagnostics);
  return s;
}

Status Status::InvalidInput(std::vector<Diagnostic> diagnostics) {
  std::string message = diagnostics.size() == 1
                            ? diagnostics.front().ToString()
                            : std::to_string(diagnostics.size()) + " problems";
  return InvalidInput(std::move(message), std::move(diagnostics));
}

Status Status::Internal(std::string message) {
  Status s;
  s.code_ = Code::kInternal;
  s.message_ = std::move(message);
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  if (diagnostics_.size() == 1 && diagnostics_.front().ToString() == message_) return message_;
  std::string out = message_;
  for (const Diagnostic& d : diagnostics_) out += "\n" + d.ToString();
  return out;
}

}  // namespace aimsgate
