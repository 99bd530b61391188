-- A pack whose checks try to carry state from one document to the next: a counter in an
-- upvalue, a list in a module-level table, a cache in a lib module, a field on a metatable.
-- If any of it leaked, a finding would depend on which documents came before it.
pack {
  id = "stateful",
  title = "Checks that try to remember",
  version = "1.0.0",
  modules = { "annex_a/a06_lifecycle.lua" },
}
