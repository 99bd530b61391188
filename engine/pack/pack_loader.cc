#include "pack/pack_loader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "lua/context_binding.h"
#include "lua/evidence_binding.h"
#include "lua/regex_binding.h"
#include "lua/registry_binding.h"
#include "pack/params.h"
#include "pack/version_constraint.h"
#include "registry/registry.h"
#include "util/dates.h"
#include "util/embedded.h"
#include "util/sha256.h"

namespace aimsgate {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLoaderKey = "aimsgate.loader";        // light userdata while loading
constexpr const char* kModuleCacheKey = "aimsgate.modules";  // lib module results
constexpr const char* kPreludeChunk = "=aimsgate prelude";

constexpr const char* kControlFields[] = {"title",    "description", "citations", "applies_to",
                                          "severity", "enforcement", "crosswalk", "params",
                                          "check",    "remediation"};
constexpr const char* kOverrideFields[] = {"severity", "enforcement", "params", "applies_to",
                                           "when"};
constexpr const char* kSwitchOffFields[] = {"justification"};
// The one pack known by id: the bundled one.
constexpr const char* kBundledId = "iso42001";
constexpr const char* kPackFields[] = {"id",     "title",  "version",  "framework", "description",
                                       "engine", "params", "sla_days", "modules",   "extends"};

bool IsOneOf(std::string_view s, std::span<const char* const> options) {
  return std::any_of(options.begin(), options.end(), [&](const char* o) { return s == o; });
}

bool ValidKey(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
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

class PackLoader {
 public:
  PackLoader(Sandbox& box, const std::vector<PackSource>& sources,
             const std::vector<std::string>& param_overrides, LoadTrace* trace)
      : box_(box),
        L_(box.state()),
        sources_(sources),
        param_overrides_(param_overrides),
        trace_(trace) {}

  Result<LoadedPack> Load();

 private:
  struct Where {
    std::string file;  // the chunk name: pack-relative for the first pack, else prefixed
    uint32_t line = 0;
    int frame = 0;
  };
  struct ExtendsSpec {
    std::string target;  // a pack id or a path
    bool is_path = false;
    std::string constraint;  // "" accepts any version
    Where where;
  };
  // One pack of the chain or set being loaded.
  struct Frame {
    PackSource source;
    std::string identity;      // the same pack reached twice is loaded once
    std::string chunk_prefix;  // prepended to its files' chunk names
    std::string id, title, version, framework;
    bool declared = false;
    Where manifest;  // the pack { ... } call
    std::vector<std::string> modules;
    std::map<std::string, ParamValue> params;
    std::array<std::optional<uint32_t>, 4> sla_days;
    std::optional<ExtendsSpec> extends;
    int parent = -1;
  };
  struct ControlSite {
    Where where;
    int frame;
    int index;  // into pack_.info.controls, or -1 when the control did not register
  };

  static PackLoader* Current(lua_State* L);
  static int RegisterPackThunk(lua_State* L) { return Current(L)->RegisterPack(); }
  static int RegisterControlThunk(lua_State* L) { return Current(L)->RegisterControl(); }
  static int RegisterOverrideThunk(lua_State* L) { return Current(L)->RegisterOverride(); }
  static int RegisterSwitchOffThunk(lua_State* L) { return Current(L)->RegisterSwitchOff(); }
  static int Require(lua_State* L);
  static int ParseDay(lua_State* L);
  static int ParseTime(lua_State* L);

  int RegisterPack();
  int RegisterControl();
  int RegisterOverride();
  int RegisterSwitchOff();
  // Loads one pack (and, first, what it extends); returns its frame index.
  int LoadFrame(PackSource source, std::string identity, std::string chunk_prefix);
  // The parent a frame's `extends` names, or nothing (an error was reported).
  std::optional<PackSource> ResolveParent(int frame, const ExtendsSpec& spec, std::string* identity,
                                          std::string* prefix);
  // Applies frame `f`'s pack-wide params: new ones join, inherited ones are replaced wherever an
  // ancestor declares them (pack-wide or in a control).
  void ApplyPackParams(int f);
  Status ApplyParamOverrides();
  void BuildContexts();
  void FillPackInfo();
  bool RunFile(int frame, const std::string& path);
  void Error(const Where& where, std::string message);
  Where Caller() const;
  // The user-facing file name of a chunk: first-pack files are opened from the cwd through
  // the pack's directory; other packs' chunk names already carry their directory.
  std::string Display(const Where& where) const;
  // The line of the first occurrence of `needle` in `where.file` from `where.line` on, within
  // the same control; `where` itself if there is none. Lua keeps no positions for table
  // fields, so this points errors about one value at the line that holds it.
  Where LineOf(const Where& where, const std::string& needle) const;
  bool IsAncestor(int ancestor, int frame) const;
  // The inherited control `id` that frame `frame` may override, or -1.
  int InheritedControl(int frame, const std::string& id) const;
  // The index of the inherited control an override or switch_off (called at `where` by the
  // current pack, spec table at stack index 2) changes, or -1 after reporting why there is
  // none: no spec table (`usage` shows the expected form), no parent pack, no such control.
  // Reads a control or override spec's (stack index 2) severity and enforcement into `info`,
  // reporting a value that is not one of the names.
  void ReadSeverityAndEnforcement(const Where& where, const std::string& owner,
                                  bool severity_required, ControlInfo* info);
  // Reports every one of `kinds` that is not an evidence kind.
  void CheckEvidenceKinds(const std::vector<std::string>& kinds, const Where& where,
                          const std::string& owner);
  int ChangedControl(const Where& where, const std::string& owner, const std::string& id,
                     const std::string& usage);
  std::string PackName(int frame) const { return frames_[frame].id + " " + frames_[frame].version; }

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
  const std::vector<PackSource>& sources_;
  const std::vector<std::string>& param_overrides_;
  LoadedPack pack_;
  std::vector<Frame> frames_;
  int current_ = -1;
  std::vector<int> loading_;        // the chain of frames whose loading is under way
  std::vector<int> order_;          // frames in the order they finished: parents first
  std::vector<int> top_;            // the frames of `sources_`
  std::vector<int> control_frame_;  // parallel to pack_.info.controls
  std::map<std::string, ControlSite> control_sites_;
  std::map<std::string, std::pair<ParamValue, int>> pack_params_;  // merged, with declaring frame
  std::vector<Diagnostic> errors_;
  LoadTrace* trace_;  // may be null
};

PackLoader* PackLoader::Current(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kLoaderKey);
  auto* loader = static_cast<PackLoader*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  if (loader == nullptr) luaL_error(L, "packs can declare controls only while loading");
  return loader;
}

std::string PackLoader::Display(const Where& where) const {
  if (where.frame != 0 || where.file.empty()) return where.file;
  std::string root = frames_[0].source.root();
  if (root.empty()) return where.file;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root + "/" + where.file;
}

void PackLoader::Error(const Where& where, std::string message) {
  Diagnostic d;
  d.location.file = Display(where);
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
      return {ar.source + 1, static_cast<uint32_t>(std::max(ar.currentline, 0)), current_};
    }
  }
  return {frames_[current_].chunk_prefix + "pack.lua", 0, current_};
}

