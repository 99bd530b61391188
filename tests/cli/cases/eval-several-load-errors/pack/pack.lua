pack {
  id = "broken",
  title = "A pack with three mistakes",
  version = "1.0.0",
  modules = { "annex_a/a06_lifecycle.lua", "annex_a/a07_data.lua", "annex_a/a09_use.lua" },
}
