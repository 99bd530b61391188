// CSV field quoting, exposed for tests.
#pragma once

#include <string>
#include <string_view>

namespace aimsgate::report {

// `value` as one RFC 4180 field: guarded against formula injection (a leading = + - @ tab or
// CR gets an apostrophe), then quoted when it holds , " CR or LF.
std::string CsvField(std::string_view value);

}  // namespace aimsgate::report
