#include "lua/sandbox.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "lua/pattern_matcher.h"

namespace aimsgate {
namespace {

// The count hook runs every this many VM instructions; once a call is killed, on every one.
constexpr int kHookInterval = 1000;

// Bytes a C function may allocate for the price of one VM instruction.
constexpr size_t kBytesPerInstruction = 64;

// Metatable field that marks a table frozen by Freeze(); checked with raw access only.
constexpr const char* kFrozenMark = "__aimsgate_frozen";

// Base-library functions that are removed, and why.
constexpr const char* kRemovedGlobals[] = {
    "dofile",          // reads files
    "loadfile",        // reads files
    "load",            // compiles code at run time, binary chunks included
    "collectgarbage",  // lets a pack stop or tune the collector the memory cap relies on
    "print",           // stdout carries the report
    "warn",            // stderr carries diagnostics
};

bool IsFrozen(lua_State* L, int index) {
  if (!lua_getmetatable(L, index)) return false;
  lua_pushstring(L, kFrozenMark);
  lua_rawget(L, -2);
  bool frozen = lua_toboolean(L, -1);
  lua_pop(L, 2);
  return frozen;
}

// rawset that refuses frozen tables: otherwise it would write past __newindex.
int SafeRawset(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  if (IsFrozen(L, 1)) return luaL_error(L, "attempt to modify a read-only table");
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

// setmetatable that refuses finalizers: a __gc would run pack code outside any check.
int SafeSetmetatable(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushstring(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) return luaL_error(L, "__gc metamethods are not allowed");
    lua_pop(L, 1);
  }
  if (IsFrozen(L, 1)) return luaL_error(L, "attempt to modify a read-only table");
  lua_pushvalue(L, lua_upvalueindex(1));  // the original setmetatable
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int ReadOnlyNewindex(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING) {
    return luaL_error(L, "attempt to assign to '%s' in a read-only table", lua_tostring(L, 2));
  }
  return luaL_error(L, "attempt to modify a read-only table");
}

int UnknownGlobal(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING) {
    return luaL_error(L, "unknown global '%s'", lua_tostring(L, 2));
  }
  return luaL_error(L, "unknown global");
}

int GlobalNewindex(lua_State* L) {
  return luaL_error(L, "assignment to global '%s': globals are read-only in a pack (use 'local')",
                    lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

// Iteration order over a Lua table depends on its string hashes, and Lua seeds those afresh in
// every state, so plain `next` order differs from run to run. pairs() therefore walks keys in
// a fixed order: numbers (ascending), then strings (bytewise), then booleans, then the rest.
struct SortKey {
  int rank;
  lua_Number number;
  std::string text;
  int slot;  // index of the key in the scratch table
};

bool operator<(const SortKey& a, const SortKey& b) {
  if (a.rank != b.rank) return a.rank < b.rank;
  if (a.rank == 0) return a.number < b.number;
  if (a.rank == 1 || a.rank == 2) return a.text < b.text;
  return a.slot < b.slot;
}

// Iterator of SortedPairsOver: upvalues are the table, the sorted keys and the position.
int SortedNext(lua_State* L) {
  const lua_Integer i = lua_tointeger(L, lua_upvalueindex(3)) + 1;
  if (lua_rawgeti(L, lua_upvalueindex(2), i) == LUA_TNIL) return 1;
  lua_pushinteger(L, i);
  lua_replace(L, lua_upvalueindex(3));
  lua_pushvalue(L, -1);
  lua_rawget(L, lua_upvalueindex(1));
  return 2;
}

// Pushes the three values of a generic for over the table at `index`, in sorted key order;
// the value at `state_index` is handed out as the loop's state (the table pairs() was given).
int SortedPairsOver(lua_State* L, int index, int state_index) {
  index = lua_absindex(L, index);
  state_index = lua_absindex(L, state_index);
  lua_newtable(L);  // scratch: slot -> key
  const int scratch = lua_gettop(L);
  std::vector<SortKey> keys;
  lua_pushnil(L);
  while (lua_next(L, index)) {
    lua_pop(L, 1);
    SortKey k{3, 0, {}, static_cast<int>(keys.size()) + 1};
    switch (lua_type(L, -1)) {
      case LUA_TNUMBER:
        k.rank = 0;
        k.number = lua_tonumber(L, -1);
        break;
      case LUA_TSTRING: {
        size_t len;
        const char* text = lua_tolstring(L, -1, &len);
        k.rank = 1;
        k.text.assign(text, len);
        break;
      }
      case LUA_TBOOLEAN:
        k.rank = 2;
        k.text = lua_toboolean(L, -1) ? "1" : "0";
        break;
      default:
        break;
    }
    lua_pushvalue(L, -1);
    lua_rawseti(L, scratch, k.slot);
    keys.push_back(std::move(k));
  }
  std::sort(keys.begin(), keys.end());
  lua_createtable(L, static_cast<int>(keys.size()), 0);  // position -> key, sorted
  for (size_t i = 0; i < keys.size(); ++i) {
    lua_rawgeti(L, scratch, keys[i].slot);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_pushvalue(L, index);
  lua_insert(L, -2);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, SortedNext, 3);
  lua_remove(L, scratch);
  lua_pushvalue(L, state_index);  // the state a generic for passes back (SortedNext keeps its own)
  lua_pushnil(L);
  return 3;
}

// __pairs of a frozen table: its shadow's keys in sorted order.
int FrozenPairs(lua_State* L) {
  lua_getmetatable(L, 1);
  lua_pushstring(L, "__index");
  lua_rawget(L, -2);
  return SortedPairsOver(L, -1, 1);
}

// pairs(): a __pairs metamethod if there is one (evidence nodes: document order; frozen
// tables: sorted), else the table's keys in sorted order.
int SortedPairs(lua_State* L) {
  luaL_checkany(L, 1);
  if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
    lua_pushvalue(L, 1);
    lua_call(L, 1, 3);
    return 3;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  return SortedPairsOver(L, 1, 1);
}

// next, rawget and rawlen read a frozen table's contents, as they read any other table's.
int SafeNext(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  PushTableContents(L, 1);
  lua_replace(L, 1);
  if (lua_next(L, 1)) return 2;
  lua_pushnil(L);
  return 1;
}

int SafeRawget(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  PushTableContents(L, 1);
  lua_insert(L, 2);
  lua_rawget(L, 2);
  return 1;
}

int SafeRawlen(lua_State* L) {
  if (lua_type(L, 1) == LUA_TTABLE) {
    PushTableContents(L, 1);
    lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, -1)));
    return 1;
  }
  luaL_argexpected(L, lua_type(L, 1) == LUA_TSTRING, 1, "table or string");
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1)));
  return 1;
}

