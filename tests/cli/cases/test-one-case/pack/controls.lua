local TASKS = { { key = "meet", title = "Meet every threshold", owner = "ml-engineering" } }

control "A.6.2.4" {
  title = "Validation metrics meet their thresholds",
  citations = { "A.6.2.4" },
  applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    local metrics = doc:get("/metrics")
    if not present(metrics) then
      return ctx:insufficient("/metrics", "no validation metrics recorded")
    end
    for i, m in ipairs(metrics) do
      if m.value < m.threshold then
        ctx:fail(metrics:pointer(i), ("%s = %s is below its threshold %s"):format(m.name, m.value, m.threshold))
      end
    end
  end,
  remediation = TASKS,
}

control "A.6.2.7" {
  title = "Technical documentation is recorded",
  citations = { "A.6.2.7" },
  applies_to = { "model_card" },
  severity = "medium",
  check = function(doc, ctx)
    if not present(doc.documentation) then
      ctx:insufficient("/documentation", "no technical documentation")
    end
  end,
  remediation = { { key = "document", title = "Write the technical documentation", owner = "ml-engineering" } },
}
