control "A.6.2.4" {
  title = "AI system verification and validation",
  citations = { "A.6.2.4" },
  applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local n = 0
    while true do
      n = n + 1
    end
  end,
  remediation = {
    { key = "meet-thresholds", title = "Bring the metrics within their thresholds", owner = "ml-engineering" },
  },
}

control "A.6.2.7" {
  title = "AI system technical documentation",
  citations = { "A.6.2.7" },
  applies_to = { "model_card" },
  severity = "medium",
  check = function(doc, ctx)
    if not present(doc:get("/technical_documentation/documents/0/location")) then
      return ctx:insufficient("/technical_documentation", "no technical documentation is linked")
    end
    ctx:pass("technical documentation is linked")
  end,
  remediation = {
    { key = "link-docs", title = "Link the technical documentation", owner = "ml-engineering" },
  },
}
