// Sandbox: one lua_State with only safe libraries, a memory cap, and an instruction budget
// per guarded call that pcall inside Lua cannot swallow.
//
// Opened: base (without dofile, loadfile, load, collectgarbage, print, warn), string (without
// dump), table, math (random reseeded before every call), utf8. Work done in C is charged to
// the budget too, 1 instruction per 64 bytes: what C functions allocate, and the string
// arguments of the string and utf8 functions that scan without allocating, so loops of large
// string operations stop. Known gap: a Lua pattern that backtracks exponentially inside one
// string.find call is not interrupted (the hook cannot run inside C); packs should use re. Never opened: io, os, package,
// debug, coroutine. rawset refuses frozen tables; setmetatable refuses __gc; pairs walks
// tables in sorted key order (Lua's own order changes from run to run).
// After Freeze(), globals are read-only and reading an unknown global is an error.
// Thread-safety: a Sandbox belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "aimsgate/status.h"
#include "lua/check_scope.h"
#include "lua/lua_headers.h"

namespace aimsgate {

struct SandboxLimits {
  uint64_t instruction_budget = 20'000'000;  // per guarded call
  uint64_t memory_limit = 64ull << 20;       // bytes for the whole state
};

// How a guarded call ended.
struct CallOutcome {
  enum class Kind { kOk, kError, kBudgetExceeded, kMemoryExceeded };
  Kind kind = Kind::kOk;
  std::string message;  // for everything but kOk: "file:line: ..." where Lua knows it
  bool ok() const { return kind == Kind::kOk; }
};

// Pushes where the table at `index` keeps its contents: a frozen table's shadow, else the
// table itself. Raw reads of a frozen table go through this.
void PushTableContents(lua_State* L, int index);

class Sandbox {
 public:
  static Result<std::unique_ptr<Sandbox>> Create(const SandboxLimits& limits);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const { return L_; }

  // Loads `source` as a text chunk named "@<chunk_name>" (binary chunks are refused) and
  // pushes the function. On a syntax error pushes nothing and returns "chunk:line: message".
  CallOutcome LoadChunk(const std::string& source, const std::string& chunk_name);

  // Calls the function below `nargs` arguments on the stack under the instruction budget,
  // leaving `nresults` values on success and nothing on failure.
  CallOutcome Call(int nargs, int nresults);

  // Makes the table at `index` read-only in place (and, if `recursive`, the tables it holds).
  // Never use it on a table that serves as a metatable: Lua reads metamethods raw.
  void Freeze(int index, bool recursive = true);
  // Freezes the globals (and every library table); unknown globals become errors.
  void FreezeGlobals();

  // Charges work done in C on `bytes` of data to the running call's budget; past the budget,
  // the next VM instruction stops the call. Does nothing outside a guarded call.
  void ChargeBytes(size_t bytes);

  uint64_t memory_used() const { return memory_used_; }
  // What the bindings of the check now running may touch.
  CheckScope& scope() { return scope_; }
  static Sandbox* From(lua_State* L);

 private:
  explicit Sandbox(const SandboxLimits& limits);
  static void* Allocate(void* ud, void* ptr, size_t old_size, size_t new_size);
  static void CountHook(lua_State* L, lua_Debug* ar);
  void OpenLibraries();
  void Kill();
  // "file:line" of the innermost pack function running, or "".
  std::string CurrentPackLine() const;

  SandboxLimits limits_;
  lua_State* L_ = nullptr;
  uint64_t memory_used_ = 0;
  uint64_t instructions_ = 0;
  bool in_call_ = false;
  bool memory_exceeded_ = false;
  bool budget_exceeded_ = false;
  std::string killed_at_;  // "file:line" the check was running when a limit stopped it
  int randomseed_ref_ = LUA_NOREF;
  CheckScope scope_;
};

}  // namespace aimsgate
