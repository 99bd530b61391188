// Reading evidence as NDJSON (`aimsgate eval -`): one JSON document per line. Blank lines are
// not documents and are passed over; a trailing '\r' is dropped. Each document keeps its line
// number, so errors and findings point at `<stdin>:LINE:COL`.
#pragma once

#include <cstdint>
#include <istream>
#include <string>

#include "aimsgate/engine.h"

namespace aimsgate::cli {

inline constexpr const char* kStdinPath = "<stdin>";

class NdjsonReader {
 public:
  explicit NdjsonReader(std::istream& in) : in_(in) {}

  // The next document (path "<stdin>", first_line its line, default id "stdin-line-N" for a
  // document without "id"); false at the end of the input.
  bool Next(StreamInput* out);

 private:
  std::istream& in_;
  uint32_t line_ = 0;
};

}  // namespace aimsgate::cli
