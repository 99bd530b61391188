#include "pack/pack_loader.h"

#include <algorithm>
#include <map>
#include <set>

#include "lua/context_binding.h"
#include "lua/evidence_binding.h"
#include "lua/regex_binding.h"
#include "lua/registry_binding.h"
#include "registry/registry.h"
#include "util/dates.h"
#include "util/embedded.h"
#include "util/sha256.h"

namespace aimsgate {
namespace {

constexpr const char* kLoaderKey = "aimsgate.loader";        // light userdata while loading
constexpr const char* kModuleCacheKey = "aimsgate.modules";  // lib module results
constexpr const char* kPreludeChunk = "=aimsgate prelude";

constexpr const char* kControlFields[] = {"title",     "description", "citations",
                                          "applies_to", "severity",    "crosswalk",
                                          "params",     "check",       "remediation"};
constexpr const char* kPackFields[] = {"id",     "title",    "version", "framework", "description",
                                       "engine", "params",   "sla_days", "modules",  "extends"};

bool IsOneOf(std::string_view s, std::span<const char* const> options) {
  return std::any_of(options.begin(), options.end(), [&](const char* o) { return s == o; });
}

bool ValidKey(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Compares dotted version strings numerically: "0.10" > "0.9".
int CompareVersions(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    auto take = [](std::string_view* s) {
      long v = 0;
      while (!s->empty() && s->front() >= '0' && s->front() <= '9') {
        v = v * 10 + (s->front() - '0');
        s->remove_prefix(1);
      }
      if (!s->empty()) s->remove_prefix(1);  // the dot
      return v;
    };
    long x = take(&a), y = take(&b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

class PackLoader {
 public:
  PackLoader(Sandbox& box, const PackSource& source, LoadTrace* trace)
      : box_(box), L_(box.state()), source_(source), trace_(trace) {}

  Result<LoadedPack> Load();

 private:
  struct Where {
    std::string file;
    uint32_t line = 0;
  };

  static PackLoader* Current(lua_State* L);
  static int RegisterPackThunk(lua_State* L) { return Current(L)->RegisterPack(); }
  static int RegisterControlThunk(lua_State* L) { return Current(L)->RegisterControl(); }
  static int Require(lua_State* L);
  static int ParseDay(lua_State* L);
  static int ParseTime(lua_State* L);

  int RegisterPack();
  int RegisterControl();
  bool RunFile(const std::string& path);
  void Error(const Where& where, std::string message);
  Where Caller() const;
  // The line of the first occurrence of `needle` in `where.file` from `where.line` on, within
  // the same control; `where` itself if there is none. Lua keeps no positions for table
  // fields, so this points errors about one value at the line that holds it.
  Where LineOf(const Where& where, const std::string& needle) const;
  // Prefixes pack-relative paths with the pack's directory, so they open from the cwd.
  void Root(std::vector<Diagnostic>* diagnostics) const;

  // Readers for spec fields (the spec table is at stack index 1 or 2; see callers).
  std::optional<std::string> StringField(int table, const char* name, const Where& where,
                                         const std::string& owner, bool required);
  std::vector<std::string> StringList(int table, const char* name, const Where& where,
                                      const std::string& owner, bool required);
  std::map<std::string, ParamValue> Params(int table, const Where& where, const std::string& owner);
  void CheckUnknownFields(int table, std::span<const char* const> allowed, const Where& where,
                          const std::string& owner);

  Sandbox& box_;
  lua_State* L_;
  const PackSource& source_;
  LoadedPack pack_;
  bool pack_declared_ = false;
  std::vector<std::string> modules_;
  std::map<std::string, Where> control_sites_;
  std::vector<Diagnostic> errors_;
  LoadTrace* trace_;            // may be null
  int params_ref_ = LUA_NOREF;  // pack-wide params table
};

PackLoader* PackLoader::Current(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kLoaderKey);
  auto* loader = static_cast<PackLoader*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  if (loader == nullptr) luaL_error(L, "packs can declare controls only while loading");
  return loader;
}

void PackLoader::Error(const Where& where, std::string message) {
  Diagnostic d;
  d.location.file = where.file;
  d.location.line = where.line;
  d.message = std::move(message);
  errors_.push_back(std::move(d));
}

// The innermost pack source line on the stack: the line of `control "X" {` in a module.
PackLoader::Where PackLoader::Caller() const {
  lua_Debug ar;
  for (int level = 1; lua_getstack(L_, level, &ar); ++level) {
    lua_getinfo(L_, "Sl", &ar);
    if (ar.source != nullptr && ar.source[0] == '@') {
      return {ar.source + 1, static_cast<uint32_t>(std::max(ar.currentline, 0))};
    }
  }
  return {"pack.lua", 0};
}

PackLoader::Where PackLoader::LineOf(const Where& where, const std::string& needle) const {
  auto file = source_.files().find(where.file);
  if (file == source_.files().end() || where.line == 0) return where;
  std::string_view text = file->second;
  uint32_t line = 1;
  size_t pos = 0;
  while (line < where.line && pos != std::string_view::npos) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
    ++line;
  }
  for (; pos != std::string_view::npos && pos < text.size(); ++line) {
    size_t end = text.find('\n', pos);
    std::string_view current = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (line > where.line && current.find("control") != std::string_view::npos &&
        current.find('"') != std::string_view::npos && current.find("control") < current.find('"')) {
      break;  // the next control starts
    }
    if (current.find(needle) != std::string_view::npos) return {where.file, line};
    pos = end == std::string_view::npos ? end : end + 1;
  }
  return where;
}

void PackLoader::Root(std::vector<Diagnostic>* diagnostics) const {
  if (source_.root().empty()) return;
  std::string root = source_.root();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  for (Diagnostic& d : *diagnostics) {
    if (!d.location.file.empty() && d.location.file != root) d.location.file = root + "/" + d.location.file;
  }
}

void PackLoader::CheckUnknownFields(int table, std::span<const char* const> allowed,
                                    const Where& where, const std::string& owner) {
  lua_pushnil(L_);
  while (lua_next(L_, table)) {
    lua_pop(L_, 1);
    if (lua_type(L_, -1) != LUA_TSTRING) {
      Error(where, owner + ": fields must have string names");
    } else if (!IsOneOf(lua_tostring(L_, -1), allowed)) {
      std::string allowed_list;
      for (const char* a : allowed) allowed_list += (allowed_list.empty() ? "" : ", ") + std::string(a);
      const std::string field = lua_tostring(L_, -1);
      Error(LineOf(where, field), owner + ": unknown field '" + field + "' (known: " + allowed_list + ")");
    }
  }
}

std::optional<std::string> PackLoader::StringField(int table, const char* name, const Where& where,
                                                   const std::string& owner, bool required) {
  lua_getfield(L_, table, name);
  std::optional<std::string> out;
  if (lua_type(L_, -1) == LUA_TSTRING && lua_rawlen(L_, -1) > 0) {
    out = lua_tostring(L_, -1);
  } else if (!lua_isnil(L_, -1)) {
    Error(where, owner + ": '" + name + "' must be a non-empty string");
  } else if (required) {
    Error(where, owner + ": missing '" + name + "'");
  }
  lua_pop(L_, 1);
  return out;
}

std::vector<std::string> PackLoader::StringList(int table, const char* name, const Where& where,
                                                const std::string& owner, bool required) {
  std::vector<std::string> out;
  lua_getfield(L_, table, name);
  if (lua_istable(L_, -1)) {
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L_, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
      if (lua_rawgeti(L_, -1, i) == LUA_TSTRING) {
        out.push_back(lua_tostring(L_, -1));
      } else {
        Error(where, owner + ": '" + name + "' must list strings only");
      }
      lua_pop(L_, 1);
    }
    if (out.empty() && required) Error(where, owner + ": '" + name + "' must not be empty");
  } else if (!lua_isnil(L_, -1)) {
    Error(where, owner + ": '" + name + "' must be a list of strings");
  } else if (required) {
    Error(where, owner + ": missing '" + name + "'");
  }
  lua_pop(L_, 1);
  return out;
}

std::map<std::string, ParamValue> PackLoader::Params(int table, const Where& where,
                                                     const std::string& owner) {
  std::map<std::string, ParamValue> out;
  lua_getfield(L_, table, "params");
  if (lua_istable(L_, -1)) {
    lua_pushnil(L_);
    while (lua_next(L_, -2)) {
      if (lua_type(L_, -2) != LUA_TSTRING) {
        Error(where, owner + ": params must have string names");
      } else {
        std::string key = lua_tostring(L_, -2);
        switch (lua_type(L_, -1)) {
          case LUA_TBOOLEAN:
            out[key] = static_cast<bool>(lua_toboolean(L_, -1));
            break;
          case LUA_TNUMBER:
            if (lua_isinteger(L_, -1)) {
              out[key] = static_cast<int64_t>(lua_tointeger(L_, -1));
            } else {
              out[key] = static_cast<double>(lua_tonumber(L_, -1));
            }
            break;
          case LUA_TSTRING:
            out[key] = std::string(lua_tostring(L_, -1));
            break;
          default:
            Error(where, owner + ": param '" + key + "' must be a boolean, number or string");
        }
      }
      lua_pop(L_, 1);
    }
  } else if (!lua_isnil(L_, -1)) {
    Error(where, owner + ": 'params' must be a table");
  }
  lua_pop(L_, 1);
  return out;
}

void PushParam(lua_State* L, const ParamValue& v) {
  std::visit(
      [L](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          lua_pushboolean(L, x);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          lua_pushinteger(L, x);
        } else if constexpr (std::is_same_v<T, double>) {
          lua_pushnumber(L, x);
        } else {
          lua_pushlstring(L, x.data(), x.size());
        }
      },
      v);
}

int PackLoader::RegisterPack() {
  const Where where = Caller();
  if (where.file != "pack.lua") {
    Error(where, "pack { ... } belongs in pack.lua");
    return 0;
  }
  if (pack_declared_) {
    Error(where, "pack { ... } declared twice");
    return 0;
  }
  pack_declared_ = true;
  if (!lua_istable(L_, 1)) {
    Error(where, "pack: expected a table, as in pack { id = ..., ... }");
    return 0;
  }
  const std::string owner = "pack";
  CheckUnknownFields(1, kPackFields, where, owner);
  PackInfo& info = pack_.info;
  info.id = StringField(1, "id", where, owner, true).value_or("");
  if (!info.id.empty() && !ValidKey(info.id)) {
    Error(where, "pack: id '" + info.id + "' must use lowercase letters, digits, '-' and '_'");
  }
  info.title = StringField(1, "title", where, owner, true).value_or("");
  info.version = StringField(1, "version", where, owner, true).value_or("");
  info.framework = StringField(1, "framework", where, owner, false).value_or("");
  if (auto engine = StringField(1, "engine", where, owner, false)) {
    std::string_view constraint = *engine;
    if (constraint.substr(0, 2) != ">=") {
      Error(where, "pack: engine must be a constraint of the form \">=X.Y\"");
    } else if (CompareVersions(Version(), constraint.substr(constraint.find_first_not_of(">= "))) < 0) {
      Error(where, "pack needs aimsgate " + *engine + ", this is " + Version());
    }
  }
  lua_getfield(L_, 1, "extends");
  if (!lua_isnil(L_, -1)) Error(where, "pack: 'extends' is not supported by this engine yet");
  lua_pop(L_, 1);
  info.params = Params(1, where, owner);
  lua_getfield(L_, 1, "sla_days");
  if (lua_istable(L_, -1)) {
    for (Severity s : {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
      lua_getfield(L_, -1, std::string(ToString(s)).c_str());
      if (lua_isinteger(L_, -1) && lua_tointeger(L_, -1) > 0 && lua_tointeger(L_, -1) < 10000) {
        info.sla_days[static_cast<int>(s)] = static_cast<uint32_t>(lua_tointeger(L_, -1));
      } else if (!lua_isnil(L_, -1)) {
        Error(where, "pack: sla_days." + std::string(ToString(s)) + " must be a whole number of days");
      }
      lua_pop(L_, 1);
    }
  } else if (!lua_isnil(L_, -1)) {
    Error(where, "pack: 'sla_days' must be a table such as { critical = 7, high = 30 }");
  }
  lua_pop(L_, 1);
  modules_ = StringList(1, "modules", where, owner, true);
  for (const std::string& m : modules_) {
    if (!source_.files().count(m)) Error(where, "pack: module '" + m + "' does not exist");
  }
  // The pack-wide params become the base of every control's ctx.params.
  lua_newtable(L_);
  for (const auto& [k, v] : info.params) {
    PushParam(L_, v);
    lua_setfield(L_, -2, k.c_str());
  }
  params_ref_ = luaL_ref(L_, LUA_REGISTRYINDEX);
  return 0;
}

int PackLoader::RegisterControl() {
  const Where where = Caller();
  const std::string id = luaL_checkstring(L_, 1);
  const std::string owner = "control " + id;
  const size_t errors_before = errors_.size();
  if (!pack_declared_) {
    Error(where, owner + ": declared before pack { ... }");
    return 0;
  }
  if (!lua_istable(L_, 2)) {
    Error(where, owner + ": expected a table, as in control \"" + id + "\" { ... }");
    return 0;
  }
  const Iso42001Registry& registry = Iso42001Registry::Get();
  if (LooksLikeIsoIdentifier(id)) {
    if (!registry.Contains(id)) {
      std::string hint = registry.Suggest(id);
      Error(where, owner + ": '" + id + "' is not an ISO/IEC 42001 identifier" +
                       (hint.empty() ? "" : " (did you mean " + hint + "?)"));
    }
  } else if (id.empty() || id.find_first_of(" \t\n") != std::string::npos) {
    Error(where, "control id '" + id + "' must be an ISO identifier or a custom id like ACME-1");
  }
  if (auto first = control_sites_.find(id); first != control_sites_.end()) {
    Error(where, owner + ": duplicate id (first declared at " + first->second.file + ":" +
                     std::to_string(first->second.line) + ")");
  }
  CheckUnknownFields(2, kControlFields, where, owner);

  ControlInfo info;
  info.id = id;
  info.file = where.file;
  info.line = where.line;
  info.title = StringField(2, "title", where, owner, true).value_or("");
  info.description = StringField(2, "description", where, owner, false).value_or("");
  info.citations = StringList(2, "citations", where, owner, true);
  for (const std::string& c : info.citations) {
    if (!registry.Contains(c)) {
      std::string hint = registry.Suggest(c);
      Error(LineOf(where, "\"" + c + "\""), owner + ": citation '" + c + "' is not an ISO/IEC 42001 identifier" +
                       (hint.empty() ? "" : " (did you mean " + hint + "?)"));
    }
  }
  if (registry.Contains(id) &&
      std::find(info.citations.begin(), info.citations.end(), id) == info.citations.end()) {
    Error(where, owner + ": citations must include the control's own identifier");
  }
  info.applies_to = StringList(2, "applies_to", where, owner, true);
  for (const std::string& kind : info.applies_to) {
    if (!IsEvidenceKind(kind)) {
      Error(LineOf(where, "\"" + kind + "\""), owner + ": unknown evidence kind '" + kind +
                                                 "' (organization, model_card, pipeline_run, vendor_questionnaire)");
    }
  }
  if (auto severity = StringField(2, "severity", where, owner, true)) {
    if (!ParseSeverity(*severity, &info.severity)) {
      Error(LineOf(where, "\"" + *severity + "\""),
            owner + ": severity '" + *severity + "' is not one of critical, high, medium, low");
    }
  }
  lua_getfield(L_, 2, "crosswalk");
  if (lua_istable(L_, -1)) {
    lua_pushnil(L_);
    while (lua_next(L_, -2)) {
      lua_pop(L_, 1);
      if (lua_type(L_, -1) == LUA_TSTRING) {
        std::string framework = lua_tostring(L_, -1);
        info.crosswalk[framework] =
            StringList(lua_gettop(L_) - 1, framework.c_str(), where, owner + " crosswalk", true);
      } else {
        Error(where, owner + ": crosswalk keys must be framework names");
      }
    }
  } else if (!lua_isnil(L_, -1)) {
    Error(where, owner + ": 'crosswalk' must be a table of lists");
  }
  lua_pop(L_, 1);
  info.params = Params(2, where, owner);

  lua_getfield(L_, 2, "remediation");
  if (lua_istable(L_, -1) && lua_rawlen(L_, -1) > 0) {
    std::set<std::string> keys;
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L_, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L_, -1, i);
      const std::string task_owner = owner + " remediation[" + std::to_string(i) + "]";
      if (lua_istable(L_, -1)) {
        const int t = lua_gettop(L_);
        CheckUnknownFields(t, std::array<const char*, 3>{"key", "title", "owner"}, where, task_owner);
        RemediationSpec spec;
        spec.key = StringField(t, "key", where, task_owner, true).value_or("");
        spec.title = StringField(t, "title", where, task_owner, true).value_or("");
        spec.owner = StringField(t, "owner", where, task_owner, true).value_or("");
        if (!spec.key.empty() && !ValidKey(spec.key)) {
          Error(where, task_owner + ": key '" + spec.key + "' must use lowercase letters, digits and '-'");
        }
        if (!keys.insert(spec.key).second) Error(where, task_owner + ": duplicate key '" + spec.key + "'");
        info.remediation.push_back(std::move(spec));
      } else {
        Error(where, task_owner + ": expected { key = ..., title = ..., owner = ... }");
      }
      lua_pop(L_, 1);
    }
  } else {
    Error(where, owner + ": 'remediation' must list at least one task { key, title, owner }");
  }
  lua_pop(L_, 1);

