pack {
  id = "budget",
  title = "A check that never ends",
  version = "1.0.0",
  modules = { "annex_a/a06_lifecycle.lua" },
}
