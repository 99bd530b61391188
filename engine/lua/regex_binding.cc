#include "lua/regex_binding.h"

#include <re2/re2.h>

#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "lua/host_api.h"

namespace aimsgate {
namespace {

constexpr size_t kMaxCachedPatterns = 512;
constexpr int kMaxCaptures = 16;

using Cache = std::unordered_map<std::string, std::unique_ptr<RE2>>;

int CacheGc(lua_State* L) {
  static_cast<Cache*>(lua_touserdata(L, 1))->~Cache();
  return 0;
}

const RE2& Compile(lua_State* L, int pattern_index) {
  auto* cache = static_cast<Cache*>(lua_touserdata(L, lua_upvalueindex(1)));
  size_t len;
  const char* p = luaL_checklstring(L, pattern_index, &len);
  std::string pattern(p, len);
  auto it = cache->find(pattern);
  if (it != cache->end()) return *it->second;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(1 << 20);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) {
    std::string message = "invalid regular expression '" + pattern + "': " + re->error();
    luaL_error(L, "%s", message.c_str());
  }
  if (cache->size() >= kMaxCachedPatterns) cache->clear();
  return *cache->emplace(std::move(pattern), std::move(re)).first->second;
}

re2::StringPiece Subject(lua_State* L) {
  size_t len;
  const char* s = luaL_checklstring(L, 1, &len);
  return re2::StringPiece(s, len);
}

int Test(lua_State* L) {
  re2::StringPiece subject = Subject(L);
  lua_pushboolean(L, RE2::PartialMatch(subject, Compile(L, 2)));
  return 1;
}

int Full(lua_State* L) {
  re2::StringPiece subject = Subject(L);
  lua_pushboolean(L, RE2::FullMatch(subject, Compile(L, 2)));
  return 1;
}

int Match(lua_State* L) {
  re2::StringPiece subject = Subject(L);
  const RE2& re = Compile(L, 2);
  const int groups = std::min(re.NumberOfCapturingGroups(), kMaxCaptures);
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(groups) + 1);
  if (!re.Match(subject, 0, subject.size(), RE2::UNANCHORED, pieces.data(),
                static_cast<int>(pieces.size()))) {
    lua_pushnil(L);
    return 1;
  }
  if (groups == 0) {
    lua_pushlstring(L, pieces[0].data(), pieces[0].size());
    return 1;
  }
  for (int i = 1; i <= groups; ++i) {
    const re2::StringPiece& piece = pieces[static_cast<size_t>(i)];
    if (piece.data() == nullptr) {
      lua_pushnil(L);
    } else {
      lua_pushlstring(L, piece.data(), piece.size());
    }
  }
  return groups;
}

constexpr HostFunction kRegexFunctions[] = {
    {"test", Test, "re.test(s, pattern)", "true if the RE2 pattern matches anywhere in `s`"},
    {"full", Full, "re.full(s, pattern)", "true if the pattern matches all of `s`"},
    {"match", Match, "re.match(s, pattern)",
     "the captures of the first match (the whole match if the pattern has no groups), or nil"},
};

}  // namespace

std::span<const HostFunction> RegexFunctions() {
  return kRegexFunctions;
}

void RegisterRegexBinding(lua_State* L) {
  lua_newtable(L);
  void* storage = lua_newuserdatauv(L, sizeof(Cache), 0);
  new (storage) Cache();
  lua_newtable(L);
  lua_pushcfunction(L, CacheGc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  SetHostFunctions(L, kRegexFunctions, 1);  // the cache is every function's upvalue
  lua_setglobal(L, "re");
}

}  // namespace aimsgate
