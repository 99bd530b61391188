// The error vocabulary of the public API: Diagnostic, Status and Result<T>.
// No exception crosses the API; every failure is a Status carrying located diagnostics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace aimsgate {

// Where a problem is. For source files (packs): file and line (column when known).
// For evidence: file, JSON Pointer, and the line:column of the value it names.
struct Location {
  std::string file;
  uint32_t line = 0;    // 1-based; 0 when unknown
  uint32_t column = 0;  // 1-based; 0 when unknown
  std::optional<std::string> pointer;

  // "file:line:col" (omitting what is unknown), then " (pointer)" for evidence.
  std::string ToString() const;
};

// One located problem. Loaders collect all of them rather than stopping at the first.
struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  Location location;
  std::string message;

  // "file:line:col: error: message"
  std::string ToString() const;
};

// The outcome of an operation. Success carries nothing and costs nothing.
class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidInput,  // bad evidence, a pack that does not load, bad usage: exit code 2
    kInternal,      // a bug or an environment failure: exit code 3
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string message, std::vector<Diagnostic> diagnostics = {});
  static Status InvalidInput(std::vector<Diagnostic> diagnostics);
  static Status Internal(std::string message);

  // Returns true iff the status indicates success.
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  // The message followed by every diagnostic, one per line.
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<Diagnostic> diagnostics_;
};

// A value or the Status that explains why there is none. A default-constructed Result is
// not a success: it holds an internal error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result() : state_(Status::Internal("uninitialised result")) {}
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  // The error; Status::Ok() when ok().
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace aimsgate