PackLoader::Where PackLoader::LineOf(const Where& where, const std::string& needle) const {
  const Frame& frame = frames_[where.frame];
  if (where.file.rfind(frame.chunk_prefix, 0) != 0) return where;
  auto file = frame.source.files().find(where.file.substr(frame.chunk_prefix.size()));
  if (file == frame.source.files().end() || where.line == 0) return where;
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
        current.find('"') != std::string_view::npos &&
        current.find("control") < current.find('"')) {
      break;  // the next control starts
    }
    if (current.find(needle) != std::string_view::npos) return {where.file, line, where.frame};
    pos = end == std::string_view::npos ? end : end + 1;
  }
  return where;
}

bool PackLoader::IsAncestor(int ancestor, int frame) const {
  for (int f = frames_[frame].parent; f >= 0; f = frames_[f].parent) {
    if (f == ancestor) return true;
  }
  return false;
}

int PackLoader::InheritedControl(int frame, const std::string& id) const {
  auto site = control_sites_.find(id);
  if (site == control_sites_.end() || site->second.index < 0) return -1;
  return IsAncestor(site->second.frame, frame) ? site->second.index : -1;
}

void PackLoader::ReadSeverityAndEnforcement(const Where& where, const std::string& owner,
                                            bool severity_required, ControlInfo* info) {
  if (auto severity = StringField(2, "severity", where, owner, severity_required)) {
    if (!ParseSeverity(*severity, &info->severity)) {
      Error(LineOf(where, "\"" + *severity + "\""),
            owner + ": severity '" + *severity + "' is not one of critical, high, medium, low");
    }
  }
  if (auto enforcement = StringField(2, "enforcement", where, owner, false)) {
    if (!ParseEnforcement(*enforcement, &info->enforcement)) {
      Error(LineOf(where, "\"" + *enforcement + "\""),
            owner + ": enforcement '" + *enforcement + "' is not one of advisory, soft, hard");
    }
  }
}

void PackLoader::CheckEvidenceKinds(const std::vector<std::string>& kinds, const Where& where,
                                    const std::string& owner) {
  for (const std::string& kind : kinds) {
    if (!IsEvidenceKind(kind)) {
      Error(LineOf(where, "\"" + kind + "\""),
            owner + ": unknown evidence kind '" + kind +
                "' (organization, model_card, pipeline_run, vendor_questionnaire)");
    }
  }
}