int FrozenLen(lua_State* L) {
  lua_getmetatable(L, 1);
  lua_pushstring(L, "__index");
  lua_rawget(L, -2);
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, -1)));
  return 1;
}

// Error handler for guarded calls. Lua puts "chunk:line:" in front of errors raised by Lua
// code; an error raised inside a C function (a library call given nil) has no position, so
// this adds the innermost pack line on the stack.
int MessageHandler(lua_State* L) {
  std::string message;
  if (lua_type(L, 1) == LUA_TSTRING) {
    message = lua_tostring(L, 1);
  } else if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
    message = lua_tostring(L, -1);
  } else {
    message = std::string("(error object is a ") + luaL_typename(L, 1) + " value)";
  }
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); ++level) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline <= 0 || ar.source == nullptr || ar.source[0] != '@') continue;
    const std::string where = std::string(ar.source + 1) + ":";
    if (message.compare(0, where.size(), where) != 0) {
      message = where + std::to_string(ar.currentline) + ": " + message;
    }
    break;
  }
  lua_pushlstring(L, message.data(), message.size());
  return 1;
}

// string and utf8 functions scan their string arguments in C, where the hook cannot count:
// each call is charged the bytes it is given, at kBytesPerInstruction, before it runs.
void ChargeStringArguments(lua_State* L) {
  size_t bytes = 0;
  const int args = lua_gettop(L);
  for (int i = 1; i <= args; ++i) {
    if (lua_type(L, i) == LUA_TSTRING) bytes += lua_rawlen(L, i);
  }
  Sandbox::From(L)->ChargeBytes(bytes);
}

