// Writing a report to a path whole or not at all: the text goes to a temporary file beside the
// target, which is renamed over it only once everything was written and flushed. On failure
// the temporary file is removed and an existing file at the path is left as it was. SIGINT or
// SIGTERM during the write removes the temporary file too, then ends the process with that
// signal (exit status 130 or 143 in a shell). Not for concurrent use from several threads.
#pragma once

#include <fstream>
#include <memory>
#include <string>

#include "aimsgate/status.h"

namespace aimsgate::cli {

Status WriteFileAtomically(const std::string& path, const std::string& contents);

// The same for output written as it comes (NDJSON): a temporary file beside `path` that
// Commit() flushes and renames over it. Destroyed without a successful Commit(), it is removed.
class AtomicOutputStream {
 public:
  static Result<std::unique_ptr<AtomicOutputStream>> Open(const std::string& path);
  ~AtomicOutputStream();
  AtomicOutputStream(const AtomicOutputStream&) = delete;
  AtomicOutputStream& operator=(const AtomicOutputStream&) = delete;

  std::ostream& stream() { return out_; }
  Status Commit();

 private:
  AtomicOutputStream() = default;
  std::string path_, temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace aimsgate::cli
