#include "lua/state_guard.h"

namespace aimsgate {

void StateGuard::Capture(Sandbox& box, const std::vector<int>& refs) {
  lua_State* L = box.state();
  lua_newtable(L);
  snapshot_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  for (int ref : refs) {  // pass 1: find every table, metatable and upvalue slot
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    Visit(L, -1);
    lua_pop(L, 1);
  }
  for (int ref : tables_) {  // pass 2: freeze plain tables, record metatables
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    if (metatables_.count(lua_topointer(L, -1))) {
      lua_newtable(L);
      lua_pushnil(L);
      while (lua_next(L, -3)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
      }
      const int copy = luaL_ref(L, LUA_REGISTRYINDEX);
      if (!lua_getmetatable(L, -1)) lua_pushnil(L);
      watched_.push_back({ref, copy, luaL_ref(L, LUA_REGISTRYINDEX)});
      lua_pop(L, 1);
    } else {
      box.Freeze(-1, /*recursive=*/false);  // pass 1 found the nested tables themselves
      lua_pop(L, 1);
      luaL_unref(L, LUA_REGISTRYINDEX, ref);
    }
  }
  tables_.clear();
  visited_.clear();
}

void StateGuard::Visit(lua_State* L, int index) {
  index = lua_absindex(L, index);
  const int type = lua_type(L, index);
  if (type != LUA_TTABLE && (type != LUA_TFUNCTION || lua_iscfunction(L, index))) return;
  if (!visited_.insert(lua_topointer(L, index)).second) return;
  if (type == LUA_TTABLE) {
    PushTableContents(L, index);
    const int contents = lua_gettop(L);
    if (lua_rawequal(L, contents, index)) {  // not frozen yet: pass 2 decides
      lua_pushvalue(L, index);
      tables_.push_back(luaL_ref(L, LUA_REGISTRYINDEX));
    }
    lua_pushnil(L);
    while (lua_next(L, contents)) {
      Visit(L, -1);
      lua_pop(L, 1);
    }
    // The metatable (of an unfrozen table, or the original one on a frozen table's shadow).
    if (lua_getmetatable(L, contents)) {
      metatables_.insert(lua_topointer(L, -1));
      Visit(L, -1);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return;
  }
  int function_ref = LUA_NOREF;
  for (int i = 1;; ++i) {
    const char* name = lua_getupvalue(L, index, i);
    if (name == nullptr) break;
    const void* id = lua_upvalueid(L, index, i);
    if (slot_ids_.insert(id).second) {
      if (function_ref == LUA_NOREF) {
        lua_pushvalue(L, index);
        function_ref = luaL_ref(L, LUA_REGISTRYINDEX);
      }
      slots_.push_back({function_ref, i, id, *name ? name : "?"});
      lua_rawgeti(L, LUA_REGISTRYINDEX, snapshot_ref_);
      lua_pushvalue(L, -2);
      lua_rawseti(L, -2, static_cast<lua_Integer>(slots_.size()));
      lua_pop(L, 1);
    }
    Visit(L, -1);
    lua_pop(L, 1);
  }
}

std::vector<StateGuard::Change> StateGuard::VerifyAndRestore(lua_State* L) const {
  std::vector<Change> changes;
  lua_rawgeti(L, LUA_REGISTRYINDEX, snapshot_ref_);
  const int snapshots = lua_gettop(L);
  for (size_t s = 0; s < slots_.size(); ++s) {
    const Slot& slot = slots_[s];
    lua_rawgeti(L, LUA_REGISTRYINDEX, slot.function_ref);
    lua_getupvalue(L, -1, slot.index);
    lua_rawgeti(L, snapshots, static_cast<lua_Integer>(s + 1));
    if (!lua_rawequal(L, -1, -2)) {
      lua_setupvalue(L, -3, slot.index);  // pops the recorded value into the slot
      changes.push_back({slot.id, slot.name});
      lua_pop(L, 2);
    } else {
      lua_pop(L, 3);
    }
  }
  lua_pop(L, 1);
  for (const Watched& w : watched_) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, w.table_ref);
    lua_rawgeti(L, LUA_REGISTRYINDEX, w.copy_ref);
    const int table = lua_gettop(L) - 1, copy = lua_gettop(L);
    bool same = true;
    lua_Integer count = 0;
    lua_pushnil(L);
    while (same && lua_next(L, table)) {
      ++count;
      lua_pushvalue(L, -2);
      lua_rawget(L, copy);
      same = lua_rawequal(L, -1, -2);
      lua_pop(L, 2);
    }
    if (!same) lua_pop(L, 1);  // the key lua_next left
    lua_Integer recorded = 0;
    for (lua_pushnil(L); same && lua_next(L, copy); lua_pop(L, 1)) ++recorded;
    // Its own metatable must not change either (setmetatable(Class, {...}) hides state too).
    if (!lua_getmetatable(L, table)) lua_pushnil(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, w.metatable_ref);
    const bool same_metatable = lua_rawequal(L, -1, -2);
    if (!same_metatable) lua_setmetatable(L, table);  // put the recorded one back
    else lua_pop(L, 1);
    lua_pop(L, 1);
    if (!same || recorded != count || !same_metatable) {
      // Put the recorded contents back: clear, then copy.
      lua_pushnil(L);
      while (lua_next(L, table)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, table);
      }
      lua_pushnil(L);
      while (lua_next(L, copy)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, table);
      }
      changes.push_back({lua_topointer(L, table), "a metatable"});
    }
    lua_pop(L, 2);
  }
  return changes;
}

bool StateGuard::Search(lua_State* L, int index, const void* target,
                        std::unordered_set<const void*>* seen) const {
  index = lua_absindex(L, index);
  const int type = lua_type(L, index);
  if (type != LUA_TTABLE && (type != LUA_TFUNCTION || lua_iscfunction(L, index))) return false;
  if (lua_topointer(L, index) == target) return true;
  if (!seen->insert(lua_topointer(L, index)).second) return false;
  bool found = false;
  if (type == LUA_TTABLE) {
    PushTableContents(L, index);
    const int contents = lua_gettop(L);
    lua_pushnil(L);
    while (!found && lua_next(L, contents)) {
      found = Search(L, -1, target, seen);
      lua_pop(L, 1);
    }
    if (found) lua_pop(L, 1);  // the key lua_next left
    if (!found && lua_getmetatable(L, contents)) {
      found = Search(L, -1, target, seen);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return found;
  }
  for (int i = 1; !found && lua_getupvalue(L, index, i) != nullptr; ++i) {
    found = lua_upvalueid(L, index, i) == target || Search(L, -1, target, seen);
    lua_pop(L, 1);
  }
  return found;
}

bool StateGuard::Reaches(lua_State* L, int ref, const Change& change) const {
  std::unordered_set<const void*> seen;
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  const bool found = Search(L, -1, change.target, &seen);
  lua_pop(L, 1);
  return found;
}

}  // namespace aimsgate