  lua_getfield(L_, 2, "check");
  if (!lua_isfunction(L_, -1)) {
    Error(where, owner + ": 'check' must be a function(doc, ctx)");
    lua_pop(L_, 1);
  }
  if (trace_ != nullptr) {
    trace_->info.controls.push_back(info);
    trace_->has_check.push_back(lua_isfunction(L_, -1));
  }
  if (errors_.size() != errors_before) {
    if (lua_isfunction(L_, -1)) lua_pop(L_, 1);
    control_sites_.emplace(id, where);
    return 0;
  }
  ControlRefs refs;
  refs.check = luaL_ref(L_, LUA_REGISTRYINDEX);
  // ctx.params: the pack-wide params overlaid by the control's own, read-only.
  lua_newtable(L_);
  lua_rawgeti(L_, LUA_REGISTRYINDEX, params_ref_);
  lua_pushnil(L_);
  while (lua_next(L_, -2)) {
    lua_pushvalue(L_, -2);
    lua_insert(L_, -2);
    lua_rawset(L_, -5);
  }
  lua_pop(L_, 1);
  for (const auto& [k, v] : info.params) {
    PushParam(L_, v);
    lua_setfield(L_, -2, k.c_str());
  }
  box_.Freeze(-1);
  PushContext(L_, static_cast<int>(pack_.info.controls.size()), id.c_str(), -1);
  refs.ctx = luaL_ref(L_, LUA_REGISTRYINDEX);
  lua_pop(L_, 1);  // params
  control_sites_.emplace(id, where);
  pack_.info.controls.push_back(std::move(info));
  pack_.refs.push_back(refs);
  return 0;
}

