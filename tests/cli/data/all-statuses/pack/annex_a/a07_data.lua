-- insufficient_evidence when a card lists no datasets, and several violations at once.
control "A.7.5" {
  title = "Data provenance",
  citations = { "A.7.5" },
  applies_to = { "model_card" },
  severity = "low",
  check = function(doc, ctx)
    local datasets = doc:get("/datasets")
    if not present(datasets) then
      return ctx:insufficient("/datasets", "no datasets listed")
    end
    for i = 1, #datasets do
      if not present(datasets[i].source) then
        ctx:fail(datasets:pointer(i), ("dataset %s has no provenance"):format(datasets[i].name))
      end
    end
  end,
  remediation = {
    { key = "record-provenance", title = "Record where every dataset came from", owner = "data-engineering" },
  },
}
