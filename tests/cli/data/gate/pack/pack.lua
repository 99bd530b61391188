pack {
  id = "gate",
  title = "Enforcement levels, waivers and tasks",
  version = "1.0.0",
  sla_days = { critical = 7, high = 30, medium = 90, low = 180 },
  modules = { "controls.lua" },
}
