-- Verification and validation, with a typo in its citations.
local function below(m)
  return m.value < m.threshold
end

control "A.6.2.4" {
  title = "AI system verification and validation",
  citations = { "A.6.2.4", "A.6.10" },
  applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local metrics = doc:get("/quantitative_analysis/performance_metrics")
    for i = 1, #metrics do
      if below(metrics[i]) then ctx:fail(metrics:pointer(i), "below its threshold") end
    end
  end,
  remediation = {
    { key = "meet-thresholds", title = "Bring the metrics within their thresholds", owner = "ml-engineering" },
  },
}
