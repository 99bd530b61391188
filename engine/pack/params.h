// Pack parameters across layers: the type a param is declared with binds every later value,
// whether an extending pack, an override or --param sets it.
#pragma once

#include <optional>
#include <string_view>

#include "aimsgate/pack.h"

namespace aimsgate {

// "int", "float", "bool" or "string".
std::string_view ParamTypeName(const ParamValue& value);

// Makes `*given` the declared param's type: the same type, or an int where a float is declared.
// False when the types do not match.
bool CoerceParam(const ParamValue& declared, ParamValue* given);

// Parses --param text as the declared param's type: an int ("12"), a float ("0.05", "1"),
// a bool ("true", "false") or any string. Nothing when the text is not of that type.
std::optional<ParamValue> ParseParamText(const ParamValue& declared, std::string_view text);

}  // namespace aimsgate