// The wrapped library function (upvalue 1) has no upvalues of its own: it runs in this call's
// frame, on the same arguments; a Lua call per string.find would cost more than the find.
int ChargedCallInPlace(lua_State* L) {
  ChargeStringArguments(L);
  return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

// The wrapped function keeps upvalues (our pattern matcher keeps its step charge in one): it
// needs its own frame to see them.
int ChargedCall(lua_State* L) {
  ChargeStringArguments(L);
  const int args = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, args, LUA_MULTRET);
  return lua_gettop(L);
}

// Functions that scan their string arguments without allocating in proportion: the others
// (upper, rep, format, sub, ...) are charged through the allocator already.
constexpr const char* kScanningStringFunctions[] = {"find", "match", "gmatch", "gsub", "byte"};
constexpr const char* kScanningUtf8Functions[] = {"len", "codepoint", "offset", "codes"};

// Replaces the named functions of the library table at the top of the stack with charged ones.
template <size_t N>
void ChargeLibrary(lua_State* L, const char* const (&names)[N]) {
  for (const char* name : names) {
    lua_getfield(L, -1, name);
    // Which wrapper is decided once here, not on every call.
    const bool has_upvalues = lua_getupvalue(L, -1, 1) != nullptr;
    if (has_upvalues) lua_pop(L, 1);
    lua_pushcclosure(L, has_upvalues ? ChargedCall : ChargedCallInPlace, 1);
    lua_setfield(L, -2, name);
  }
}

}  // namespace

void Sandbox::ChargeBytes(size_t bytes) {
  if (!in_call_ || bytes < kBytesPerInstruction) return;
  instructions_ += bytes / kBytesPerInstruction;
  if (instructions_ > limits_.instruction_budget && !budget_exceeded_) {
    budget_exceeded_ = true;
    if (killed_at_.empty()) killed_at_ = CurrentPackLine();
    lua_sethook(L_, CountHook, LUA_MASKCOUNT, 1);  // the next instruction stops the check
  }
}

void Sandbox::ChargePatternSteps(lua_State* L, uint64_t steps) {
  Sandbox* self = From(L);
  if (!self->in_call_) return;
  self->instructions_ += steps;
  if (self->instructions_ <= self->limits_.instruction_budget) return;
  // Inside the matcher no VM instruction comes to stop the call: stop it here.
  self->budget_exceeded_ = true;
  if (self->killed_at_.empty()) self->killed_at_ = self->CurrentPackLine();
  self->Kill();
  luaL_error(L, "instruction budget exceeded");
}

Sandbox::Sandbox(const SandboxLimits& limits) : limits_(limits) {}

Sandbox::~Sandbox() {
  if (L_ != nullptr) lua_close(L_);
}

CheckScope& ScopeOf(lua_State* L) {
  return Sandbox::From(L)->scope();
}

void PushTableContents(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (IsFrozen(L, index)) {
    lua_getmetatable(L, index);
    lua_pushstring(L, "__index");
    lua_rawget(L, -2);
    lua_remove(L, -2);
  } else {
    lua_pushvalue(L, index);
  }
}

Sandbox* Sandbox::From(lua_State* L) {
  return *static_cast<Sandbox**>(lua_getextraspace(L));
}

void* Sandbox::Allocate(void* ud, void* ptr, size_t old_size, size_t new_size) {
  auto* self = static_cast<Sandbox*>(ud);
  if (ptr == nullptr) old_size = 0;  // old_size then encodes the type of object
  if (new_size == 0) {
    std::free(ptr);
    self->memory_used_ -= old_size;
    return nullptr;
  }
  if (new_size > old_size &&
      self->memory_used_ + (new_size - old_size) > self->limits_.memory_limit) {
    // Refuse to grow. Lua raises a memory error, which pcall may catch: the kill is sticky.
    self->memory_exceeded_ = true;
    if (self->in_call_ && self->killed_at_.empty()) self->killed_at_ = self->CurrentPackLine();
    if (self->in_call_ && self->L_ != nullptr) lua_sethook(self->L_, CountHook, LUA_MASKCOUNT, 1);
    return nullptr;
  }
  // C functions do work the instruction hook never sees; what they allocate is a fair measure
  // of it, so growth is charged to the budget too.
  if (new_size > old_size) self->ChargeBytes(new_size - old_size);
  void* grown = std::realloc(ptr, new_size);
  if (grown == nullptr) return nullptr;
  self->memory_used_ = self->memory_used_ - old_size + new_size;
  return grown;
}

