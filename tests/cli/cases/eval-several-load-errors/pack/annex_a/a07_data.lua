-- Mistake 2: "severe" is not a severity.
control "A.7.5" {
  title = "Data provenance",
  citations = { "A.7.5" },
  applies_to = { "model_card" },
  severity = "severe",
  check = function(doc, ctx) end,
  remediation = {
    { key = "record-provenance", title = "Record where every dataset came from", owner = "data-engineering" },
  },
}
