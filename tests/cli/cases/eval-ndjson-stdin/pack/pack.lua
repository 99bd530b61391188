pack {
  id = "lifecycle",
  title = "Model card life cycle",
  version = "1.0.0",
  modules = { "annex_a/a06_lifecycle.lua" },
}
