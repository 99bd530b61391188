// Calendar arithmetic on the proleptic Gregorian calendar, UTC only. Evidence dates are
// "YYYY-MM-DD" or RFC 3339 date-times; the engine never reads the system clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aimsgate {

// Days since 1970-01-01 of a valid civil date.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
// "YYYY-MM-DD" of a day count.
std::string CivilFromDays(int64_t days);

// Parses "YYYY-MM-DD" strictly (a real calendar date). Returns days since the epoch.
std::optional<int64_t> ParseDate(std::string_view text);
// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS[.frac]](Z|+HH:MM|-HH:MM)" to seconds since the
// epoch, UTC. A bare date is its midnight UTC.
std::optional<int64_t> ParseTimestamp(std::string_view text);

// Today's date in UTC: the default --as-of, read only by the CLI.
std::string TodayUtc();

}  // namespace aimsgate
