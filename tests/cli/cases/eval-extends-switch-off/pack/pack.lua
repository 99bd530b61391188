pack {
  id = "acme", title = "Acme", version = "1.0.0",
  extends = { pack = "iso42001", version = ">=0.1, <1.0" },
  modules = { "switch_off.lua" },
}
