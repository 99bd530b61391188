// StateGuard: no check carries state from one document to the next.
//
// After a pack loads, Capture walks everything the checks can reach (upvalues, table contents,
// metatables, nested functions). Tables are frozen, except tables that serve as metatables
// (Lua reads those raw, so a frozen one would stop working): their contents are recorded
// instead. Every upvalue slot is recorded with its value. After each document,
// VerifyAndRestore compares every slot and every recorded table with what was recorded, puts
// back what a check changed (`count = count + 1`, `Class.seen = true`), and reports it, so the
// evaluator can turn the findings of the controls that reach it into errors. A document's findings then
// never depend on which documents came before it, nor on which worker ran them.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "lua/sandbox.h"

namespace aimsgate {

class StateGuard {
 public:
  struct Change {
    const void* target;  // what changed: an upvalue id or a table
    std::string name;    // the upvalue's name, or "a metatable"
  };

  // Freezes and records everything reachable from the values in the registry at `refs`
  // (the checks, and the lib modules a check may require while it runs).
  void Capture(Sandbox& box, const std::vector<int>& refs);
  // Puts back every reassigned slot and returns them, in slot order.
  std::vector<Change> VerifyAndRestore(lua_State* L) const;
  // True if the function at registry `ref` can reach what changed. Rare path only: it walks.
  bool Reaches(lua_State* L, int ref, const Change& change) const;
  size_t slot_count() const { return slots_.size(); }
  size_t watched_count() const { return watched_.size(); }

 private:
  struct Slot {
    int function_ref;  // a closure holding the upvalue
    int index;         // its upvalue number
    const void* id;    // lua_upvalueid: shared upvalues are one slot
    std::string name;
  };
  struct Watched {
    int table_ref;      // a table used as a metatable
    int copy_ref;       // its contents when recorded
    int metatable_ref;  // its own metatable when recorded (LUA_REFNIL for none)
  };
  void Visit(lua_State* L, int index);
  bool Search(lua_State* L, int index, const void* target,
              std::unordered_set<const void*>* seen) const;

  std::vector<Slot> slots_;
  std::vector<Watched> watched_;
  std::unordered_set<const void*> visited_;
  std::unordered_set<const void*> slot_ids_;
  std::vector<int> tables_;                   // registry refs of the tables Visit found
  std::unordered_set<const void*> metatables_;
  int snapshot_ref_ = LUA_NOREF;  // registry table: slot number (1-based) -> recorded value
};

}  // namespace aimsgate
