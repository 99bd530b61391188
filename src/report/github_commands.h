// Escaping for GitHub Actions workflow commands (`::error file=F,line=L::message`), as
// @actions/core does it. Exposed for tests.
#pragma once

#include <string>
#include <string_view>

namespace aimsgate::report {

// A command's message: % \r \n become %25 %0D %0A.
std::string EscapeCommandData(std::string_view text);

// A property value (file=, title=): as data, and : , become %3A %2C.
std::string EscapeCommandProperty(std::string_view text);

}  // namespace aimsgate::report
