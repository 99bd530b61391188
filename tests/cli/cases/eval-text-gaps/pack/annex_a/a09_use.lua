control "A.9.4" {
  title = "Intended use of the AI system",
  citations = { "A.9.4" },
  applies_to = { "model_card" },
  severity = "medium",
  check = function(doc, ctx)
    if not present(doc:get("/considerations/use_cases")) then
      ctx:insufficient("/considerations", "the intended uses are not stated")
    end
  end,
  remediation = {
    { key = "state-intended-use", title = "State the intended and out-of-scope uses", owner = "product" },
  },
}