void Sandbox::CountHook(lua_State* L, lua_Debug* ar) {
  Sandbox* self = From(L);
  if (!self->in_call_) return;
  self->instructions_ += self->budget_exceeded_ || self->memory_exceeded_ ? 1 : kHookInterval;
  if (self->instructions_ > self->limits_.instruction_budget) self->budget_exceeded_ = true;
  if (self->budget_exceeded_ || self->memory_exceeded_) {
    if (self->killed_at_.empty() && lua_getinfo(L, "Sl", ar) && ar->source[0] == '@') {
      self->killed_at_ = std::string(ar->source + 1) + ":" + std::to_string(ar->currentline);
    }
    self->Kill();
    luaL_error(L, self->memory_exceeded_ ? "memory limit exceeded" : "instruction budget exceeded");
  }
}

std::string Sandbox::CurrentPackLine() const {
  // Reading the call stack allocates nothing, so this is safe inside the allocator.
  lua_Debug ar;
  for (int level = 0; lua_getstack(L_, level, &ar); ++level) {
    if (lua_getinfo(L_, "Sl", &ar) && ar.source != nullptr && ar.source[0] == '@' &&
        ar.currentline > 0) {
      return std::string(ar.source + 1) + ":" + std::to_string(ar.currentline);
    }
  }
  return "";
}

void Sandbox::Kill() {
  // From now on every instruction raises again, so a pcall in the check cannot resume it.
  lua_sethook(L_, CountHook, LUA_MASKCOUNT, 1);
}

Result<std::unique_ptr<Sandbox>> Sandbox::Create(const SandboxLimits& limits) {
  std::unique_ptr<Sandbox> box(new Sandbox(limits));
  box->L_ = lua_newstate(&Sandbox::Allocate, box.get());
  if (box->L_ == nullptr) return Status::Internal("cannot create a Lua state");
  *static_cast<Sandbox**>(lua_getextraspace(box->L_)) = box.get();
  box->OpenLibraries();
  lua_sethook(box->L_, CountHook, LUA_MASKCOUNT, kHookInterval);
  return box;
}

void Sandbox::OpenLibraries() {
  lua_State* L = L_;
  const luaL_Reg libraries[] = {{LUA_GNAME, luaopen_base},
                                {LUA_STRLIBNAME, luaopen_string},
                                {LUA_TABLIBNAME, luaopen_table},
                                {LUA_MATHLIBNAME, luaopen_math},
                                {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const luaL_Reg& lib : libraries) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  for (const char* name : kRemovedGlobals) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  lua_getglobal(L, "string");
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");  // would turn functions into binary chunks
  // Lua's matcher backtracks inside C, out of the hook's reach: ours counts its steps.
  InstallCountedPatternFunctions(L, &Sandbox::ChargePatternSteps);
  ChargeLibrary(L, kScanningStringFunctions);
  lua_pop(L, 1);
  lua_getglobal(L, "utf8");
  ChargeLibrary(L, kScanningUtf8Functions);
  lua_pop(L, 1);

  // math.random stays, reseeded to a constant before every guarded call.
  lua_getglobal(L, "math");
  lua_getfield(L, -1, "randomseed");
  randomseed_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_pushnil(L);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);

  lua_getglobal(L, "setmetatable");
  lua_pushcclosure(L, SafeSetmetatable, 1);
  lua_setglobal(L, "setmetatable");
  lua_register(L, "rawset", SafeRawset);
  lua_register(L, "pairs", SortedPairs);
  lua_register(L, "next", SafeNext);
  lua_register(L, "rawget", SafeRawget);
  lua_register(L, "rawlen", SafeRawlen);

  // The string metatable is shared by every string: hide it from getmetatable.
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushliteral(L, "read-only");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
}

CallOutcome Sandbox::LoadChunk(const std::string& source, const std::string& chunk_name) {
  CallOutcome out;
  const std::string name = "@" + chunk_name;
  int rc = luaL_loadbufferx(L_, source.data(), source.size(), name.c_str(), "t");
  if (rc != LUA_OK) {
    out.kind = rc == LUA_ERRMEM ? CallOutcome::Kind::kMemoryExceeded : CallOutcome::Kind::kError;
    out.message = lua_isstring(L_, -1) ? lua_tostring(L_, -1) : "cannot load chunk";
    lua_pop(L_, 1);
  }
  return out;
}

