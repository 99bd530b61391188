pack {
  id = "gaps",
  title = "Model card gaps",
  version = "1.0.0",
  sla_days = { critical = 7, high = 30, medium = 90, low = 180 },
  modules = { "clauses/c06_planning.lua", "annex_a/a06_lifecycle.lua", "annex_a/a09_use.lua" },
}
