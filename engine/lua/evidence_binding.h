// Evidence handles for Lua: lazy, read-only views into a JsonTree. Nothing is copied until a
// check reads it; scalars come back as Lua values, objects and arrays as handles.
//
//   node.key, node[i] (1-based), #node, pairs(node), ipairs(node) (every element: a JSON null
//   inside an array comes as nil and does not end the loop)
//   node:get("/json/pointer")  value at a pointer relative to the node, or nil
//   node:pointer([key])       the JSON Pointer of the node, or of one of its children
//   node:line(), node:column(), node:is_array(), node:is_object()
// Methods win over members of the same name; node:get("/get") reaches such a member.
// JSON null reads as nil. A handle is valid only inside the check call that received it.
#pragma once

#include "aimsgate/evidence.h"
#include "lua/lua_headers.h"

namespace aimsgate {

struct NodeHandle {
  const Evidence* evidence;
  NodeId node;
  uint64_t generation;
};

// Creates the handle metatable in `L` and replaces the global ipairs with one that walks nodes
// to their end. Call once per state, before globals are frozen.
void RegisterEvidenceBinding(lua_State* L);

// Pushes node `n` of the scope's current evidence: a Lua scalar or a handle.
void PushEvidenceValue(lua_State* L, NodeId n);

// Pushes the root of another document of the run as a handle, valid for the running check.
void PushDocumentRoot(lua_State* L, const Evidence* evidence);

// The live handle at `index`, or nullptr if the value there is not a handle. Raises a Lua
// error for a handle kept past the check that received it.
const NodeHandle* ToNodeHandle(lua_State* L, int index);

}  // namespace aimsgate
