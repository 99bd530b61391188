// The ISO/IEC 42001:2023 identifiers the engine knows, for programs that show citations.
#pragma once

#include <string>
#include <string_view>

namespace aimsgate {

// The short title (a paraphrase) of identifier `id` ("A.6.2.4"), or "" if it is not one.
std::string Iso42001Title(std::string_view id);

}  // namespace aimsgate