// require "name" loads lib/name.lua (dots become slashes) once per state, and only from the
// pack's own lib/. Nothing else resolves: no system modules, no paths outside the pack.
int PackLoader::Require(lua_State* L) {
  std::string name = luaL_checkstring(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, kModuleCacheKey);
  lua_getfield(L, -1, name.c_str());
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 2);
  lua_getfield(L, LUA_REGISTRYINDEX, kLoaderKey);
  auto* loader = static_cast<PackLoader*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
  std::string path = name;
  std::replace(path.begin(), path.end(), '.', '/');
  path = "lib/" + path + ".lua";
  if (!valid || loader == nullptr || !loader->source_.files().count(path)) {
    return luaL_error(L,
                      "module '%s' not found: a pack may require only its own lib/ modules, "
                      "at load time (no %s in the pack)",
                      name.c_str(), valid ? path.c_str() : "such file");
  }
  CallOutcome load = loader->box_.LoadChunk(loader->source_.files().at(path), path);
  if (!load.ok()) return luaL_error(L, "%s", load.message.c_str());
  lua_call(L, 0, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  // Not frozen here: the pack's StateGuard freezes (or, for metatables, watches) what checks reach.
  lua_getfield(L, LUA_REGISTRYINDEX, kModuleCacheKey);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, name.c_str());
  lua_pop(L, 1);
  return 1;
}

