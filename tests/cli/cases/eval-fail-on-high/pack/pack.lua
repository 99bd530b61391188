pack {
  id = "data",
  title = "Model card data and validation",
  version = "1.0.0",
  sla_days = { critical = 7, high = 30, medium = 90, low = 180 },
  modules = { "annex_a/a06_lifecycle.lua", "annex_a/a07_data.lua" },
}
