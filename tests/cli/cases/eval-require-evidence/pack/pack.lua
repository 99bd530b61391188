pack {
  id = "org-and-model",
  title = "Organization and model card",
  version = "1.0.0",
  modules = { "clauses/c06_planning.lua", "annex_a/a06_lifecycle.lua" },
}
