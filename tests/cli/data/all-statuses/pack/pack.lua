-- A pack whose controls between them produce every status a finding can have today
-- (all but waived), so that the report schema test sees every shape the JSON writer emits.
pack {
  id = "all-statuses",
  title = "Every finding status",
  version = "1.0.0",
  sla_days = { critical = 7, high = 30, medium = 90, low = 180 },
  modules = {
    "clauses/c06_planning.lua",
    "annex_a/a06_lifecycle.lua",
    "annex_a/a07_data.lua",
    "annex_a/a09_use.lua",
  },
}