int PackLoader::ChangedControl(const Where& where, const std::string& owner, const std::string& id,
                               const std::string& usage) {
  const Frame& frame = frames_[current_];
  if (!lua_istable(L_, 2)) {
    Error(where, owner + ": expected a table, as in " + usage);
    return -1;
  }
  if (frame.parent < 0) {
    Error(where, owner + ": pack " + frame.id + " extends no pack (add extends = ... to pack.lua)");
    return -1;
  }
  const int index = InheritedControl(current_, id);
  if (index < 0) Error(where, owner + ": no such control in " + PackName(frame.parent));
  return index;
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
      for (const char* a : allowed)
        allowed_list += (allowed_list.empty() ? "" : ", ") + std::string(a);
      const std::string field = lua_tostring(L_, -1);
      Error(LineOf(where, field),
            owner + ": unknown field '" + field + "' (known: " + allowed_list + ")");
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

int PackLoader::RegisterPack() {
  const Where where = Caller();
  Frame& frame = frames_[current_];
  if (where.file != frame.chunk_prefix + "pack.lua") {
    Error(where, "pack { ... } belongs in pack.lua");
    return 0;
  }
  if (frame.declared) {
    Error(where, "pack { ... } declared twice");
    return 0;
  }
  frame.declared = true;
  frame.manifest = where;
  if (!lua_istable(L_, 1)) {
    Error(where, "pack: expected a table, as in pack { id = ..., ... }");
    return 0;
  }
  const std::string owner = "pack";
  CheckUnknownFields(1, kPackFields, where, owner);
  frame.id = StringField(1, "id", where, owner, true).value_or("");
  if (!frame.id.empty() && !ValidKey(frame.id)) {
    Error(where, "pack: id '" + frame.id + "' must use lowercase letters, digits, '-' and '_'");
  }
  frame.title = StringField(1, "title", where, owner, true).value_or("");
  frame.version = StringField(1, "version", where, owner, true).value_or("");
  if (!frame.version.empty() && !IsVersion(frame.version)) {
    Error(LineOf(where, "version"),
          "pack: version '" + frame.version + "' must be dotted numbers such as \"1.0.0\"");
  }
  frame.framework = StringField(1, "framework", where, owner, false).value_or("");
  if (auto engine = StringField(1, "engine", where, owner, false)) {
    std::string_view constraint = *engine;
    if (constraint.substr(0, 2) != ">=") {
      Error(where, "pack: engine must be a constraint of the form \">=X.Y\"");
    } else if (CompareVersions(Version(), constraint.substr(constraint.find_first_not_of(">= "))) <
               0) {
      Error(where, "pack needs aimsgate " + *engine + ", this is " + Version());
    }
  }
  // extends = "iso42001", "iso42001@^0.1", "../base-pack", or { pack|path = ..., version = ... }
  lua_getfield(L_, 1, "extends");
  if (!lua_isnil(L_, -1)) {
    ExtendsSpec spec;
    spec.where = LineOf(where, "extends");
    if (lua_type(L_, -1) == LUA_TSTRING) {
      std::string text = lua_tostring(L_, -1);
      spec.is_path = text.find('/') != std::string::npos || (!text.empty() && text[0] == '.');
      size_t at = spec.is_path ? std::string::npos : text.find('@');
      spec.target = text.substr(0, at);
      if (at != std::string::npos) spec.constraint = text.substr(at + 1);
    } else if (lua_istable(L_, -1)) {
      const int t = lua_gettop(L_);
      CheckUnknownFields(t, std::array<const char*, 3>{"pack", "path", "version"}, spec.where,
                         "pack: extends");
      auto id = StringField(t, "pack", spec.where, "pack: extends", false);
      auto path = StringField(t, "path", spec.where, "pack: extends", false);
      if (id.has_value() == path.has_value()) {
        Error(spec.where, "pack: extends needs either pack = \"ID\" or path = \"DIR\"");
      }
      spec.is_path = path.has_value();
      spec.target = id.value_or(path.value_or(""));
      spec.constraint = StringField(t, "version", spec.where, "pack: extends", false).value_or("");
    } else {
      Error(spec.where,
            "pack: extends must be a pack id (\"iso42001@^0.1\"), a path "
            "(\"../base-pack\") or { pack = ..., version = ... }");
    }
    if (!spec.constraint.empty()) {
      std::string error;
      SatisfiesConstraint("0", spec.constraint, &error);
      if (!error.empty()) Error(spec.where, "pack: extends " + spec.target + ": " + error);
    }
    if (spec.target.empty()) {
      Error(spec.where, "pack: extends names no pack");
    } else {
      frame.extends = std::move(spec);
    }
  }
  lua_pop(L_, 1);
  frame.params = Params(1, where, owner);
  lua_getfield(L_, 1, "sla_days");
  if (lua_istable(L_, -1)) {
    for (Severity s : {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
      lua_getfield(L_, -1, std::string(ToString(s)).c_str());
      if (lua_isinteger(L_, -1) && lua_tointeger(L_, -1) > 0 && lua_tointeger(L_, -1) < 10000) {
        frame.sla_days[static_cast<size_t>(s)] = static_cast<uint32_t>(lua_tointeger(L_, -1));
      } else if (!lua_isnil(L_, -1)) {
        Error(where,
              "pack: sla_days." + std::string(ToString(s)) + " must be a whole number of days");
      }
      lua_pop(L_, 1);
    }
  } else if (!lua_isnil(L_, -1)) {
    Error(where, "pack: 'sla_days' must be a table such as { critical = 7, high = 30 }");
  }
  lua_pop(L_, 1);
  frame.modules = StringList(1, "modules", where, owner, !frame.extends.has_value());
  for (const std::string& m : frame.modules) {
    if (!frame.source.files().count(m)) Error(where, "pack: module '" + m + "' does not exist");
  }
  return 0;
}

int PackLoader::RegisterControl() {
  const Where where = Caller();
  const std::string id = luaL_checkstring(L_, 1);
  const std::string owner = "control " + id;
  const size_t errors_before = errors_.size();
  if (!frames_[current_].declared) {
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
    const ControlSite& site = first->second;
    const std::string at = Display(site.where) + ":" + std::to_string(site.where.line);
    if (site.frame == current_) {
      Error(where, owner + ": duplicate id (first declared at " + at + ")");
    } else if (IsAncestor(site.frame, current_)) {
      Error(where, owner + ": already inherited from pack " + PackName(site.frame) + " (" + at +
                       "); change it with override \"" + id +
                       "\" { ... } or give yours another id");
    } else {
      Error(where, owner + ": also declared by pack " + frames_[site.frame].id + " at " + at);
      Error(site.where, owner + ": also declared by pack " + frames_[current_].id + " at " +
                            Display(where) + ":" + std::to_string(where.line));
    }
  }
  CheckUnknownFields(2, kControlFields, where, owner);

  ControlInfo info;
  info.id = id;
  info.file = where.file;
  info.line = where.line;
  info.pack = frames_[current_].id;
  info.title = StringField(2, "title", where, owner, true).value_or("");
  info.description = StringField(2, "description", where, owner, false).value_or("");
  info.citations = StringList(2, "citations", where, owner, true);
  for (const std::string& c : info.citations) {
    if (!registry.Contains(c)) {
      std::string hint = registry.Suggest(c);
      Error(LineOf(where, "\"" + c + "\""),
            owner + ": citation '" + c + "' is not an ISO/IEC 42001 identifier" +
                (hint.empty() ? "" : " (did you mean " + hint + "?)"));
    }
  }
  if (registry.Contains(id) &&
      std::find(info.citations.begin(), info.citations.end(), id) == info.citations.end()) {
    Error(where, owner + ": citations must include the control's own identifier");
  }
  info.applies_to = StringList(2, "applies_to", where, owner, true);
  CheckEvidenceKinds(info.applies_to, where, owner);
  ReadSeverityAndEnforcement(where, owner, /*severity_required=*/true, &info);
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
        CheckUnknownFields(t, std::array<const char*, 4>{"key", "title", "owner", "scope"}, where,
                           task_owner);
        RemediationSpec spec;
        spec.key = StringField(t, "key", where, task_owner, true).value_or("");
        spec.title = StringField(t, "title", where, task_owner, true).value_or("");
        spec.owner = StringField(t, "owner", where, task_owner, true).value_or("");
        if (auto scope = StringField(t, "scope", where, task_owner, false)) {
          if (*scope == "control") {
            spec.scope = RemediationScope::kControl;
          } else if (*scope != "document") {
            Error(LineOf(where, "\"" + *scope + "\""),
                  task_owner + ": scope '" + *scope + "' is not one of document, control");
          }
        }
        if (!spec.key.empty() && !ValidKey(spec.key)) {
          Error(where,
                task_owner + ": key '" + spec.key + "' must use lowercase letters, digits and '-'");
        }
        if (!keys.insert(spec.key).second)
          Error(where, task_owner + ": duplicate key '" + spec.key + "'");
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
    control_sites_.emplace(id, ControlSite{where, current_, -1});
    return 0;
  }
  ControlRefs refs;
  refs.check = luaL_ref(L_, LUA_REGISTRYINDEX);
  control_sites_.emplace(
      id, ControlSite{where, current_, static_cast<int>(pack_.info.controls.size())});
  control_frame_.push_back(current_);
  pack_.info.controls.push_back(std::move(info));
  pack_.refs.push_back(refs);
  return 0;
}

// override "ID" { severity, enforcement, params, applies_to, when }: changes an inherited control.
int PackLoader::RegisterOverride() {
  const Where where = Caller();
  const std::string id = luaL_checkstring(L_, 1);
  const std::string owner = "override of " + id;
  const Frame& frame = frames_[current_];
  const int index = ChangedControl(where, owner, id, "override \"" + id + "\" { severity = ... }");
  if (index < 0) return 0;
  CheckUnknownFields(2, kOverrideFields, where, owner);
  ControlInfo& info = pack_.info.controls[static_cast<size_t>(index)];
  info.changed_by.push_back(frame.id);
  ReadSeverityAndEnforcement(where, owner, /*severity_required=*/false, &info);
  std::vector<std::string> kinds = StringList(2, "applies_to", where, owner, false);
  CheckEvidenceKinds(kinds, where, owner);
  if (!kinds.empty()) info.applies_to = kinds;
  for (auto& [key, value] : Params(2, where, owner)) {
    auto own = info.params.find(key);
    auto wide = pack_params_.find(key);
    const ParamValue* declared = own != info.params.end()     ? &own->second
                                 : wide != pack_params_.end() ? &wide->second.first
                                                              : nullptr;
    ParamValue given = value;
    if (declared == nullptr) {
      Error(LineOf(where, key), owner + ": control " + id + " has no param '" + key + "'");
    } else if (!CoerceParam(*declared, &given)) {
      Error(LineOf(where, key), owner + ": param '" + key + "' is " +
                                    std::string(ParamTypeName(*declared)) + ", not " +
                                    std::string(ParamTypeName(value)));
    } else {
      info.params[key] = given;
    }
  }
  lua_getfield(L_, 2, "when");
  if (lua_isfunction(L_, -1)) {
    ControlRefs& refs = pack_.refs[static_cast<size_t>(index)];
    if (refs.when != LUA_NOREF) luaL_unref(L_, LUA_REGISTRYINDEX, refs.when);
    refs.when = luaL_ref(L_, LUA_REGISTRYINDEX);
    refs.when_reason = "does not apply: the applicability test (when) of pack " + frame.id +
                       " is false for this document";
  } else {
    if (!lua_isnil(L_, -1))
      Error(LineOf(where, "when"), owner + ": 'when' must be a function(doc, ctx)");
    lua_pop(L_, 1);
  }
  return 0;
}

// switch_off "ID" { justification = "..." }: the control's findings become not_applicable.
int PackLoader::RegisterSwitchOff() {
  const Where where = Caller();
  const std::string id = luaL_checkstring(L_, 1);
  const std::string owner = "switch_off of " + id;
  const Frame& frame = frames_[current_];
  const int index =
      ChangedControl(where, owner, id, "switch_off \"" + id + "\" { justification = ... }");
  if (index < 0) return 0;
  CheckUnknownFields(2, kSwitchOffFields, where, owner);
  std::optional<std::string> why = StringField(2, "justification", where, owner, true);
  if (!why) return 0;
  ControlInfo& info = pack_.info.controls[static_cast<size_t>(index)];
  info.switched_off = "switched off by pack " + frame.id + ": " + *why;
  pack_.info.switched_off.push_back({id, frame.id, *why, Display(where), where.line});
  return 0;
}

// require "name" loads lib/name.lua (dots become slashes) of the calling pack, once per state.
// Nothing else resolves: no system modules, no paths outside the pack. At run time only modules
// loaded while the pack loaded are found (the cache is keyed by chunk name, so two packs' lib/
// modules of the same name stay apart).
int PackLoader::Require(lua_State* L) {
  std::string name = luaL_checkstring(L, 1);
  bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
  std::string path = name;
  std::replace(path.begin(), path.end(), '.', '/');
  path = "lib/" + path + ".lua";
  lua_getfield(L, LUA_REGISTRYINDEX, kLoaderKey);
  auto* loader = static_cast<PackLoader*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  std::string prefix;
  if (loader != nullptr) {
    prefix = loader->frames_[loader->current_].chunk_prefix;
  } else {
    // At run time: the pack of the calling chunk, i.e. the longest prefix of it that has the
    // module in the cache.
    lua_Debug ar;
    std::string caller;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "S", &ar) && ar.source[0] == '@')
      caller = ar.source + 1;
    lua_getfield(L, LUA_REGISTRYINDEX, kModuleCacheKey);
    lua_pushnil(L);
    bool found = false;
    while (lua_next(L, -2)) {
      lua_pop(L, 1);
      std::string key = lua_tostring(L, -1);
      if (key.size() >= path.size() &&
          key.compare(key.size() - path.size(), path.size(), path) == 0) {
        std::string p = key.substr(0, key.size() - path.size());
        if (caller.rfind(p, 0) == 0 && (!found || p.size() > prefix.size())) {
          prefix = p;
          found = true;
        }
      }
    }
    lua_pop(L, 1);
  }
  const std::string chunk = prefix + path;
  lua_getfield(L, LUA_REGISTRYINDEX, kModuleCacheKey);
  lua_getfield(L, -1, chunk.c_str());
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 2);
  const PackSource* source = loader ? &loader->frames_[loader->current_].source : nullptr;
  if (!valid || source == nullptr || !source->files().count(path)) {
    return luaL_error(L,
                      "module '%s' not found: a pack may require only its own lib/ modules, "
                      "at load time (no %s in the pack)",
                      name.c_str(), valid ? path.c_str() : "such file");
  }
  CallOutcome load = loader->box_.LoadChunk(source->files().at(path), chunk);
  if (!load.ok()) return luaL_error(L, "%s", load.message.c_str());
  lua_call(L, 0, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  // Not frozen here: the pack's StateGuard freezes (or, for metatables, watches) what checks reach.
  lua_getfield(L, LUA_REGISTRYINDEX, kModuleCacheKey);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, chunk.c_str());
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

