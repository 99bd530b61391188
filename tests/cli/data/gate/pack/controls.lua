-- One control per enforcement level, each failing on a plain model card field.

control "A.6.2.4" {
  title = "AI system verification and validation",
  citations = { "A.6.2.4" },
  applies_to = { "model_card" },
  severity = "high",
  enforcement = "hard",
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
    ctx:pass("every metric meets its threshold")
  end,
  remediation = {
    { key = "meet-thresholds", title = "Bring the metrics within their thresholds", owner = "ml-engineering" },
    { key = "validation-standard", title = "Adopt a validation standard for every model", owner = "model-risk",
      scope = "control" },
  },
}

control "A.7.5" {
  title = "Data provenance",
  citations = { "A.7.5" },
  applies_to = { "model_card" },
  severity = "medium",
  enforcement = "soft",
  check = function(doc, ctx)
    local datasets = doc:get("/datasets")
    if not present(datasets) then
      return ctx:insufficient("/datasets", "no datasets are listed")
    end
    for i = 1, #datasets do
      if not present(datasets[i].source) then
        ctx:fail(datasets:pointer(i), ("dataset %s does not say where it came from"):format(datasets[i].name))
      end
    end
    ctx:pass("every dataset has its provenance")
  end,
  remediation = {
    { key = "record-provenance", title = "Record each dataset's provenance", owner = "data-governance" },
  },
}

control "A.6.2.7" {
  title = "AI system technical documentation",
  citations = { "A.6.2.7" },
  applies_to = { "model_card" },
  severity = "low",
  enforcement = "advisory",
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
