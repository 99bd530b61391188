control "ACME-1" {
  title = "Named owner", citations = { "A.3.2" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx) end,
  remediation = { { key = "name-owner", title = "Name an owner", owner = "ml" } },
}