bool PackLoader::RunFile(int frame, const std::string& path) {
  const std::string chunk = frames_[frame].chunk_prefix + path;
  CallOutcome load = box_.LoadChunk(frames_[frame].source.files().at(path), chunk);
  if (load.ok()) load = box_.Call(0, 0);
  if (load.ok()) return true;
  // Lua messages already read "file:line: message"; split them into a located diagnostic.
  Where where{chunk, 0, frame};
  std::string msg = load.message;
  size_t colon = msg.find(':');
  if (colon != std::string::npos && msg.compare(0, colon, chunk) == 0) {
    size_t colon2 = msg.find(':', colon + 1);
    if (colon2 != std::string::npos) {
      where.line = static_cast<uint32_t>(std::atoi(msg.c_str() + colon + 1));
      msg = msg.substr(colon2 + 1);
      if (!msg.empty() && msg[0] == ' ') msg.erase(0, 1);
    }
  }
  Error(where, msg);
  if (trace_ != nullptr) trace_->complete = false;
  return false;
}

std::optional<PackSource> PackLoader::ResolveParent(int frame, const ExtendsSpec& spec,
                                                    std::string* identity, std::string* prefix) {
  const std::string what = "pack: extends " + spec.target;
  if (!spec.is_path) {
    if (spec.target != kBundledId) {
      Error(spec.where, what + ": no pack with that id is known (by id: " + kBundledId +
                            "; another pack by its directory: \"../base-pack\")");
      return std::nullopt;
    }
    *identity = PackSource::Bundled().label();
    *prefix = "<" + std::string(kBundledId) + ">/";
    return PackSource::Bundled();
  }
  const std::string& root = frames_[frame].source.root();
  if (root.empty()) {
    Error(spec.where, what + ": a path is relative to the pack's directory, and pack " +
                          frames_[frame].id + " was not read from one");
    return std::nullopt;
  }
  std::string dir = (fs::path(root) / spec.target).lexically_normal().generic_string();
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  Result<PackSource> parent = PackSource::FromDirectory(dir);
  if (!parent.ok()) {
    std::string reason = parent.status().diagnostics().empty()
                             ? parent.status().message()
                             : parent.status().diagnostics().front().message;
    Error(spec.where, what + ": " + dir + " is " + reason);
    return std::nullopt;
  }
  std::error_code ec;
  *identity = fs::weakly_canonical(dir, ec).generic_string();
  *prefix = dir + "/";
  return std::move(parent).value();
}