CallOutcome Sandbox::Call(int nargs, int nresults) {
  lua_State* L = L_;
  const int function_index = lua_gettop(L) - nargs;
  lua_pushcfunction(L, MessageHandler);
  lua_insert(L, function_index);

  lua_rawgeti(L, LUA_REGISTRYINDEX, randomseed_ref_);
  lua_pushinteger(L, 42);
  lua_call(L, 1, 0);

  instructions_ = 0;
  budget_exceeded_ = false;
  memory_exceeded_ = false;
  killed_at_.clear();
  in_call_ = true;
  int rc = lua_pcall(L, nargs, nresults, function_index);
  in_call_ = false;
  lua_remove(L, function_index);  // the message handler

  CallOutcome out;
  if (budget_exceeded_ || memory_exceeded_ || rc != LUA_OK) {
    const std::string at = killed_at_.empty() ? "" : " at " + killed_at_;
    if (memory_exceeded_ || rc == LUA_ERRMEM) {
      out.kind = CallOutcome::Kind::kMemoryExceeded;
      out.message =
          "memory limit of " + std::to_string(limits_.memory_limit >> 20) + " MiB exceeded" + at;
    } else if (budget_exceeded_) {
      out.kind = CallOutcome::Kind::kBudgetExceeded;
      out.message = "instruction budget of " + std::to_string(limits_.instruction_budget) +
                    " exceeded" + at + " (a loop that does not end?)";
    } else {
      out.kind = CallOutcome::Kind::kError;
      out.message = lua_isstring(L, -1) ? lua_tostring(L, -1) : "error";
    }
    if (rc == LUA_OK) {
      lua_pop(L, nresults);  // killed, yet the check returned: its results do not count
    } else {
      lua_pop(L, 1);
    }
    budget_exceeded_ = false;
    memory_exceeded_ = false;
    lua_gc(L, LUA_GCCOLLECT);  // give back what a bomb took before the next call
    lua_sethook(L, CountHook, LUA_MASKCOUNT, kHookInterval);
  }
  return out;
}

void Sandbox::Freeze(int index, bool recursive) {
  lua_State* L = L_;
  index = lua_absindex(L, index);
  if (lua_type(L, index) != LUA_TTABLE || IsFrozen(L, index)) return;
  // Move the contents into a shadow table, then point the emptied original at it. A metatable
  // the table already had moves to the shadow, so lookups that miss still reach its __index
  // (class-style objects keep their methods and defaults). Metatables themselves are never
  // frozen: Lua reads metamethods raw, so an emptied metatable would silently stop working.
  lua_newtable(L);  // shadow
  const int shadow = lua_gettop(L);
  if (lua_getmetatable(L, index)) lua_setmetatable(L, shadow);
  lua_pushnil(L);
  while (lua_next(L, index)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, shadow);
  }
  // Clearing while iterating is not allowed; collect keys from the shadow instead.
  lua_pushnil(L);
  while (lua_next(L, shadow)) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_pushnil(L);
    lua_rawset(L, index);
  }
  lua_newtable(L);  // metatable
  lua_pushvalue(L, shadow);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, ReadOnlyNewindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushcfunction(L, FrozenPairs);
  lua_setfield(L, -2, "__pairs");
  lua_pushcfunction(L, FrozenLen);
  lua_setfield(L, -2, "__len");
  lua_pushliteral(L, "read-only");
  lua_setfield(L, -2, "__metatable");
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, kFrozenMark);
  lua_setmetatable(L, index);  // raw: the C API ignores __metatable protection
  if (recursive) {
    lua_pushnil(L);
    while (lua_next(L, shadow)) {
      if (lua_type(L, -1) == LUA_TTABLE) Freeze(-1, true);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);  // shadow
}

void Sandbox::FreezeGlobals() {
  lua_State* L = L_;
  lua_pushglobaltable(L);
  Freeze(-1);
  // Globals differ from other frozen tables: unknown names and assignments are errors.
  lua_getmetatable(L, -1);
  lua_pushcfunction(L, GlobalNewindex);
  lua_setfield(L, -2, "__newindex");
  lua_getfield(L, -1, "__index");  // the shadow
  lua_newtable(L);
  lua_pushcfunction(L, UnknownGlobal);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pop(L, 3);
}

}  // namespace aimsgate
