#include "pack/params.h"

#include <charconv>
#include <string>

namespace aimsgate {

std::string_view ParamTypeName(const ParamValue& value) {
  switch (value.index()) {
    case 0:
      return "bool";
    case 1:
      return "int";
    case 2:
      return "float";
    default:
      return "string";
  }
}

bool CoerceParam(const ParamValue& declared, ParamValue* given) {
  if (declared.index() == given->index()) return true;
  if (std::holds_alternative<double>(declared) && std::holds_alternative<int64_t>(*given)) {
    *given = static_cast<double>(std::get<int64_t>(*given));
    return true;
  }
  return false;
}

std::optional<ParamValue> ParseParamText(const ParamValue& declared, std::string_view text) {
  if (std::holds_alternative<std::string>(declared)) return ParamValue(std::string(text));
  if (std::holds_alternative<bool>(declared)) {
    if (text == "true") return ParamValue(true);
    if (text == "false") return ParamValue(false);
    return std::nullopt;
  }
  const char* end = text.data() + text.size();
  if (std::holds_alternative<int64_t>(declared)) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
    return ParamValue(v);
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), end, v, std::chars_format::fixed);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return ParamValue(v);
}

}  // namespace aimsgate
