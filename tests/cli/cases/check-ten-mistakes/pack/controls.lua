local TASKS = { { key = "fix", title = "Fix it", owner = "ml-engineering" } }

control "A.6.2.4" {
  title = "Verification and validation",
  citations = { "A.6.2.4", "A.6.10" },  -- 2: not an ISO/IEC 42001 identifier
  applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    if not re.test(doc.name or "", "model-([a-z]+") then  -- 3: does not compile
      ctx:fail(nil, "no model name")
    end
    if (ctx:days_since(doc.date or "") or 0) > ctx.params.max_age_days then
      ctx:fail("/date", "too old")
    end
  end,
  remediation = TASKS,
}

control "A.6.2.4" {  -- 4: duplicate id
  title = "Verification again",
  citations = { "A.6.2.4" },
  applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx) end,
  remediation = TASKS,
}

control "ACME-1" {  -- 5: no title
  citations = { "A.6.2.5" },
  applies_to = { "pipeline_run" },
  severity = "medium",
  check = function(doc, ctx) end,
  remediation = TASKS,
}

control "ACME-2" {
  title = "Severity out of range",
  citations = { "A.6.2.5" },
  applies_to = { "pipeline_run" },
  severity = "severe",  -- 6: not a severity
  check = function(doc, ctx) end,
  remediation = TASKS,
}

control "ACME-3" {  -- 7: a task without owner
  title = "Remediation without owner",
  citations = { "A.6.2.5" },
  applies_to = { "pipeline_run" },
  severity = "low",
  check = function(doc, ctx) end,
  remediation = { { key = "approve", title = "Approve the run" } },
}

control "ACME-4" {
  title = "Evidence kind misspelt",
  citations = { "A.6.2.6" },
  applies_to = { "model-card" },  -- 8: not an evidence kind
  severity = "low",
  check = function(doc, ctx) end,
  remediation = TASKS,
}

control "ACME-5" {  -- 9: no check
  title = "Nothing checks this",
  citations = { "A.6.2.6" },
  applies_to = { "model_card" },
  severity = "low",
  remediation = TASKS,
}