int PackLoader::LoadFrame(PackSource source, std::string identity, std::string chunk_prefix) {
  for (size_t i = 0; i < frames_.size(); ++i) {
    if (frames_[i].identity == identity) return static_cast<int>(i);  // loaded, or a cycle
  }
  const int f = static_cast<int>(frames_.size());
  frames_.emplace_back();
  frames_[f].source = std::move(source);
  frames_[f].identity = std::move(identity);
  frames_[f].chunk_prefix = std::move(chunk_prefix);
  const int saved = current_;
  current_ = f;
  loading_.push_back(f);
  const size_t errors_before = errors_.size();
  if (!frames_[f].source.files().count("pack.lua")) {
    Error({frames_[f].source.label(), 0, -1}, "not a pack: no pack.lua");
  } else {
    RunFile(f, "pack.lua");
    if (!frames_[f].declared && errors_.size() == errors_before) {
      Error({frames_[f].chunk_prefix + "pack.lua", 1, f},
            "pack.lua must declare the pack: pack { id = ..., ... }");
    }
  }
  if (frames_[f].extends && errors_.size() == errors_before) {
    const ExtendsSpec spec = *frames_[f].extends;
    std::string parent_identity, parent_prefix;
    if (std::optional<PackSource> parent =
            ResolveParent(f, spec, &parent_identity, &parent_prefix)) {
      auto cycle = std::find_if(loading_.begin(), loading_.end(),
                                [&](int g) { return frames_[g].identity == parent_identity; });
      if (cycle != loading_.end()) {
        std::string chain;
        for (auto it = cycle; it != loading_.end(); ++it) chain += frames_[*it].id + " -> ";
        Error(spec.where,
              "pack: extends " + spec.target + " makes a cycle: " + chain + frames_[*cycle].id);
      } else {
        const int p = LoadFrame(std::move(*parent), parent_identity, parent_prefix);
        current_ = f;
        frames_[f].parent = p;
        std::string error;
        if (!spec.is_path && frames_[p].id != spec.target) {
          Error(spec.where,
                "pack: extends " + spec.target + ": that pack's id is " + frames_[p].id);
        } else if (!spec.constraint.empty() &&
                   !SatisfiesConstraint(frames_[p].version, spec.constraint, &error) &&
                   error.empty()) {
          Error(spec.where, "pack: extends " + spec.target + " " + spec.constraint + ", but " +
                                frames_[p].id + " is version " + frames_[p].version);
        }
      }
    }
  }
  if (frames_[f].declared && errors_.size() == errors_before) {
    ApplyPackParams(f);
    for (const std::string& m : frames_[f].modules) {
      if (frames_[f].source.files().count(m)) RunFile(f, m);
    }
    // Files that nothing loads are probably a mistake; say so without failing.
    for (const auto& [path, text] : frames_[f].source.files()) {
      const auto& modules = frames_[f].modules;
      if (path != "pack.lua" && path.rfind("lib/", 0) != 0 &&
          std::find(modules.begin(), modules.end(), path) == modules.end()) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::kWarning;
        d.location.file = Display({frames_[f].chunk_prefix + path, 0, f});
        d.message = "not listed in the manifest's modules: it is not loaded";
        pack_.warnings.push_back(std::move(d));
      }
    }
    const bool any =
        std::find(control_frame_.begin(), control_frame_.end(), f) != control_frame_.end();
    if (!any && !frames_[f].extends && errors_.size() == errors_before) {
      Error({frames_[f].chunk_prefix + "pack.lua", 1, f}, "the pack declares no controls");
    }
  }
  loading_.pop_back();
  order_.push_back(f);
  current_ = saved;
  return f;
}

