-- pass, fail, insufficient_evidence and error, depending on the model card.
control "A.6.2.4" {
  title = "AI system verification and validation",
  citations = { "A.6.2.4", "8.1", "9.1" },
  applies_to = { "model_card", "pipeline_run" },
  severity = "high",
  crosswalk = { eu_ai_act = { "Art. 15" }, nist_ai_rmf = { "MEASURE 2.1", "MEASURE 2.3" } },
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
    ctx:pass(("%d metrics meet their thresholds"):format(#metrics))
  end,
  remediation = {
    { key = "meet-thresholds", title = "Bring the metrics within their thresholds", owner = "ml-engineering" },
    { key = "record-thresholds", title = "Record a threshold for every metric", owner = "ml-engineering" },
  },
}

-- error: the check indexes a member that some cards lack.
control "A.6.2.8" {
  title = "AI system recording of event logs",
  citations = { "A.6.2.8" },
  applies_to = { "model_card" },
  severity = "medium",
  check = function(doc, ctx)
    if doc.logging.enabled ~= true then
      ctx:fail("/logging/enabled", "event logging is off")
    end
  end,
  remediation = {
    { key = "enable-logging", title = "Enable event logging", owner = "platform" },
  },
}

-- not_evaluated: only pipeline runs apply, and none is given.
control "A.6.2.5" {
  title = "AI system deployment",
  citations = { "A.6.2.5" },
  applies_to = { "pipeline_run" },
  severity = "high",
  check = function(doc, ctx)
    ctx:pass()
  end,
  remediation = {
    { key = "plan-deployment", title = "Plan the deployment", owner = "platform" },
  },
}
