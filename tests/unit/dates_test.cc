// Calendar arithmetic: strict dates, RFC 3339 timestamps, day counts.
#include "aimsgate/dates.h"

#include <gtest/gtest.h>

#include <optional>

namespace aimsgate {
namespace {

TEST(DatesTest, DaysFromCivilKnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2026, 11, 24), 20781);
  EXPECT_EQ(DaysFromCivil(1900, 1, 1), -25567);
}

TEST(DatesTest, CivilFromDaysKnownDays) {
  EXPECT_EQ(CivilFromDays(0), "1970-01-01");
  EXPECT_EQ(CivilFromDays(-1), "1969-12-31");
  EXPECT_EQ(CivilFromDays(20781), "2026-11-24");
  EXPECT_EQ(CivilFromDays(20781 + 30), "2026-12-24");
  EXPECT_EQ(CivilFromDays(20781 + 180), "2027-05-23");
  EXPECT_EQ(CivilFromDays(-25567), "1900-01-01");
}

TEST(DatesTest, CivilAndDaysRoundTripOverFourCenturies) {
  // 1800-01-01 .. 2200-01-01 crosses 1900 (not leap), 2000 (leap) and 2100 (not leap).
  const int64_t first = DaysFromCivil(1800, 1, 1), last = DaysFromCivil(2200, 1, 1);
  int64_t previous = first - 1;
  for (int64_t day = first; day <= last; ++day) {
    std::optional<int64_t> parsed = ParseDate(CivilFromDays(day));
    ASSERT_TRUE(parsed.has_value()) << CivilFromDays(day);
    ASSERT_EQ(*parsed, day) << CivilFromDays(day);
    ASSERT_EQ(day, previous + 1);
    previous = day;
  }
}

TEST(DatesTest, ParseDateAcceptsRealCalendarDates) {
  EXPECT_EQ(ParseDate("2026-11-24"), std::optional<int64_t>(20781));
  EXPECT_TRUE(ParseDate("2024-02-29").has_value()) << "leap year";
  EXPECT_TRUE(ParseDate("2000-02-29").has_value()) << "divisible by 400";
  EXPECT_TRUE(ParseDate("2026-12-31").has_value());
  EXPECT_TRUE(ParseDate("0001-01-01").has_value());
}

TEST(DatesTest, ParseDateRejectsAnythingElse) {
  for (const char* bad : {"2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                          "2026-01-00", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01",
                          "2026-01-01T00:00:00Z", "2026-01-01 ", " 2026-01-01", "", "yyyy-mm-dd",
                          "2026-0a-01", "+026-01-01"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << "'" << bad << "'";
  }
}

TEST(DatesTest, ParseTimestampBareDateIsMidnightUtc) {
  EXPECT_EQ(ParseTimestamp("2026-11-24"), std::optional<int64_t>(20781 * 86400LL));
}

TEST(DatesTest, ParseTimestampRfc3339) {
  const int64_t midnight = 20781 * 86400LL;
  EXPECT_EQ(ParseTimestamp("2026-11-24T10:20:30Z"), midnight + 10 * 3600 + 20 * 60 + 30);
  EXPECT_EQ(ParseTimestamp("2026-11-24t10:20:30z"), midnight + 37230) << "lowercase t and z";
  EXPECT_EQ(ParseTimestamp("2026-11-24 10:20:30Z"), midnight + 37230) << "space separator";
  EXPECT_EQ(ParseTimestamp("2026-11-24T10:20Z"), midnight + 37200) << "seconds are optional";
  EXPECT_EQ(ParseTimestamp("2026-11-24T10:20:30.123456Z"), midnight + 37230) << "fraction";
  EXPECT_EQ(ParseTimestamp("2026-11-24T10:20:30+02:00"), midnight + 37230 - 7200);
  EXPECT_EQ(ParseTimestamp("2026-11-24T10:20:30-05:30"), midnight + 37230 + 5 * 3600 + 1800);
  // An offset can move the instant to another UTC day.
  EXPECT_EQ(ParseTimestamp("2026-11-24T23:30:00-02:00"), midnight + 86400 + 5400);
  EXPECT_EQ(ParseTimestamp("2026-11-24T00:30:00+01:00"), midnight - 1800);
}

TEST(DatesTest, ParseTimestampRejectsMalformedTimes) {
  for (const char* bad : {"2026-11-24T10:20:30", "2026-11-24T10:20:30+0200", "2026-11-24T24:00:00Z",
                          "2026-11-24T10:60:00Z", "2026-11-24T10:20:61Z", "2026-11-24T1:20:30Z",
                          "2026-11-24T10:20:30.Z", "2026-11-24T10:20:30ZZ", "2026-11-24T10:20:30+24:00",
                          "2026-11-24X10:20:30Z", "2026-11-24T", "2026-02-30T10:20:30Z",
                          "2026-11-24T10:20:30+02:00x"}) {
    EXPECT_FALSE(ParseTimestamp(bad).has_value()) << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace aimsgate