void PackLoader::ApplyPackParams(int f) {
  for (const auto& [key, value] : frames_[f].params) {
    const Where at = LineOf(frames_[f].manifest, key);
    auto merged = pack_params_.find(key);
    bool inherited = false;
    const ParamValue* declared = nullptr;
    if (merged != pack_params_.end()) {
      if (!IsAncestor(merged->second.second, f)) {
        Error(at, "pack: param '" + key + "' is also a param of pack " +
                      frames_[merged->second.second].id + ", which " + frames_[f].id +
                      " does not extend");
        continue;
      }
      inherited = true;
      declared = &merged->second.first;
    }
    for (size_t i = 0; i < pack_.info.controls.size(); ++i) {
      auto own = pack_.info.controls[i].params.find(key);
      if (own != pack_.info.controls[i].params.end() && IsAncestor(control_frame_[i], f)) {
        inherited = true;
        if (declared == nullptr) declared = &own->second;
      }
    }
    ParamValue given = value;
    if (declared != nullptr && !CoerceParam(*declared, &given)) {
      Error(at, "pack: param '" + key + "' is " + std::string(ParamTypeName(*declared)) +
                    " where it is inherited, not " + std::string(ParamTypeName(value)));
      continue;
    }
    if (!inherited || merged != pack_params_.end()) pack_params_[key] = {given, f};
    for (size_t i = 0; i < pack_.info.controls.size(); ++i) {
      auto own = pack_.info.controls[i].params.find(key);
      if (own != pack_.info.controls[i].params.end() && IsAncestor(control_frame_[i], f)) {
        own->second = given;
      }
    }
  }
}

