// ctx: what a check uses to report and to read its settings. One ctx per control per state,
// created at load; usable only while that control's check runs.
//
//   ctx:fail(where, message[, tasks])          the evidence breaks the control
//   ctx:insufficient(where, message[, tasks])  the evidence lacks what the control needs
//   ctx:not_applicable(reason[, where])        the control does not apply to this document
//   ctx:pass([message])                optional: say why it passes
//   ctx:days_since(date)               whole days from a date (or date-time) to --as-of, or nil, err
//   ctx:documents(kind)                every document of that kind in the run, as read-only nodes
//   ctx:find(kind, id)                 the document of that kind with that id, or nil
//   ctx.params, ctx.as_of, ctx.control
// `where` is an evidence node, a JSON Pointer string, or nil for the whole document.
// `tasks` names the remediation key (or list of keys) that fixes this violation; a finding
// whose violations name keys gets only those tasks, otherwise all of its control's tasks.
#pragma once

#include "lua/lua_headers.h"

namespace aimsgate {

// Creates the ctx metatable in `L`. Call once per state.
void RegisterContextBinding(lua_State* L);

// Pushes a new ctx for control `control_index`, whose params table is at `params_index`.
void PushContext(lua_State* L, int control_index, const char* control_id, int params_index);

}  // namespace aimsgate
