pack {
  id = "acme", title = "Acme", version = "1.0.0",
  extends = "iso42001@^0.1",
  modules = { "overrides.lua" },
}