Status PackLoader::ApplyParamOverrides() {
  for (const std::string& text : param_overrides_) {
    const std::string heading = "--param " + text + ": ";
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidInput(heading + "expected NAME=VALUE or CONTROL.NAME=VALUE");
    }
    std::string name = text.substr(0, eq);
    const std::string value = text.substr(eq + 1);
    std::vector<ParamValue*> targets;
    const ParamValue* declared = nullptr;
    const size_t dot = name.rfind('.');
    if (dot != std::string::npos) {
      const std::string control = name.substr(0, dot);
      name = name.substr(dot + 1);
      auto site = control_sites_.find(control);
      if (site == control_sites_.end() || site->second.index < 0) {
        return Status::InvalidInput(heading + "no control '" + control + "' in the pack");
      }
      ControlInfo& info = pack_.info.controls[static_cast<size_t>(site->second.index)];
      auto own = info.params.find(name);
      auto wide = pack_params_.find(name);
      if (own != info.params.end()) {
        declared = &own->second;
      } else if (wide != pack_params_.end()) {
        declared = &wide->second.first;
      } else {
        return Status::InvalidInput(heading + "control " + control + " has no param '" + name +
                                    "'");
      }
      info.params[name] = *declared;  // the control gets its own copy to set
      targets.push_back(&info.params[name]);
      declared = targets.back();
    } else {
      if (auto wide = pack_params_.find(name); wide != pack_params_.end()) {
        targets.push_back(&wide->second.first);
      }
      for (ControlInfo& info : pack_.info.controls) {
        if (auto own = info.params.find(name); own != info.params.end())
          targets.push_back(&own->second);
      }
      if (targets.empty())
        return Status::InvalidInput(heading + "the pack has no param '" + name + "'");
      declared = targets.front();
    }
    std::optional<ParamValue> parsed = ParseParamText(*declared, value);
    for (ParamValue* target : targets) {
      ParamValue given = parsed.value_or(ParamValue(false));
      if (!parsed || !CoerceParam(*target, &given)) {
        return Status::InvalidInput(heading + "param '" + name + "' is " +
                                    std::string(ParamTypeName(*target)) + ", and '" + value +
                                    "' is not");
      }
      *target = given;
    }
  }
  return Status::Ok();
}

// ctx.params of each control: the merged pack-wide params overlaid by its own, read-only.
void PackLoader::BuildContexts() {
  for (size_t i = 0; i < pack_.info.controls.size(); ++i) {
    const ControlInfo& info = pack_.info.controls[i];
    lua_newtable(L_);
    for (const auto& [k, v] : pack_params_) {
      PushParam(L_, v.first);
      lua_setfield(L_, -2, k.c_str());
    }
    for (const auto& [k, v] : info.params) {
      PushParam(L_, v);
      lua_setfield(L_, -2, k.c_str());
    }
    box_.Freeze(-1);
    PushContext(L_, static_cast<int>(i), info.id.c_str(), -1);
    pack_.refs[i].ctx = luaL_ref(L_, LUA_REGISTRYINDEX);
    lua_pop(L_, 1);  // params
  }
}

