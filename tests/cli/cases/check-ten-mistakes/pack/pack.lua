-- Ten deliberate mistakes, one per numbered comment; `aimsgate check` must report all of them.
pack {
  id = "ten-mistakes",
  title = "A pack with ten mistakes",
  version = "0.1.0",
  engine = ">=0.1",
  params = {
    max_age_days = 30,
    retention_days = 90,  -- 1: declared, never read
  },
  modules = { "controls.lua" },
}
