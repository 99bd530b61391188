// The Lua API reference for pack authors, generated from the engine's own tables of host
// functions (and the prelude's), so that docs/lua-api.md cannot drift from what packs can call.
#pragma once

#include <string>

namespace aimsgate {

// docs/lua-api.md, as Markdown.
std::string LuaApiReference();

}  // namespace aimsgate
