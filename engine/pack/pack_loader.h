// Loading a pack into one sandbox: the prelude, pack.lua, then each module the manifest lists.
// A pack that `extends` another loads its parent (by id: the bundled pack; or by path) after
// its own pack.lua and before its own modules, so its override/switch_off calls find the
// inherited controls. Several packs given together load side by side in one sandbox.
// Every problem is collected with its pack-relative file:line; the load fails if any is an
// error. After a successful load the sandbox's globals are frozen and everything the checks can
// reach is frozen and recorded by the pack's StateGuard.
#pragma once

#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/pack.h"
#include "aimsgate/status.h"
#include "lua/sandbox.h"
#include "lua/state_guard.h"

namespace aimsgate {

// Registry references to one control's Lua objects inside its sandbox.
struct ControlRefs {
  int check = LUA_NOREF;    // the check function
  int ctx = LUA_NOREF;      // the ctx userdata passed to it
  int when = LUA_NOREF;     // an applicability test set by an override, or none
  std::string when_reason;  // the not_applicable message when `when` gives no reason
};

struct LoadedPack {
  PackInfo info;
  std::vector<ControlRefs> refs;  // parallel to info.controls
  std::vector<Diagnostic> warnings;
  StateGuard guard;  // everything the checks can reach, frozen and recorded
};

// What one load saw, kept whether or not it succeeded: for `aimsgate check`, which reports
// everything at once and lints what loaded even when something else did not.
struct LoadTrace {
  PackInfo info;                   // the manifest and every control spec read, errors or not
  std::vector<bool> has_check;     // parallel to info.controls: 'check' is a function
  std::vector<Diagnostic> errors;  // as in the failed Status
  std::vector<Diagnostic> warnings;
  bool complete = true;  // false if a file stopped early (syntax or runtime error)
};

// Loads `sources` into `box`, which must be fresh, then applies `param_overrides` (--param).
// With `trace`, also records what was read into it (see LoadTrace). On failure `box` must be
// discarded.
Result<LoadedPack> LoadPackInto(Sandbox& box, const std::vector<PackSource>& sources,
                                const std::vector<std::string>& param_overrides = {},
                                LoadTrace* trace = nullptr);

}  // namespace aimsgate
