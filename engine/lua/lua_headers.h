// Lua 5.4 built as C++ (Debian's liblua5.4-c++): a Lua error unwinds C++ destructors.
// Include this, never <lua.h> directly, so every file agrees on the linkage.
#pragma once

#include <lua5.4/lua.hpp>
