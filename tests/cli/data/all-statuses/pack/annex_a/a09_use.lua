-- not_applicable for minimal-risk systems.
control "A.9.4" {
  title = "Intended use of the AI system",
  citations = { "A.9.4" },
  applies_to = { "model_card" },
  severity = "medium",
  check = function(doc, ctx)
    if doc.risk_tier == "minimal" then
      return ctx:not_applicable("minimal-risk system")
    end
    if not present(doc:get("/considerations/use_cases")) then
      ctx:fail("/considerations", "no intended uses")
    end
  end,
  remediation = {
    { key = "state-intended-use", title = "State the intended uses", owner = "product" },
  },
}
