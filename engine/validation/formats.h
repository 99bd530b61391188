// The string formats of the evidence schemas, checked by us rather than by valijson: valijson
// 1.0 compiles a std::regex for every value it checks against "date" or "date-time" (most of the
// cost of validating a document), and accepts impossible days such as 2026-02-30.
#pragma once

#include <string_view>

namespace aimsgate::validation {

// True when `text` is a valid `format` value: "date" (YYYY-MM-DD, a real calendar day),
// "date-time" (RFC 3339: date, 'T', hh:mm:ss, optional fraction, 'Z' or an offset) or "time"
// (RFC 3339 full-time). A format we do not know accepts everything, as draft-07 allows.
bool MatchesFormat(std::string_view format, std::string_view text);

}  // namespace aimsgate::validation
