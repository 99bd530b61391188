#include "validation/formats.h"

#include "aimsgate/dates.h"

namespace aimsgate::validation {
namespace {

bool Digits(std::string_view s, size_t at, size_t n, int* value) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

// hh:mm:ss[.frac](Z|z|+hh:mm|-hh:mm), RFC 3339 full-time.
bool FullTime(std::string_view s) {
  int hour = 0, minute = 0, second = 0;
  if (!Digits(s, 0, 2, &hour) || s.size() < 8 || s[2] != ':' || !Digits(s, 3, 2, &minute) ||
      s[5] != ':' || !Digits(s, 6, 2, &second)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;  // 60: a leap second
  size_t at = 8;
  if (at < s.size() && s[at] == '.') {
    const size_t digits = ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    if (at == digits) return false;
  }
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) return at + 1 == s.size();
  int offset_hour = 0, offset_minute = 0;
  return at < s.size() && (s[at] == '+' || s[at] == '-') && s.size() == at + 6 &&
         Digits(s, at + 1, 2, &offset_hour) && s[at + 3] == ':' &&
         Digits(s, at + 4, 2, &offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

}  // namespace

bool MatchesFormat(std::string_view format, std::string_view text) {
  if (format == "date") return ParseDate(text).has_value();
  if (format == "date-time") {
    return text.size() > 11 && (text[10] == 'T' || text[10] == 't') &&
           ParseDate(text.substr(0, 10)).has_value() && FullTime(text.substr(11));
  }
  if (format == "time") return FullTime(text);
  return true;
}

}  // namespace aimsgate::validation
