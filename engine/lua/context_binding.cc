#include "lua/context_binding.h"

#include <algorithm>
#include <string>

#include "lua/check_scope.h"
#include "lua/evidence_binding.h"
#include "lua/host_api.h"
#include "util/dates.h"

namespace aimsgate {
namespace {

constexpr const char* kContextMeta = "aimsgate.ctx";

// User value slots of a ctx userdata.
constexpr int kParamsSlot = 1;
constexpr int kIdSlot = 2;

struct ContextData {
  int control_index;
};

CheckScope& ActiveScope(lua_State* L) {
  auto* data = static_cast<ContextData*>(luaL_checkudata(L, 1, kContextMeta));
  CheckScope& scope = ScopeOf(L);
  if (!scope.active || scope.control_index != data->control_index) {
    lua_getiuservalue(L, 1, kIdSlot);
    luaL_error(L, "ctx of control %s used outside its check", lua_tostring(L, -1));
  }
  return scope;
}

// Resolves `where` (node, pointer or nil) to a located violation skeleton.
Violation Locate(lua_State* L, const CheckScope& scope, int where) {
  const JsonTree& tree = scope.evidence->tree;
  Violation v{};
  NodeId node = tree.root();
  if (const NodeHandle* h = ToNodeHandle(L, where)) {
    if (h->evidence != scope.evidence) luaL_argerror(L, where, "node of another document");
    node = h->node;
    v.pointer = tree.PointerOf(node);
  } else if (lua_type(L, where) == LUA_TSTRING) {
    v.pointer = lua_tostring(L, where);
    if (!v.pointer.empty() && v.pointer[0] != '/') {
      luaL_argerror(L, where, "a JSON Pointer starts with '/'");
    }
    node = tree.ResolveDeepest(v.pointer);  // a missing value points at its nearest parent
    v.missing = tree.Resolve(v.pointer) == kNoNode;
  } else if (!lua_isnoneornil(L, where)) {
    luaL_typeerror(L, where, "evidence node, JSON Pointer or nil");
  }
  v.line = tree.line(node);
  v.column = tree.column(node);
  return v;
}

// The optional task argument: one remediation key or a list of them, each declared by the control.
void ReadTaskKeys(lua_State* L, const CheckScope& scope, int index, Violation* v) {
  auto add = [&](int at) {
    std::string key = luaL_checkstring(L, at);
    const auto& declared = scope.control->remediation;
    if (std::none_of(declared.begin(), declared.end(),
                     [&](const RemediationSpec& r) { return r.key == key; })) {
      luaL_error(L, "task '%s' is not in the remediation of control %s", key.c_str(),
                 scope.control->id.c_str());
    }
    v->task_keys.push_back(std::move(key));
  };
  if (lua_isnoneornil(L, index)) return;
  if (lua_type(L, index) == LUA_TSTRING) {
    add(index);
  } else if (lua_istable(L, index)) {
    const lua_Integer n = luaL_len(L, index);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L, index, i);
      add(lua_gettop(L));
      lua_pop(L, 1);
    }
  } else {
    luaL_typeerror(L, index, "remediation key or list of keys");
  }
}

int Record(lua_State* L, FindingStatus status) {
  CheckScope& scope = ActiveScope(L);
  Violation v = Locate(L, scope, 2);
  v.status = status;
  v.message = luaL_checkstring(L, 3);
  ReadTaskKeys(L, scope, 4, &v);
  if (scope.outcome->violations.size() < CheckOutcome::kMaxViolations) {
    scope.outcome->violations.push_back(std::move(v));
  } else {
    ++scope.outcome->dropped_violations;
  }
  return 0;
}

int Fail(lua_State* L) {
  return Record(L, FindingStatus::kFail);
}
int Insufficient(lua_State* L) {
  return Record(L, FindingStatus::kInsufficientEvidence);
}

int NotApplicable(lua_State* L) {
  CheckScope& scope = ActiveScope(L);
  scope.outcome->not_applicable = true;
  scope.outcome->not_applicable_reason = luaL_checkstring(L, 2);
  scope.outcome->not_applicable_at = Locate(L, scope, 3);
  return 0;
}

int Pass(lua_State* L) {
  CheckScope& scope = ActiveScope(L);
  scope.outcome->pass_message = luaL_optstring(L, 2, "");
  return 0;
}

int DaysSince(lua_State* L) {
  CheckScope& scope = ActiveScope(L);
  if (lua_type(L, 2) != LUA_TSTRING) {
    lua_pushnil(L);
    lua_pushliteral(L, "not a date");
    return 2;
  }
  std::optional<int64_t> seconds = ParseTimestamp(lua_tostring(L, 2));
  if (!seconds) {
    lua_pushnil(L);
    lua_pushfstring(L, "'%s' is not a date (YYYY-MM-DD or RFC 3339)", lua_tostring(L, 2));
    return 2;
  }
  int64_t day = *seconds >= 0 ? *seconds / 86400 : (*seconds - 86399) / 86400;
  lua_pushinteger(L, scope.as_of_days - day);
  return 1;
}