// The pack as one: a chain is its child's identity; several packs are joined with '+'.
void PackLoader::FillPackInfo() {
  PackInfo& info = pack_.info;
  for (int t : top_) {
    const Frame& frame = frames_[t];
    auto join = [](std::string* into, const std::string& part, const char* sep) {
      *into += (into->empty() ? "" : sep) + part;
    };
    join(&info.id, frame.id, "+");
    join(&info.version, frame.version, "+");
    join(&info.title, frame.title, " + ");
    if (info.framework.empty()) info.framework = frame.framework;
  }
  for (const auto& [k, v] : pack_params_) info.params[k] = v.first;
  for (int f : order_) {
    const Frame& frame = frames_[f];
    for (size_t s = 0; s < 4; ++s) {
      if (frame.sla_days[s]) info.sla_days[s] = *frame.sla_days[s];
    }
    info.layers.push_back({frame.id, frame.version,
                           frame.source.root().empty() ? frame.source.label() : frame.source.root(),
                           frame.parent >= 0 ? frames_[frame.parent].id : ""});
  }
  // One pack: the digest of its files, as before extends. Several: of their digests, in order.
  auto files_digest = [](const PackSource& source) {
    Sha256 digest;
    for (const auto& [path, text] : source.files()) {
      digest.Update(path);
      digest.Update(std::string_view("\0", 1));
      digest.Update(std::to_string(text.size()));
      digest.Update(std::string_view("\0", 1));
      digest.Update(text);
    }
    return digest.HexDigest();
  };
  if (frames_.size() == 1) {
    info.digest = "sha256:" + files_digest(frames_[0].source);
  } else {
    Sha256 digest;
    for (int f : order_) {
      digest.Update(frames_[f].id);
      digest.Update(std::string_view("\0", 1));
      digest.Update(files_digest(frames_[f].source));
      digest.Update(std::string_view("\n", 1));
    }
    info.digest = "sha256:" + digest.HexDigest();
  }
  std::string source;
  for (int t : top_) source += (source.empty() ? "" : ", ") + frames_[t].source.label();
  info.source = source;
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
                           {"register_override", RegisterOverrideThunk},
                           {"register_switch_off", RegisterSwitchOffThunk},
                           {"parse_day", ParseDay},
                           {"parse_time", ParseTime},
                           {nullptr, nullptr}};
  luaL_newlib(L_, host);
  if (CallOutcome c = box_.Call(1, 0); !c.ok()) return Status::Internal("prelude: " + c.message);
  box_.FreezeGlobals();

  for (const PackSource& source : sources_) {
    std::string identity = source.root().empty()
                               ? source.label()
                               : fs::weakly_canonical(source.root()).generic_string();
    std::string prefix;
    if (!frames_.empty()) {
      prefix = source.root().empty() ? "<" + source.label() + ">/" : source.root() + "/";
    }
    const size_t before = frames_.size();
    const int f = LoadFrame(source, identity, prefix);
    if (frames_.size() == before) continue;  // already loaded as another pack's parent
    top_.push_back(f);
  }
  // A pack given on its own and also extended by another given with it is that other's layer.
  std::vector<int> tops;
  for (int t : top_) {
    bool extended = false;
    for (int u : top_) extended = extended || (u != t && IsAncestor(t, u));
    if (!extended) tops.push_back(t);
  }
  top_ = tops;
  lua_pushnil(L_);
  lua_setfield(L_, LUA_REGISTRYINDEX, kLoaderKey);
  // For `check`: what was read, also when the load failed.
  auto record_trace = [&] {
    if (trace_ == nullptr) return;
    PackInfo manifest = pack_.info;
    manifest.controls = std::move(trace_->info.controls);
    trace_->info = std::move(manifest);
    trace_->warnings = pack_.warnings;
    trace_->errors = errors_;
  };
  if (!errors_.empty()) {
    if (trace_ != nullptr) {
      FillPackInfo();
      record_trace();
    }
    std::string label;
    for (const PackSource& s : sources_) label += (label.empty() ? "" : ", ") + s.label();
    return Status::InvalidInput("pack " + label + " does not load", std::move(errors_));
  }
  if (Status s = ApplyParamOverrides(); !s.ok()) return s;
  BuildContexts();

  // State a check could keep between documents lives in what it can reach: freeze the tables,
  // record the upvalues so the worker can prove after each document that none changed.
  std::vector<int> roots;
  for (const ControlRefs& r : pack_.refs) {
    roots.push_back(r.check);
    if (r.when != LUA_NOREF) roots.push_back(r.when);
  }
  lua_getfield(L_, LUA_REGISTRYINDEX, kModuleCacheKey);  // what require hands out at run time
  roots.push_back(luaL_ref(L_, LUA_REGISTRYINDEX));
  pack_.guard.Capture(box_, roots);
  FillPackInfo();
  record_trace();
  return std::move(pack_);
}

}  // namespace

Result<LoadedPack> LoadPackInto(Sandbox& box, const std::vector<PackSource>& sources,
                                const std::vector<std::string>& param_overrides, LoadTrace* trace) {
  PackLoader loader(box, sources, param_overrides, trace);
  return loader.Load();
}

}  // namespace aimsgate
