#include "lua/evidence_binding.h"

#include <cstring>
#include <string>
#include <string_view>

#include "lua/check_scope.h"
#include "lua/host_api.h"

namespace aimsgate {
namespace {

constexpr const char* kNodeMeta = "aimsgate.node";

const NodeHandle& CheckHandle(lua_State* L, int index) {
  const NodeHandle* h = ToNodeHandle(L, index);
  if (h == nullptr) luaL_typeerror(L, index, "evidence node");
  return *h;
}

void PushHandle(lua_State* L, const Evidence* ev, NodeId n) {
  const CheckScope& scope = ScopeOf(L);
  auto* h = static_cast<NodeHandle*>(lua_newuserdatauv(L, sizeof(NodeHandle), 0));
  *h = {ev, n, scope.generation};
  lua_rawgeti(L, LUA_REGISTRYINDEX, scope.node_metatable_ref);
  lua_setmetatable(L, -2);
}

// The handle at `index`, or nullptr when the value there is not an evidence node.
NodeHandle* TestHandle(lua_State* L, int index) {
  if (lua_type(L, index) != LUA_TUSERDATA || !lua_getmetatable(L, index)) return nullptr;
  const bool is_node = lua_topointer(L, -1) == ScopeOf(L).node_metatable;
  lua_pop(L, 1);
  return is_node ? static_cast<NodeHandle*>(lua_touserdata(L, index)) : nullptr;
}

void PushValue(lua_State* L, const Evidence* ev, NodeId n) {
  const JsonTree& t = ev->tree;
  switch (t.type(n)) {
    case JsonType::kNull:
      lua_pushnil(L);
      break;
    case JsonType::kFalse:
      lua_pushboolean(L, 0);
      break;
    case JsonType::kTrue:
      lua_pushboolean(L, 1);
      break;
    case JsonType::kInteger:
      lua_pushinteger(L, t.integer(n));
      break;
    case JsonType::kReal:
      lua_pushnumber(L, t.real(n));
      break;
    case JsonType::kString: {
      std::string_view s = t.string(n);
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case JsonType::kArray:
    case JsonType::kObject:
      PushHandle(L, ev, n);
      break;
  }
}

// The child of `h` named by the Lua value at `key_index` (string key or 1-based index).
NodeId ChildFor(lua_State* L, const NodeHandle& h, int key_index) {
  const JsonTree& t = h.evidence->tree;
  if (t.type(h.node) == JsonType::kObject && lua_type(L, key_index) == LUA_TSTRING) {
    size_t len;
    const char* k = lua_tolstring(L, key_index, &len);
    return t.member(h.node, std::string_view(k, len));
  }
  int is_integral = 0;  // 2.0 reads like 2, as it does for a Lua table
  lua_Integer i =
      lua_type(L, key_index) == LUA_TNUMBER ? lua_tointegerx(L, key_index, &is_integral) : 0;
  if (t.type(h.node) == JsonType::kArray && is_integral) {
    if (i >= 1 && i <= static_cast<lua_Integer>(t.size(h.node))) {
      return t.child(h.node, static_cast<uint32_t>(i - 1));
    }
  }
  return kNoNode;
}

// The pointer of `n` with every array position written "*": the field, not the element.
std::string GeneralPointer(const JsonTree& t, NodeId n) {
  const std::string concrete = t.PointerOf(n);
  std::string out;
  NodeId cur = t.root();
  size_t pos = 0;
  while (pos < concrete.size()) {
    size_t next = concrete.find('/', pos + 1);
    if (next == std::string::npos) next = concrete.size();
    const std::string token = concrete.substr(pos + 1, next - pos - 1);
    if (cur != kNoNode && t.type(cur) == JsonType::kArray) {
      out += "/*";
      cur = t.child(cur, static_cast<uint32_t>(std::stoul(token)));
    } else {
      out += "/" + token;
      std::string key;
      for (size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) {
          key += token[++i] == '1' ? '/' : '~';
        } else {
          key += token[i];
        }
      }
      cur = cur != kNoNode && t.type(cur) == JsonType::kObject ? t.member(cur, key) : kNoNode;
    }
    pos = next;
  }
  return out;
}

// Tracing: records that the check read `suffix` below node `h` ("" for the node itself).
void RecordRead(lua_State* L, const NodeHandle& h, std::string_view suffix) {
  std::set<std::string>* reads = ScopeOf(L).reads;
  if (reads == nullptr) return;
  reads->insert(GeneralPointer(h.evidence->tree, h.node) + std::string(suffix));
}

int NodeGet(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  size_t len;
  const char* pointer = luaL_checklstring(L, 2, &len);
  if (len > 0 && pointer[0] != '/') {
    return luaL_argerror(L, 2, "a JSON Pointer starts with '/'");
  }
  NodeId n = h.evidence->tree.Resolve(h.node, std::string_view(pointer, len));
  if (ScopeOf(L).reads != nullptr) {
    if (n == kNoNode) {
      RecordRead(L, h, std::string_view(pointer, len));
    } else {
      ScopeOf(L).reads->insert(GeneralPointer(h.evidence->tree, n));
    }
  }
  if (n == kNoNode) {
    lua_pushnil(L);
  } else {
    PushValue(L, h.evidence, n);
  }
  return 1;
}

int NodePointer(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  const JsonTree& t = h.evidence->tree;
  std::string pointer = t.PointerOf(h.node);
  if (!lua_isnoneornil(L, 2)) {
    if (t.type(h.node) == JsonType::kArray) {
      lua_Integer i = luaL_checkinteger(L, 2);
      luaL_argcheck(L, i >= 1, 2, "array positions start at 1");
      pointer += "/" + std::to_string(i - 1);
    } else {
      pointer += "/" + EscapePointerToken(luaL_checkstring(L, 2));
    }
  }
  lua_pushlstring(L, pointer.data(), pointer.size());
  return 1;
}

int NodeLine(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  lua_pushinteger(L, h.evidence->tree.line(h.node));
  return 1;
}

int NodeColumn(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  lua_pushinteger(L, h.evidence->tree.column(h.node));
  return 1;
}

int NodeIsArray(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  lua_pushboolean(L, h.evidence->tree.type(h.node) == JsonType::kArray);
  return 1;
}

int NodeIsObject(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  lua_pushboolean(L, h.evidence->tree.type(h.node) == JsonType::kObject);
  return 1;
}

// ipairs over a node visits every element, JSON nulls (nil) included: stopping at the first
// null, as Lua's ipairs does, would silently skip the rest of the evidence.
int NodeIpairsNext(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  const lua_Integer i = luaL_checkinteger(L, 2) + 1;
  if (i > static_cast<lua_Integer>(h.evidence->tree.size(h.node))) return 0;
  lua_pushinteger(L, i);
  if (h.evidence->tree.type(h.node) == JsonType::kArray) {
    PushValue(L, h.evidence, h.evidence->tree.child(h.node, static_cast<uint32_t>(i - 1)));
  } else {
    lua_pushnil(L);
  }
  return 2;
}

// ipairs(v): for nodes, every element; for anything else, Lua's own ipairs (the upvalue).
int Ipairs(lua_State* L) {
  if (TestHandle(L, 1) != nullptr) {
    RecordRead(L, CheckHandle(L, 1), "/*");
    lua_pushcfunction(L, NodeIpairsNext);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int NodeIndex(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  if (lua_type(L, 2) == LUA_TSTRING) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;  // a method
    lua_pop(L, 1);
  }
  NodeId n = ChildFor(L, h, 2);
  if (ScopeOf(L).reads != nullptr) {
    if (h.evidence->tree.type(h.node) == JsonType::kArray) {
      RecordRead(L, h, "/*");
    } else if (lua_type(L, 2) == LUA_TSTRING) {
      RecordRead(L, h, "/" + EscapePointerToken(lua_tostring(L, 2)));
    }
  }
  if (n == kNoNode) {
    lua_pushnil(L);
  } else {
    PushValue(L, h.evidence, n);
  }
  return 1;
}

int NodeNewindex(lua_State* L) {
  return luaL_error(L, "evidence is read-only");
}

int NodeLen(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  lua_pushinteger(L, h.evidence->tree.size(h.node));
  return 1;
}

// Iterator for pairs(): the control variable is the 0-based position of the next child.
int NodeNext(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  const JsonTree& t = h.evidence->tree;
  lua_Integer next = lua_isnil(L, 2) ? 0 : lua_tointeger(L, lua_upvalueindex(1));
  if (next >= static_cast<lua_Integer>(t.size(h.node))) return 0;
  NodeId c = t.child(h.node, static_cast<uint32_t>(next));
  lua_pushinteger(L, next + 1);
  lua_replace(L, lua_upvalueindex(1));
  if (t.type(h.node) == JsonType::kObject) {
    std::string_view k = t.key(c);
    lua_pushlstring(L, k.data(), k.size());
  } else {
    lua_pushinteger(L, next + 1);
  }
  PushValue(L, h.evidence, c);
  return 2;
}

int NodePairs(lua_State* L) {
  RecordRead(L, CheckHandle(L, 1), "/*");
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, NodeNext, 1);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

int NodeEq(lua_State* L) {
  const NodeHandle* a = ToNodeHandle(L, 1);
  const NodeHandle* b = ToNodeHandle(L, 2);
  lua_pushboolean(L, a && b && a->evidence == b->evidence && a->node == b->node);
  return 1;
}

int NodeToString(lua_State* L) {
  const NodeHandle& h = CheckHandle(L, 1);
  const JsonTree& t = h.evidence->tree;
  std::string s = std::string(t.type(h.node) == JsonType::kArray ? "array" : "object") + " at " +
                  (h.node == t.root() ? std::string("/") : t.PointerOf(h.node));
  lua_pushlstring(L, s.data(), s.size());
  return 1;
}

constexpr HostFunction kNodeFunctions[] = {
    {"field", nullptr, "node.field, node[i]",
     "a string, number or boolean; an object or array as another node; JSON `null` and missing "
     "values as `nil`; arrays are 1-based"},
    {"length", nullptr, "#node, ipairs(node), pairs(node)",
     "arrays and objects in document order; `ipairs` visits every element, a JSON `null` as "
     "`nil`, without stopping there"},
    {"get", NodeGet, "node:get(pointer)",
     "the value at a JSON Pointer relative to the node (`\"/a/0\"`), or nil"},
    {"pointer", NodePointer, "node:pointer([key_or_index])",
     "the JSON Pointer of the node, or of one of its children"},
    {"line", NodeLine, "node:line()", "the line of the node in its file"},
    {"column", NodeColumn, "node:column()", "the column of the node in its file"},
    {"is_array", NodeIsArray, "node:is_array()", "true for an array (`[]` included)"},
    {"is_object", NodeIsObject, "node:is_object()", "true for an object (`{}` included)"},
};

}  // namespace

std::span<const HostFunction> NodeFunctions() {
  return kNodeFunctions;
}

void PushDocumentRoot(lua_State* L, const Evidence* evidence) {
  PushValue(L, evidence, evidence->tree.root());
}

void RegisterEvidenceBinding(lua_State* L) {
  luaL_newmetatable(L, kNodeMeta);
  lua_newtable(L);
  SetHostFunctions(L, kNodeFunctions);
  lua_pushcclosure(L, NodeIndex, 1);
  lua_setfield(L, -2, "__index");
  const luaL_Reg meta[] = {{"__newindex", NodeNewindex}, {"__len", NodeLen},
                           {"__pairs", NodePairs},       {"__eq", NodeEq},
                           {"__tostring", NodeToString}, {nullptr, nullptr}};
  luaL_setfuncs(L, meta, 0);
  lua_pushliteral(L, "read-only");
  lua_setfield(L, -2, "__metatable");
  ScopeOf(L).node_metatable = lua_topointer(L, -1);
  ScopeOf(L).node_metatable_ref = luaL_ref(L, LUA_REGISTRYINDEX);  // pops it
  lua_getglobal(L, "ipairs");
  lua_pushcclosure(L, Ipairs, 1);
  lua_setglobal(L, "ipairs");
}

void PushEvidenceValue(lua_State* L, NodeId n) {
  PushValue(L, ScopeOf(L).evidence, n);
}

const NodeHandle* ToNodeHandle(lua_State* L, int index) {
  const NodeHandle* h = TestHandle(L, index);
  if (h == nullptr) return nullptr;
  const CheckScope& scope = ScopeOf(L);
  if (!scope.active || h->generation != scope.generation) {
    luaL_error(L, "evidence handle used outside the check call that received it");
  }
  return h;
}

}  // namespace aimsgate
