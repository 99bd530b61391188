-- Only organization evidence applies: not_evaluated when none is given.
control "6.1.2" {
  title = "AI risk assessment",
  citations = { "6.1.2" },
  applies_to = { "organization" },
  severity = "critical",
  check = function(doc, ctx)
    if not present(doc:get("/risk_register")) then
      ctx:insufficient("/risk_register", "no risk register")
    end
  end,
  remediation = {
    { key = "assess-risks", title = "Assess AI risks", owner = "risk-office" },
  },
}
