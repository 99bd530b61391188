pack {
  id = "metrics",
  title = "Validation metrics",
  version = "1.0.0",
  modules = { "controls.lua" },
}