int PackLoader::ParseDay(lua_State* L) {
  std::optional<int64_t> t =
      lua_type(L, 1) == LUA_TSTRING ? ParseTimestamp(lua_tostring(L, 1)) : std::nullopt;
  if (!t) return 0;
  lua_pushinteger(L, *t >= 0 ? *t / 86400 : (*t - 86399) / 86400);
  return 1;
}

int PackLoader::ParseTime(lua_State* L) {
  std::optional<int64_t> t =
      lua_type(L, 1) == LUA_TSTRING ? ParseTimestamp(lua_tostring(L, 1)) : std::nullopt;
  if (!t) return 0;
  lua_pushinteger(L, *t);
  return 1;
}

bool PackLoader::RunFile(const std::string& path) {
  CallOutcome load = box_.LoadChunk(source_.files().at(path), path);
  if (load.ok()) load = box_.Call(0, 0);
  if (load.ok()) return true;
  // Lua messages already read "file:line: message"; split them into a located diagnostic.
  Diagnostic d;
  d.location.file = path;
  std::string msg = load.message;
  size_t colon = msg.find(':');
  if (colon != std::string::npos && msg.compare(0, colon, path) == 0) {
    size_t colon2 = msg.find(':', colon + 1);
    if (colon2 != std::string::npos) {
      d.location.file = msg.substr(0, colon);
      d.location.line = static_cast<uint32_t>(std::atoi(msg.c_str() + colon + 1));
      msg = msg.substr(colon2 + 1);
      if (!msg.empty() && msg[0] == ' ') msg.erase(0, 1);
    }
  }
  d.message = msg;
  errors_.push_back(std::move(d));
  if (trace_ != nullptr) trace_->complete = false;
  return false;
}

