#include "lua/pattern_matcher.h"

#include <cctype>
#include <cstddef>
#include <cstring>

namespace aimsgate {
namespace {

constexpr int kMaxCaptures = 32;      // LUA_MAXCAPTURES
constexpr int kMaxDepth = 200;        // MAXCCALLS: nested match calls before "pattern too complex"
constexpr uint64_t kStepBatch = 256;  // steps counted locally before the charge function runs
constexpr char kEscape = '%';
constexpr const char* kSpecials = "^$*+?.([%-";
constexpr ptrdiff_t kCaptureUnfinished = -1;
constexpr ptrdiff_t kCapturePosition = -2;

int Byte(char c) {
  return static_cast<unsigned char>(c);
}

// The state of one match attempt over one subject string and one pattern.
struct MatchState {
  const char* src_init;  // the subject
  const char* src_end;   // its end (Lua strings are NUL-terminated past it)
  const char* p_end;     // the pattern's end
  lua_State* L;
  PatternStepCharge charge;
  uint64_t steps;  // not yet charged
  int depth_left;
  int level;  // captures, finished or not
  struct {
    const char* init;
    ptrdiff_t len;  // or kCaptureUnfinished / kCapturePosition
  } capture[kMaxCaptures];

  void Step() {
    if (++steps >= kStepBatch) Flush();
  }
  void Flush() {
    const uint64_t taken = steps;
    steps = 0;
    if (taken > 0) charge(L, taken);
  }
};

void Prepare(MatchState& ms, lua_State* L, PatternStepCharge charge, const char* s, size_t ls,
             const char* p, size_t lp) {
  ms.L = L;
  ms.charge = charge;
  ms.steps = 0;
  ms.src_init = s;
  ms.src_end = s + ls;
  ms.p_end = p + lp;
}

void Restart(MatchState& ms) {
  ms.level = 0;
  ms.depth_left = kMaxDepth;
}

// The charge function, kept in a userdata that is upvalue 1 of find, match, gmatch and gsub.
PatternStepCharge ChargeOf(lua_State* L) {
  return *static_cast<PatternStepCharge*>(lua_touserdata(L, lua_upvalueindex(1)));
}

int CheckCapture(MatchState& ms, int l) {
  l -= '1';
  if (l < 0 || l >= ms.level || ms.capture[l].len == kCaptureUnfinished) {
    return luaL_error(ms.L, "invalid capture index %%%d", l + 1);
  }
  return l;
}

int CaptureToClose(MatchState& ms) {
  for (int level = ms.level - 1; level >= 0; --level) {
    if (ms.capture[level].len == kCaptureUnfinished) return level;
  }
  return luaL_error(ms.L, "invalid pattern capture");
}

// The end of the single-character class that starts at p.
const char* ClassEnd(MatchState& ms, const char* p) {
  switch (*p++) {
    case kEscape:
      if (p == ms.p_end) luaL_error(ms.L, "malformed pattern (ends with '%%')");
      return p + 1;
    case '[':
      if (*p == '^') p++;
      do {  // look for a ']'
        if (p == ms.p_end) luaL_error(ms.L, "malformed pattern (missing ']')");
        if (*(p++) == kEscape && p < ms.p_end) p++;  // skip escapes such as '%]'
      } while (*p != ']');
      return p + 1;
    default:
      return p;
  }
}

bool MatchClass(int c, int cl) {
  bool res;
  switch (std::tolower(cl)) {
    case 'a':
      res = std::isalpha(c);
      break;
    case 'c':
      res = std::iscntrl(c);
      break;
    case 'd':
      res = std::isdigit(c);
      break;
    case 'g':
      res = std::isgraph(c);
      break;
    case 'l':
      res = std::islower(c);
      break;
    case 'p':
      res = std::ispunct(c);
      break;
    case 's':
      res = std::isspace(c);
      break;
    case 'u':
      res = std::isupper(c);
      break;
    case 'w':
      res = std::isalnum(c);
      break;
    case 'x':
      res = std::isxdigit(c);
      break;
    case 'z':  // deprecated since Lua 5.2, still accepted by 5.4
      res = c == 0;
      break;
    default:
      return cl == c;
  }
  return std::islower(cl) ? res : !res;
}

// p points at '[', class_end at the closing ']'.
bool MatchBracketClass(int c, const char* p, const char* class_end) {
  bool matches = true;
  if (*(p + 1) == '^') {
    matches = false;
    p++;
  }
  while (++p < class_end) {
    if (*p == kEscape) {
      p++;
      if (MatchClass(c, Byte(*p))) return matches;
    } else if (*(p + 1) == '-' && p + 2 < class_end) {
      p += 2;
      if (Byte(*(p - 2)) <= c && c <= Byte(*p)) return matches;
    } else if (Byte(*p) == c) {
      return matches;
    }
  }
  return !matches;
}

bool SingleMatch(const MatchState& ms, const char* s, const char* p, const char* ep) {
  if (s >= ms.src_end) return false;
  const int c = Byte(*s);
  switch (*p) {
    case '.':
      return true;
    case kEscape:
      return MatchClass(c, Byte(*(p + 1)));
    case '[':
      return MatchBracketClass(c, p, ep - 1);
    default:
      return Byte(*p) == c;
  }
}

const char* Match(MatchState& ms, const char* s, const char* p);

const char* MatchBalance(MatchState& ms, const char* s, const char* p) {
  if (p >= ms.p_end - 1) luaL_error(ms.L, "malformed pattern (missing arguments to '%%b')");
  if (*s != *p) return nullptr;
  const char open = *p, close = *(p + 1);
  int depth = 1;
  while (++s < ms.src_end) {
    ms.Step();
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      depth++;
    }
  }
  return nullptr;
}

const char* MaxExpand(MatchState& ms, const char* s, const char* p, const char* ep) {
  ptrdiff_t i = 0;
  while (SingleMatch(ms, s + i, p, ep)) {
    ms.Step();
    i++;
  }
  for (; i >= 0; --i) {  // try with the most repetitions first
    if (const char* res = Match(ms, s + i, ep + 1)) return res;
  }
  return nullptr;
}

const char* MinExpand(MatchState& ms, const char* s, const char* p, const char* ep) {
  for (;;) {
    if (const char* res = Match(ms, s, ep + 1)) return res;
    if (!SingleMatch(ms, s, p, ep)) return nullptr;
    s++;  // one more repetition
  }
}

const char* StartCapture(MatchState& ms, const char* s, const char* p, ptrdiff_t what) {
  if (ms.level >= kMaxCaptures) luaL_error(ms.L, "too many captures");
  ms.capture[ms.level].init = s;
  ms.capture[ms.level].len = what;
  ms.level++;
  const char* res = Match(ms, s, p);
  if (res == nullptr) ms.level--;  // undo the capture
  return res;
}

const char* EndCapture(MatchState& ms, const char* s, const char* p) {
  const int l = CaptureToClose(ms);
  ms.capture[l].len = s - ms.capture[l].init;
  const char* res = Match(ms, s, p);
  if (res == nullptr) ms.capture[l].len = kCaptureUnfinished;
  return res;
}

const char* MatchCapture(MatchState& ms, const char* s, int l) {
  l = CheckCapture(ms, l);
  const size_t len = static_cast<size_t>(ms.capture[l].len);
  if (static_cast<size_t>(ms.src_end - s) >= len && std::memcmp(ms.capture[l].init, s, len) == 0) {
    return s + len;
  }
  return nullptr;
}

// Returns the end of the match of pattern p at s, or nullptr.
const char* Match(MatchState& ms, const char* s, const char* p) {
  if (ms.depth_left-- == 0) luaL_error(ms.L, "pattern too complex");
init:  // tail calls are gotos, as in Lua's matcher
  ms.Step();
  if (p != ms.p_end) {
    switch (*p) {
      case '(':
        s = *(p + 1) == ')' ? StartCapture(ms, s, p + 2, kCapturePosition)
                            : StartCapture(ms, s, p + 1, kCaptureUnfinished);
        break;
      case ')':
        s = EndCapture(ms, s, p + 1);
        break;
      case '$':
        if (p + 1 != ms.p_end) goto single;
        s = s == ms.src_end ? s : nullptr;
        break;
      case kEscape:
        switch (*(p + 1)) {
          case 'b':
            s = MatchBalance(ms, s, p + 2);
            if (s != nullptr) {
              p += 4;
              goto init;
            }
            break;
          case 'f': {
            p += 2;
            if (*p != '[') luaL_error(ms.L, "missing '[' after '%%f' in pattern");
            const char* ep = ClassEnd(ms, p);
            const char previous = s == ms.src_init ? '\0' : *(s - 1);
            if (!MatchBracketClass(Byte(previous), p, ep - 1) &&
                MatchBracketClass(Byte(*s), p, ep - 1)) {
              p = ep;
              goto init;
            }
            s = nullptr;
            break;
          }
          case '0':
          case '1':
          case '2':
          case '3':
          case '4':
          case '5':
          case '6':
          case '7':
          case '8':
          case '9':
            s = MatchCapture(ms, s, Byte(*(p + 1)));
            if (s != nullptr) {
              p += 2;
              goto init;
            }
            break;
          default:
            goto single;
        }
        break;
      default:
      single : {
        const char* ep = ClassEnd(ms, p);
        if (!SingleMatch(ms, s, p, ep)) {
          if (*ep == '*' || *ep == '?' || *ep == '-') {  // zero repetitions are fine
            p = ep + 1;
            goto init;
          }
          s = nullptr;
        } else {
          switch (*ep) {
            case '?':
              if (const char* res = Match(ms, s + 1, ep + 1)) {
                s = res;
              } else {
                p = ep + 1;
                goto init;
              }
              break;
            case '+':
              s = MaxExpand(ms, s + 1, p, ep);
              break;
            case '*':
              s = MaxExpand(ms, s, p, ep);
              break;
            case '-':
              s = MinExpand(ms, s, p, ep);
              break;
            default:
              s++;
              p = ep;
              goto init;
          }
        }
        break;
      }
    }
  }
  ms.depth_left++;
  return s;
}

// Capture i of a match from s to e; returns its length or kCapturePosition (then the position
// is already pushed).
ptrdiff_t GetOneCapture(MatchState& ms, int i, const char* s, const char* e, const char** cap) {
  if (i >= ms.level) {
    if (i != 0) luaL_error(ms.L, "invalid capture index %%%d", i + 1);
    *cap = s;  // no captures: the whole match
    return e - s;
  }
  const ptrdiff_t len = ms.capture[i].len;
  *cap = ms.capture[i].init;
  if (len == kCaptureUnfinished) luaL_error(ms.L, "unfinished capture");
  if (len == kCapturePosition) {
    lua_pushinteger(ms.L, static_cast<lua_Integer>(ms.capture[i].init - ms.src_init) + 1);
  }
  return len;
}

void PushOneCapture(MatchState& ms, int i, const char* s, const char* e) {
  const char* cap;
  const ptrdiff_t len = GetOneCapture(ms, i, s, e, &cap);
  if (len != kCapturePosition) lua_pushlstring(ms.L, cap, static_cast<size_t>(len));
}

int PushCaptures(MatchState& ms, const char* s, const char* e) {
  const int levels = ms.level == 0 && s != nullptr ? 1 : ms.level;
  luaL_checkstack(ms.L, levels, "too many captures");
  for (int i = 0; i < levels; ++i) PushOneCapture(ms, i, s, e);
  return levels;
}

// Lua's posrelatI: a 1-based start position, negative counting from the end, at least 1.
size_t StartPosition(lua_Integer pos, size_t len) {
  if (pos > 0) return static_cast<size_t>(pos);
  if (pos == 0) return 1;
  if (pos < -static_cast<lua_Integer>(len)) return 1;
  return static_cast<size_t>(static_cast<lua_Integer>(len) + pos + 1);
}

bool NoSpecials(const char* p, size_t lp) {
  size_t upto = 0;
  do {  // the pattern may contain NULs: check each segment
    if (std::strpbrk(p + upto, kSpecials) != nullptr) return false;
    upto += std::strlen(p + upto) + 1;
  } while (upto <= lp);
  return true;
}

const char* FindPlain(MatchState& ms, const char* s1, size_t l1, const char* s2, size_t l2) {
  if (l2 == 0) return s1;
  if (l2 > l1) return nullptr;
  l2--;          // the first character is found by memchr
  l1 = l1 - l2;  // s2 cannot start after that
  const char* init;
  while (l1 > 0 && (init = static_cast<const char*>(std::memchr(s1, *s2, l1))) != nullptr) {
    ms.Step();
    init++;
    if (std::memcmp(init, s2 + 1, l2) == 0) return init - 1;
    l1 -= static_cast<size_t>(init - s1);
    s1 = init;
  }
  return nullptr;
}

int FindOrMatch(lua_State* L, bool find) {
  size_t ls, lp;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  const size_t init = StartPosition(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  MatchState ms;
  Prepare(ms, L, ChargeOf(L), s, ls, p, lp);
  if (find && (lua_toboolean(L, 4) || NoSpecials(p, lp))) {
    const char* found = FindPlain(ms, s + init, ls - init, p, lp);
    ms.Flush();
    if (found != nullptr) {
      lua_pushinteger(L, static_cast<lua_Integer>(found - s) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(found - s + static_cast<ptrdiff_t>(lp)));
      return 2;
    }
  } else {
    const bool anchor = *p == '^';
    if (anchor) {
      p++;
      lp--;
    }
    Prepare(ms, L, ChargeOf(L), s, ls, p, lp);
    const char* s1 = s + init;
    do {
      Restart(ms);
      if (const char* res = Match(ms, s1, p)) {
        ms.Flush();
        if (find) {
          lua_pushinteger(L, static_cast<lua_Integer>(s1 - s) + 1);
          lua_pushinteger(L, static_cast<lua_Integer>(res - s));
          return PushCaptures(ms, nullptr, nullptr) + 2;
        }
        return PushCaptures(ms, s1, res);
      }
    } while (s1++ < ms.src_end && !anchor);
    ms.Flush();
  }
  luaL_pushfail(L);
  return 1;
}

int Find(lua_State* L) {
  return FindOrMatch(L, true);
}
int MatchFunction(lua_State* L) {
  return FindOrMatch(L, false);
}

struct GmatchState {
  const char* src;        // where the next search starts
  const char* p;          // the pattern
  const char* lastmatch;  // end of the last match, so an empty match there is skipped
  MatchState ms;
};

int GmatchNext(lua_State* L) {
  auto* gm = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  gm->ms.L = L;
  for (const char* src = gm->src; src <= gm->ms.src_end; src++) {
    Restart(gm->ms);
    const char* e = Match(gm->ms, src, gm->p);
    if (e != nullptr && e != gm->lastmatch) {
      gm->src = gm->lastmatch = e;
      gm->ms.Flush();
      return PushCaptures(gm->ms, src, e);
    }
  }
  gm->ms.Flush();
  return 0;
}

int Gmatch(lua_State* L) {
  size_t ls, lp;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  size_t init = StartPosition(luaL_optinteger(L, 3, 1), ls) - 1;
  const PatternStepCharge charge = ChargeOf(L);
  lua_settop(L, 2);  // the iterator keeps both strings alive as upvalues
  auto* gm = static_cast<GmatchState*>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
  if (init > ls) init = ls + 1;  // start after the string's end: no match
  Prepare(gm->ms, L, charge, s, ls, p, lp);
  gm->src = s + init;
  gm->p = p;
  gm->lastmatch = nullptr;
  lua_pushcclosure(L, GmatchNext, 3);  // upvalues: the subject, the pattern, the state
  return 1;
}

// Appends the replacement string (argument 3) for a match from s to e.
void AddString(MatchState& ms, luaL_Buffer* b, const char* s, const char* e) {
  lua_State* L = ms.L;
  size_t l;
  const char* repl = lua_tolstring(L, 3, &l);
  const char* p;
  while ((p = static_cast<const char*>(std::memchr(repl, kEscape, l))) != nullptr) {
    luaL_addlstring(b, repl, static_cast<size_t>(p - repl));
    p++;  // skip the escape
    if (*p == kEscape) {
      luaL_addchar(b, *p);
    } else if (*p == '0') {
      luaL_addlstring(b, s, static_cast<size_t>(e - s));
    } else if (std::isdigit(Byte(*p))) {
      const char* cap;
      const ptrdiff_t len = GetOneCapture(ms, *p - '1', s, e, &cap);
      if (len == kCapturePosition) {
        luaL_addvalue(b);
      } else {
        luaL_addlstring(b, cap, static_cast<size_t>(len));
      }
    } else {
      luaL_error(L, "invalid use of '%c' in replacement string", kEscape);
    }
    l -= static_cast<size_t>(p + 1 - repl);
    repl = p + 1;
  }
  luaL_addlstring(b, repl, l);
}

// Appends the replacement for a match from s to e; returns whether the text changed.
bool AddValue(MatchState& ms, luaL_Buffer* b, const char* s, const char* e, int type) {
  lua_State* L = ms.L;
  switch (type) {
    case LUA_TFUNCTION: {
      lua_pushvalue(L, 3);
      const int n = PushCaptures(ms, s, e);
      lua_call(L, n, 1);
      break;
    }
    case LUA_TTABLE:
      PushOneCapture(ms, 0, s, e);
      lua_gettable(L, 3);
      break;
    default:
      AddString(ms, b, s, e);
      return true;
  }
  if (!lua_toboolean(L, -1)) {  // nil or false: keep the original text
    lua_pop(L, 1);
    luaL_addlstring(b, s, static_cast<size_t>(e - s));
    return false;
  }
  if (!lua_isstring(L, -1)) {
    luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  }
  luaL_addvalue(b);
  return true;
}

int Gsub(lua_State* L) {
  size_t srcl, lp;
  const char* src = luaL_checklstring(L, 1, &srcl);
  const char* p = luaL_checklstring(L, 2, &lp);
  const char* lastmatch = nullptr;
  const int type = lua_type(L, 3);
  const lua_Integer max_s = luaL_optinteger(L, 4, static_cast<lua_Integer>(srcl) + 1);
  const bool anchor = *p == '^';
  lua_Integer n = 0;
  bool changed = false;
  luaL_argexpected(
      L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION || type == LUA_TTABLE,
      3, "string/function/table");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  if (anchor) {
    p++;
    lp--;
  }
  MatchState ms;
  Prepare(ms, L, ChargeOf(L), src, srcl, p, lp);
  while (n < max_s) {
    Restart(ms);
    const char* e = Match(ms, src, p);
    if (e != nullptr && e != lastmatch) {
      n++;
      changed = AddValue(ms, &b, src, e, type) || changed;
      src = lastmatch = e;
    } else if (src < ms.src_end) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  ms.Flush();
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&b, src, static_cast<size_t>(ms.src_end - src));
    luaL_pushresult(&b);
  }
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace

void InstallCountedPatternFunctions(lua_State* L, PatternStepCharge charge) {
  const luaL_Reg functions[] = {
      {"find", Find}, {"match", MatchFunction}, {"gmatch", Gmatch}, {"gsub", Gsub}};
  *static_cast<PatternStepCharge*>(lua_newuserdatauv(L, sizeof(PatternStepCharge), 0)) = charge;
  for (const luaL_Reg& f : functions) {
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, f.func, 1);
    lua_setfield(L, -3, f.name);
  }
  lua_pop(L, 1);
}

}  // namespace aimsgate