// The kind argument of a lookup: one of the evidence kinds.
std::string_view KindArg(lua_State* L, int index) {
  std::string_view kind = luaL_checkstring(L, index);
  if (!IsEvidenceKind(kind)) {
    luaL_argerror(L, index,
                  "not an evidence kind (organization, model_card, pipeline_run, "
                  "vendor_questionnaire)");
  }
  return kind;
}

// Every document of `kind` in the run, in the run's (path) order, as read-only root nodes.
int Documents(lua_State* L) {
  CheckScope& scope = ActiveScope(L);
  std::string_view kind = KindArg(L, 2);
  lua_newtable(L);
  lua_Integer n = 0;
  if (scope.run != nullptr) {
    for (const Evidence& e : *scope.run) {
      if (e.kind != kind) continue;
      PushDocumentRoot(L, &e);
      lua_rawseti(L, -2, ++n);
    }
  }
  return 1;
}

// The document of `kind` whose id is `id` (the first in run order), or nil.
int Find(lua_State* L) {
  CheckScope& scope = ActiveScope(L);
  std::string_view kind = KindArg(L, 2);
  std::string_view id = luaL_checkstring(L, 3);
  if (scope.run != nullptr) {
    for (const Evidence& e : *scope.run) {
      if (e.kind == kind && e.id == id) {
        PushDocumentRoot(L, &e);
        return 1;
      }
    }
  }
  lua_pushnil(L);
  return 1;
}

constexpr HostFunction kContextFunctions[] = {
    {"fail", Fail, "ctx:fail(where, message[, tasks])",
     "the evidence breaks the control; `tasks` is the remediation key (or list of keys) that "
     "fixes this violation"},
    {"insufficient", Insufficient, "ctx:insufficient(where, message[, tasks])",
     "the evidence lacks what the control needs"},
    {"not_applicable", NotApplicable, "ctx:not_applicable(reason[, where])",
     "the control does not apply to this document; `where` points at what says so"},
    {"pass", Pass, "ctx:pass([message])", "optional: say why it passes"},
    {"days_since", DaysSince, "ctx:days_since(date)",
     "whole days from a `YYYY-MM-DD` or RFC 3339 date to `--as-of`, or `nil, err`"},
    {"documents", Documents, "ctx:documents(kind)",
     "every document of that kind in this run (the one being checked too), in path order, as "
     "read-only nodes"},
    {"find", Find, "ctx:find(kind, id)",
     "the document of that kind whose `id` is `id` in this run, as a read-only node, or nil"},
    {"params", nullptr, "ctx.params",
     "the control's params: the pack's, overlaid by its own, overlaid by `--param` (read-only)"},
    {"as_of", nullptr, "ctx.as_of", "the evaluation date, `YYYY-MM-DD` (the only clock)"},
    {"control", nullptr, "ctx.control", "the id of the control being checked"},
};

int ContextIndex(lua_State* L) {
  luaL_checkudata(L, 1, kContextMeta);
  const char* key = luaL_checkstring(L, 2);
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;  // a method
  lua_pop(L, 1);
  std::string_view k = key;
  if (k == "params") {
    lua_getiuservalue(L, 1, kParamsSlot);
  } else if (k == "control") {
    lua_getiuservalue(L, 1, kIdSlot);
  } else if (k == "as_of") {
    const std::string& as_of = ScopeOf(L).as_of;
    lua_pushlstring(L, as_of.data(), as_of.size());
  } else {
    return luaL_error(L, "ctx has no field '%s'", key);
  }
  return 1;
}

int ContextNewindex(lua_State* L) {
  return luaL_error(L, "ctx is read-only");
}

}  // namespace

std::span<const HostFunction> ContextFunctions() {
  return kContextFunctions;
}

void RegisterContextBinding(lua_State* L) {
  luaL_newmetatable(L, kContextMeta);
  lua_newtable(L);
  SetHostFunctions(L, kContextFunctions);
  lua_pushcclosure(L, ContextIndex, 1);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, ContextNewindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushliteral(L, "read-only");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
}

void PushContext(lua_State* L, int control_index, const char* control_id, int params_index) {
  params_index = lua_absindex(L, params_index);
  auto* data = static_cast<ContextData*>(lua_newuserdatauv(L, sizeof(ContextData), 2));
  data->control_index = control_index;
  lua_pushvalue(L, params_index);
  lua_setiuservalue(L, -2, kParamsSlot);
  lua_pushstring(L, control_id);
  lua_setiuservalue(L, -2, kIdSlot);
  luaL_setmetatable(L, kContextMeta);
}

}  // namespace aimsgate