Result<LoadedPack> PackLoader::Load() {
  RegisterEvidenceBinding(L_);
  RegisterContextBinding(L_);
  RegisterRegexBinding(L_);
  RegisterRegistryBinding(L_);
  lua_newtable(L_);
  lua_setfield(L_, LUA_REGISTRYINDEX, kModuleCacheKey);
  lua_pushlightuserdata(L_, this);
  lua_setfield(L_, LUA_REGISTRYINDEX, kLoaderKey);
  lua_pushcfunction(L_, Require);
  lua_setglobal(L_, "require");

  const std::string prelude(embedded::EngineFile("lua/prelude.lua"));
  if (luaL_loadbufferx(L_, prelude.data(), prelude.size(), kPreludeChunk, "t") != LUA_OK) {
    return Status::Internal(std::string("prelude: ") + lua_tostring(L_, -1));
  }
  const luaL_Reg host[] = {{"register_pack", RegisterPackThunk},
                           {"register_control", RegisterControlThunk},
                           {"parse_day", ParseDay},
                           {"parse_time", ParseTime},
                           {nullptr, nullptr}};
  luaL_newlib(L_, host);
  if (CallOutcome c = box_.Call(1, 0); !c.ok()) return Status::Internal("prelude: " + c.message);
  box_.FreezeGlobals();

  if (!source_.files().count("pack.lua")) {
    Diagnostic d;
    d.location.file = source_.label();
    d.message = "not a pack: no pack.lua";
    return Status::InvalidInput({d});
  }
  RunFile("pack.lua");
  if (!pack_declared_ && errors_.empty()) {
    Error({"pack.lua", 1}, "pack.lua must declare the pack: pack { id = ..., ... }");
  }
  if (pack_declared_) {
    for (const std::string& m : modules_) {
      if (source_.files().count(m)) RunFile(m);
    }
  }
  // Files that nothing loads are probably a mistake; say so without failing.
  for (const auto& [path, text] : source_.files()) {
    if (path != "pack.lua" && path.rfind("lib/", 0) != 0 &&
        std::find(modules_.begin(), modules_.end(), path) == modules_.end()) {
      Diagnostic d;
      d.severity = Diagnostic::Severity::kWarning;
      d.location.file = path;
      d.message = "not listed in the manifest's modules: it is not loaded";
      pack_.warnings.push_back(std::move(d));
    }
  }
  if (pack_declared_ && errors_.empty() && pack_.info.controls.empty()) {
    Error({"pack.lua", 1}, "the pack declares no controls");
  }
  lua_pushnil(L_);
  lua_setfield(L_, LUA_REGISTRYINDEX, kLoaderKey);
  Root(&pack_.warnings);
  if (trace_ != nullptr) {
    PackInfo manifest = pack_.info;
    manifest.controls = std::move(trace_->info.controls);
    trace_->info = std::move(manifest);
    trace_->warnings = pack_.warnings;
    trace_->errors = errors_;
    Root(&trace_->errors);
  }
  if (!errors_.empty()) {
    Root(&errors_);
    return Status::InvalidInput("pack " + source_.label() + " does not load", std::move(errors_));
  }

  // State a check could keep between documents lives in what it can reach: freeze the tables,
  // record the upvalues so the worker can prove after each document that none changed.
  std::vector<int> roots;
  for (const ControlRefs& r : pack_.refs) roots.push_back(r.check);
  lua_getfield(L_, LUA_REGISTRYINDEX, kModuleCacheKey);  // what require hands out at run time
  roots.push_back(luaL_ref(L_, LUA_REGISTRYINDEX));
  pack_.guard.Capture(box_, roots);

  Sha256 digest;
  for (const auto& [path, text] : source_.files()) {
    digest.Update(path);
    digest.Update(std::string_view("\0", 1));
    digest.Update(std::to_string(text.size()));
    digest.Update(std::string_view("\0", 1));
    digest.Update(text);
  }
  pack_.info.digest = "sha256:" + digest.HexDigest();
  pack_.info.source = source_.label();
  return std::move(pack_);
}

}  // namespace

Result<LoadedPack> LoadPackInto(Sandbox& box, const PackSource& source, LoadTrace* trace) {
  PackLoader loader(box, source, trace);
  return loader.Load();
}

}  // namespace aimsgate
