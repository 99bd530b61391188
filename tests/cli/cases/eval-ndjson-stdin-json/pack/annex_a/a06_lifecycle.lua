control "A.6.2.4" {
  title = "AI system verification and validation",
  citations = { "A.6.2.4", "9.1" },
  applies_to = { "model_card" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MEASURE 2.1" } },
  check = function(doc, ctx)
    local metrics = doc:get("/quantitative_analysis/performance_metrics")
    if not present(metrics) then
      return ctx:insufficient("/quantitative_analysis", "no verification metrics recorded")
    end
    for i = 1, #metrics do
      local m = metrics[i]
      if m.value < m.threshold then
        ctx:fail(metrics:pointer(i), ("%s = %s is below its threshold %s"):format(m.type, m.value, m.threshold))
      end
    end
    ctx:pass(("%d/%d metrics meet their thresholds"):format(#metrics, #metrics))
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
