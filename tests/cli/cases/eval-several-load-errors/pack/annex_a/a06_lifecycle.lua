-- Mistake 1: "model_cards" is not an evidence kind.
control "A.6.2.4" {
  title = "AI system verification and validation",
  citations = { "A.6.2.4" },
  applies_to = { "model_cards" },
  severity = "high",
  check = function(doc, ctx) end,
  remediation = {
    { key = "meet-thresholds", title = "Bring the metrics within their thresholds", owner = "ml-engineering" },
  },
}
