-- Mistake 3: a missing comma after the citations, a Lua syntax error.
control "A.9.4" {
  title = "Intended use of the AI system",
  citations = { "A.9.4" }
  applies_to = { "model_card" },
  severity = "medium",
  check = function(doc, ctx) end,
  remediation = {
    { key = "state-intended-use", title = "State the intended uses", owner = "product" },
  },
}
