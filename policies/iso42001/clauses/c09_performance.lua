-- Clause 9: performance evaluation (9.1-9.3.3).
local util = require "util"

---------------------------------------------------------------------------------------------
-- 9.1 Monitoring, measurement, analysis and evaluation
---------------------------------------------------------------------------------------------

local MON_PLAN = "define-aims-metrics"
local MON_MEASURE = "measure-aims-metrics"
local MON_MEET = "meet-aims-targets"
local MON_EVALUATE = "evaluate-monitoring-results"

-- How old a result may be: the frequency's days plus the grace, or the fallback maximum.
local function allowed_age(frequency, grace, fallback)
  local days = util.frequency_days(frequency)
  if days == nil then return fallback, nil end
  return days + grace, frequency
end

-- Checks one AIMS metric; returns true when it is defined, recent and on target.
local function check_metric(ctx, m, at, i, p)
  local name = util.label("metric", m, i)
  if util.shape(m) ~= "object" then
    ctx:fail(at, name .. " must be an object, found " .. util.show(m), MON_PLAN)
    return false
  end
  local ok = true
  if type(m.metric) == "string" and present(m.metric) then
    name = name .. " (" .. m.metric .. ")"
  else
    ctx:fail(at .. "/metric", name .. " does not say what it measures (metric)", MON_PLAN)
    ok = false
  end
  ok = util.require_text(ctx, m, "method", name, "does not say how it is measured (method)",
    MON_PLAN) and ok
  ok = util.require_text(ctx, m, "owner", name, "has no owner who measures it", MON_PLAN) and ok
  local target = m.target
  if type(target) ~= "number" then
    ctx:fail(at .. "/target", name .. " has no numeric target, found " .. util.show(target),
      MON_PLAN)
    ok = false
  end
  local actual = m.actual
  if actual == nil then
    ctx:fail(at .. "/actual", name .. " has never been measured (actual)", MON_MEASURE)
    return false
  elseif type(actual) ~= "number" then
    ctx:fail(at .. "/actual", name .. ": actual must be a number, found " .. util.show(actual),
      MON_MEASURE)
    return false
  end
  if m.measured == nil then
    ctx:fail(at .. "/measured", name .. ": the latest measurement is not dated (measured)",
      MON_MEASURE)
    ok = false
  else
    local _, age = util.past_date(ctx, m.measured, at .. "/measured", name .. ": measured",
      MON_MEASURE)
    if age == nil then
      ok = false
    else
      local max, freq = allowed_age(m.frequency, p.measurement_grace_days,
        p.max_measurement_age_days)
      if age > max then
        ctx:fail(at .. "/measured", ("%s was last measured %s, %d days before %s; %s, it may "
          .. "be at most %d days old"):format(name, m.measured, age, ctx.as_of,
            freq and ("measured " .. freq) or "with no stated frequency", max), MON_MEASURE)
        ok = false
      end
    end
  end
  if type(target) == "number" then
    local direction = m.direction or "min"
    local v, t = util.nums(actual, target)
    local period = type(m.period) == "string" and (" for " .. m.period) or ""
    if (direction == "min" or direction == "max") and not util.meets(actual, target, direction)
    then
      ctx:fail(at .. "/actual", ("%s = %s misses its target of %s %s%s")
        :format(name, v, direction == "max" and "at most" or "at least", t, period), MON_MEET)
      ok = false
    end
  end
  return ok
end

control "9.1" {
  title = "AIMS performance measured against targets and evaluated",
  description = "A monitoring plan says who measures what and how often results are analysed; "
    .. "every AIMS metric has a method, an owner and a target, a measurement recent enough for "
    .. "its frequency, and meets its target; the results were evaluated within the planned "
    .. "analysis interval.",
  citations = { "9.1" },
  applies_to = { "organization" },
  severity = "medium",
  params = {
    -- Days allowed on top of a metric's (or the analysis's) frequency before it counts as stale:
    -- a quarterly value is measured after its quarter closes.
    measurement_grace_days = 31,
    -- The oldest a measurement or evaluation may be when no frequency is stated.
    max_measurement_age_days = 183,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local mon = util.require_object(doc, ctx, "/monitoring", "monitoring and measurement record",
      { MON_PLAN, MON_MEASURE, MON_EVALUATE })
    if mon == nil then return end
    local ok = true
    local plan = mon.plan
    if util.shape(plan) ~= "object" then
      ctx:fail(mon:pointer("plan"), "no monitoring plan: what is measured, how, how often and by "
        .. "whom (plan)", MON_PLAN)
      ok = false
    else
      local name = "the monitoring plan"
      ok = util.require_text(ctx, plan, "owner", name, "has no owner", MON_PLAN) and ok
      ok = util.require_text(ctx, plan, "reported_to", name,
        "does not say who receives the results (reported_to)", MON_PLAN) and ok
      if plan.analysis_frequency == nil then
        ctx:fail(plan:pointer("analysis_frequency"), name .. " does not say how often results "
          .. "are analysed and evaluated (analysis_frequency)", MON_PLAN)
        ok = false
      end
    end

    local metrics = util.require_list(doc, ctx, "/monitoring/metrics",
      "AIMS performance metrics", { MON_PLAN, MON_MEASURE })
    local good = 0
    if metrics then
      for i = 1, #metrics do
        if check_metric(ctx, metrics[i], metrics:pointer(i), i, p) then good = good + 1 end
      end
      if good < #metrics then ok = false end
    else
      ok = false
    end

    local evaluated = mon.last_evaluated
    local eval_at = mon:pointer("last_evaluated")
    local eval_age
    if evaluated == nil then
      ctx:insufficient(eval_at, "no record that monitoring results were analysed and evaluated "
        .. "(last_evaluated)", MON_EVALUATE)
      ok = false
    else
      local _, age = util.past_date(ctx, evaluated, eval_at, "last_evaluated", MON_EVALUATE)
      eval_age = age
      local freq = util.shape(plan) == "object" and plan.analysis_frequency or nil
      local max, freq_name = allowed_age(freq, p.measurement_grace_days,
        p.max_measurement_age_days)
      if age == nil then
        ok = false
      elseif age > max then
        ctx:fail(eval_at, ("monitoring results were last evaluated %s, %d days before %s; %s, "
          .. "at most %d days are allowed"):format(evaluated, age, ctx.as_of,
            freq_name and ("analysed " .. freq_name) or "with no stated analysis frequency", max),
          MON_EVALUATE)
        ok = false
      end
      ok = util.require_text(ctx, mon, "evaluated_by", "the evaluation of monitoring results",
        "does not say who evaluated them (evaluated_by)", MON_EVALUATE) and ok
    end

    if ok then
      ctx:pass(("%d/%d AIMS metrics measured on time and on target; results evaluated %s (%d "
        .. "days before %s)"):format(good, #metrics, evaluated, eval_age, ctx.as_of))
    end
  end,
  remediation = {
    { key = MON_PLAN, owner = "ai-governance",
      title = "Define the monitoring plan and, for every AIMS metric, what is measured, how, by "
        .. "whom and against which target" },
    { key = MON_MEASURE, owner = "ai-governance",
      title = "Measure every AIMS metric at its stated frequency and record the value and date" },
    { key = MON_MEET, owner = "ai-governance",
      title = "Act on the metrics that miss their targets and record the corrective action" },
    { key = MON_EVALUATE, owner = "ai-governance",
      title = "Analyse and evaluate the monitoring results at the planned interval and record "
        .. "who did it and when" },
  },
}

---------------------------------------------------------------------------------------------
-- 9.2.1 Internal audit - general (the audits performed)
---------------------------------------------------------------------------------------------

local IA_PERFORM = "perform-internal-audits"
local IA_INDEPENDENT = "ensure-auditor-independence"
local IA_REPORT = "report-audit-results"
local IA_FOLLOW_UP = "follow-up-audit-findings"

local NONCONFORMITY_FINDING = { major_nonconformity = true, minor_nonconformity = true }

-- The owners of the Annex A controls in the SoA, by control id (built once per check).
local function soa_owners(doc)
  local out = {}
  local controls = doc:get("/statement_of_applicability/controls")
  if util.shape(controls) ~= "array" then return out end
  for i = 1, #controls do
    local c = controls[i]
    if util.shape(c) == "object" and type(c.control) == "string" and type(c.owner) == "string" then
      out[c.control] = c.owner
    end
  end
  return out
end

-- Checks the scope and the team of a completed audit.
local function check_audit_scope(ctx, a, at, name, owners)
  local ok = true
  local covers = a.covers
  if util.shape(covers) ~= "array" then
    ctx:fail(at .. "/covers", name .. " does not list the clauses and controls it covered "
      .. "(covers)", IA_PERFORM)
    return false, nil
  end
  local team = {}
  if type(a.lead_auditor) == "string" then team[#team + 1] = a.lead_auditor end
  if util.shape(a.auditors) == "array" then
    for j = 1, #a.auditors do
      if type(a.auditors[j]) == "string" then team[#team + 1] = a.auditors[j] end
    end
  end
  local conflicts = {}   -- team index -> { at = first pointer, ids = {...} }
  for j = 1, #covers do
    local id = covers[j]
    if not util.is_iso_id(id) then
      ctx:fail(covers:pointer(j), ("%s covers %s, which is not an ISO/IEC 42001 identifier")
        :format(name, util.show(id)), IA_PERFORM)
      ok = false
    else
      local owner = owners[id]
      if owner then
        for k = 1, #team do
          if util.same_name(team[k], owner) then
            local c = conflicts[k]
            if c == nil then
              c = { at = covers:pointer(j), ids = {} }
              conflicts[k] = c
            end
            c.ids[#c.ids + 1] = id
          end
        end
      end
    end
  end
  for k = 1, #team do
    local c = conflicts[k]
    if c then
      ctx:fail(c.at, ("%s was on the audit team of %s, which covered %s that %s owns (%s): "
        .. "auditors must not audit their own work"):format(util.quote(team[k]), name,
          util.plural(#c.ids, "control"), util.quote(team[k]), util.id_list(c.ids)), IA_INDEPENDENT)
      ok = false
    end
  end
  return ok
end

-- Checks the findings of a completed audit; nonconformities must lead to a recorded one.
local function check_findings(doc, ctx, findings, at, name, state)
  if findings == nil then return true end
  if util.shape(findings) == "empty" then return true end
  if util.shape(findings) ~= "array" then
    ctx:fail(at, name .. ": findings must be a list, found " .. util.show(findings),
      IA_FOLLOW_UP)
    return false
  end
  local ok = true
  for j = 1, #findings do
    local f = findings[j]
    local f_at = findings:pointer(j)
    local f_name = util.label("finding", f, j) .. " of " .. name
    if util.shape(f) ~= "object" then
      ctx:fail(f_at, f_name .. " must be an object, found " .. util.show(f), IA_FOLLOW_UP)
      ok = false
    else
      if f.type == nil then
        ctx:fail(f_at .. "/type", f_name .. " is not classified (type)", IA_FOLLOW_UP)
        ok = false
      end
      ok = util.require_text(ctx, f, "description", f_name, "does not describe what was found",
        IA_FOLLOW_UP) and ok
      if f.reference ~= nil and not util.is_iso_id(f.reference) then
        ctx:fail(f_at .. "/reference", ("%s refers to %s, which is not an ISO/IEC 42001 "
          .. "identifier"):format(f_name, util.show(f.reference)), IA_FOLLOW_UP)
        ok = false
      end
      if NONCONFORMITY_FINDING[f.type] then
        local nc = f.nonconformity
        if type(nc) ~= "string" or not present(nc) then
          ctx:fail(f_at .. "/nonconformity", ("%s is a %s but raised no nonconformity to "
            .. "correct it"):format(f_name, (f.type:gsub("_", " "))), IA_FOLLOW_UP)
          ok = false
        else
          if state.ncs == nil then
            state.ncs = util.by_key(doc:get("/nonconformities"), "id") or false
          end
          if not (state.ncs and state.ncs[nc]) then
            ctx:fail(f_at .. "/nonconformity", ("%s raised nonconformity %s, which is not in the "
              .. "register of nonconformities"):format(f_name, util.quote(nc)), IA_FOLLOW_UP)
            ok = false
          end
        end
      end
    end
  end
  return ok
end

control "9.2.1" {
  title = "Internal audits performed, independent and reported",
  description = "Internal audits are carried out at the interval the programme sets: the newest "
    .. "completed audit is within it and none planned is left undone. Each completed audit names "
    .. "the clauses and controls it covered, was performed by auditors independent of what they "
    .. "audited (none audits a control they own), was reported to management after it was "
    .. "performed, and each nonconformity it found is in the register of nonconformities.",
  citations = { "9.2.1", "9.2.2" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MANAGE 4.1" } },
  params = {
    -- The longest interval between internal audits when the programme states no frequency.
    max_audit_interval_days = 366,
    -- Days a planned audit may slip past its planned date before it counts as not performed.
    planned_audit_grace_days = 30,
    -- Gaps and records older than this many days (a three-year certification cycle) are history
    -- an auditor no longer samples; open items are judged whatever their age.
    history_lookback_days = 1096,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local today = util.today(ctx)
    local audits = util.require_list(doc, ctx, "/internal_audit/audits", "internal audits",
      IA_PERFORM)
    if audits == nil then return end
    local freq = doc:get("/internal_audit/programme/frequency")
    local interval = util.frequency_days(freq)
    if interval == nil or interval > p.max_audit_interval_days then
      interval, freq = p.max_audit_interval_days, nil
    end

    local ok, owners, state = true, nil, {}
    local newest, completed = nil, 0
    for i = 1, #audits do
      local a = audits[i]
      local at = audits:pointer(i)
      local name = util.label("internal audit", a, i)
      if util.shape(a) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(a), IA_PERFORM)
        ok = false
      elseif a.status == nil then
        ctx:fail(at .. "/status", name .. " has no status (planned, in_progress, completed, "
          .. "cancelled)", IA_PERFORM)
        ok = false
      elseif a.status == "planned" then
        local planned_day = util.day_of(ctx, a.planned, at .. "/planned", name .. ": planned",
          IA_PERFORM)
        if planned_day and planned_day + p.planned_audit_grace_days < today then
          ctx:fail(at .. "/status", ("%s was planned for %s and has still not been performed on "
            .. "%s (%d days later)"):format(name, a.planned, ctx.as_of, today - planned_day),
            IA_PERFORM)
          ok = false
        end
      elseif a.status == "completed" then
        completed = completed + 1
        local a_ok = true
        local day
        if a.performed == nil then
          ctx:fail(at .. "/performed", name .. " is completed but not dated (performed)",
            IA_PERFORM)
          a_ok = false
        else
          day = util.past_date(ctx, a.performed, at .. "/performed", name .. ": performed",
            IA_PERFORM)
          if day == nil then
            a_ok = false
          elseif newest == nil or day > newest.day then
            newest = { day = day, date = a.performed, at = at, name = name }
          end
        end
        -- An audit from before the look-back period only counts towards the interval.
        if day and today - day > p.history_lookback_days then goto next_audit end
        a_ok = util.require_text(ctx, a, "lead_auditor", name, "names no lead auditor",
          IA_INDEPENDENT) and a_ok
        if a.independent ~= true then
          ctx:fail(at .. "/independent", ("%s was not performed by auditors independent of the "
            .. "area audited (independent is %s)"):format(name, util.show(a.independent)),
            IA_INDEPENDENT)
          a_ok = false
        end
        if owners == nil then owners = soa_owners(doc) end
        a_ok = check_audit_scope(ctx, a, at, name, owners) and a_ok
        a_ok = util.require_text(ctx, a, "report", name, "has no audit report (report)", IA_REPORT)
          and a_ok
        a_ok = util.require_text(ctx, a, "reported_to", name,
          "results were not reported to management (reported_to)", IA_REPORT) and a_ok
        if a.reported == nil then
          ctx:fail(at .. "/reported", name .. ": the reporting of its results is not dated "
            .. "(reported)", IA_REPORT)
          a_ok = false
        else
          local rep_day = util.past_date(ctx, a.reported, at .. "/reported", name .. ": reported",
            IA_REPORT)
          if rep_day == nil then
            a_ok = false
          elseif day and rep_day < day then
            ctx:fail(at .. "/reported", ("%s was reported on %s, before it was performed on %s")
              :format(name, a.reported, a.performed), IA_REPORT)
            a_ok = false
          end
        end
        a_ok = check_findings(doc, ctx, a.findings, at .. "/findings", name, state) and a_ok
        if not a_ok then ok = false end
      end
      ::next_audit::
    end

    local every = freq and ("%d days (%s)"):format(interval, freq) or ("%d days"):format(interval)
    if newest == nil then
      ctx:fail(audits:pointer(), ("no completed internal audit on record; the programme "
        .. "requires one every %s"):format(every), IA_PERFORM)
      ok = false
    elseif today - newest.day > interval then
      ctx:fail(newest.at .. "/performed", ("the newest internal audit, %s, was performed %s, %d "
        .. "days before %s; the programme requires one every %s")
        :format(newest.name, newest.date, today - newest.day, ctx.as_of, every), IA_PERFORM)
      ok = false
    end
    if ok then
      ctx:pass(("%s completed, independent and reported; newest %s on %s (%d days before %s, "
        .. "one required every %s)"):format(util.plural(completed, "audit"), newest.name,
          newest.date, today - newest.day, ctx.as_of, every))
    end
  end,
  remediation = {
    { key = IA_PERFORM, owner = "internal-audit",
      title = "Perform the internal audits the programme plans, on time, and record what each "
        .. "covered" },
    { key = IA_INDEPENDENT, owner = "internal-audit",
      title = "Staff each audit with auditors independent of the areas and controls they audit" },
    { key = IA_REPORT, owner = "internal-audit",
      title = "Report the results of every audit to management and record when" },
    { key = IA_FOLLOW_UP, owner = "internal-audit",
      title = "Classify every audit finding and raise a recorded nonconformity for each "
        .. "nonconformity found" },
  },
}

---------------------------------------------------------------------------------------------
-- 9.2.2 Internal audit programme (scope and coverage within the cycle)
---------------------------------------------------------------------------------------------

local AP_ESTABLISH = "establish-audit-programme"
local AP_SCOPE = "scope-audit-programme"
local AP_COVER = "audit-whole-scope"
local AP_REVIEW = "review-audit-programme"

control "9.2.2" {
  title = "Internal audit programme covering the whole AIMS each cycle",
  description = "An approved audit programme sets its frequency, criteria, methods and how "
    .. "auditors stay independent; it covers every clause requirement and every Annex A control "
    .. "the SoA includes; and the audits completed within the last cycle did cover all of them. "
    .. "The programme itself is reviewed.",
  citations = { "9.2.2", "9.2.1" },
  applies_to = { "organization" },
  severity = "high",
  params = {
    -- The whole AIMS must be audited at least this often, in days.
    max_programme_cycle_days = 366,
    -- The programme must have been reviewed (or approved) within this many days.
    programme_review_max_age_days = 366,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local today = util.today(ctx)
    local prog = util.require_object(doc, ctx, "/internal_audit/programme",
      "internal audit programme", { AP_ESTABLISH, AP_SCOPE })
    if prog == nil then return end
    local ok = true
    local name = "the audit programme"
    ok = util.require_text(ctx, prog, "owner", name, "has no owner", AP_ESTABLISH) and ok
    ok = util.require_text(ctx, prog, "criteria", name, "states no audit criteria", AP_ESTABLISH)
      and ok
    ok = util.require_text(ctx, prog, "methods", name, "states no audit methods", AP_ESTABLISH)
      and ok
    ok = util.require_text(ctx, prog, "independence", name,
      "does not say how auditors are kept objective and impartial (independence)", AP_ESTABLISH)
      and ok
    ok = util.require_text(ctx, prog, "approved_by", name, "has not been approved (approved_by)",
      AP_ESTABLISH) and ok

    -- The cycle.
    local freq = prog.frequency
    local cycle = util.frequency_days(freq)
    if freq == nil then
      ctx:fail(prog:pointer("frequency"), name .. " does not say how often the whole AIMS is "
        .. "audited (frequency)", AP_ESTABLISH)
      ok = false
    elseif cycle == nil then
      ctx:fail(prog:pointer("frequency"), ("%s audits the AIMS %s; it needs a planned interval")
        :format(name, util.show(freq)), AP_ESTABLISH)
      ok = false
    elseif cycle > p.max_programme_cycle_days then
      ctx:fail(prog:pointer("frequency"), ("%s audits the whole AIMS every %d days (%s); at most "
        .. "%d days are allowed"):format(name, cycle, freq, p.max_programme_cycle_days),
        AP_ESTABLISH)
      ok = false
    end
    if cycle == nil or cycle > p.max_programme_cycle_days then
      cycle = p.max_programme_cycle_days
    end

    -- Its own review.
    local key = prog.last_reviewed ~= nil and "last_reviewed" or "approved"
    if prog[key] == nil then
      ctx:insufficient(prog:pointer("last_reviewed"), name .. " is not dated (approved, "
        .. "last_reviewed)", AP_REVIEW)
      ok = false
    else
      local at = prog:pointer(key)
      local _, age = util.past_date(ctx, prog[key], at, name .. " " .. key, AP_REVIEW)
      if age == nil or util.too_old(ctx, age, p.programme_review_max_age_days, at,
          name .. " was last reviewed", prog[key], AP_REVIEW) then
        ok = false
      end
    end

    -- What must be covered: every clause requirement, and every Annex A control the SoA does
    -- not validly exclude.
    local excluded = util.soa_exclusions(doc)
    local required = {}
    for _, id in ipairs(registry.clauses) do required[#required + 1] = id end
    for _, id in ipairs(registry.annex_a) do
      if not excluded[id] then required[#required + 1] = id end
    end

    local covers = prog.covers
    local in_programme = {}
    if util.shape(covers) ~= "array" then
      ctx:fail(prog:pointer("covers"), name .. " does not list the clauses and controls it "
        .. "covers (covers)", AP_SCOPE)
      ok = false
    else
      for i = 1, #covers do
        local id = covers[i]
        if util.is_iso_id(id) then
          in_programme[id] = true
        else
          ctx:fail(covers:pointer(i), ("%s covers %s, which is not an ISO/IEC 42001 identifier")
            :format(name, util.show(id)), AP_SCOPE)
          ok = false
        end
      end
      local missing = {}
      for _, id in ipairs(required) do
        if not in_programme[id] then missing[#missing + 1] = id end
      end
      if #missing > 0 then
        ctx:fail(covers:pointer(), ("%s leaves out %s of the AIMS: %s")
          :format(name, util.plural(#missing, "requirement"), util.id_list(missing)), AP_SCOPE)
        ok = false
      end
    end

    -- What was covered: completed audits performed within the last cycle.
    local audits = doc:get("/internal_audit/audits")
    local audited, n_audits = {}, 0
    if util.shape(audits) ~= "array" then
      ctx:insufficient("/internal_audit/audits", "no internal audits on record, so the coverage "
        .. "of the programme cannot be followed", AP_COVER)
      ok = false
    else
      for i = 1, #audits do
        local a = audits[i]
        if util.shape(a) == "object" and a.status == "completed" and type(a.performed) == "string"
            and util.shape(a.covers) == "array" then
          local day = dates.day(a.performed)
          if day and day <= today and today - day <= cycle then
            n_audits = n_audits + 1
            for j = 1, #a.covers do
              local id = a.covers[j]
              if type(id) == "string" then audited[id] = true end
            end
          end
        end
      end
      local missing = {}
      for _, id in ipairs(required) do
        if not audited[id] then missing[#missing + 1] = id end
      end
      if #missing > 0 then
        ctx:fail(audits:pointer(), ("no internal audit completed in the last %d days covered %s "
          .. "of the AIMS: %s"):format(cycle, util.plural(#missing, "requirement"),
            util.id_list(missing)), AP_COVER)
        ok = false
      end
    end

    if ok then
      ctx:pass(("%d requirements in the programme, all covered by %s completed in the last %d "
        .. "days"):format(#required, util.plural(n_audits, "audit"), cycle))
    end
  end,
  remediation = {
    { key = AP_ESTABLISH, owner = "internal-audit",
      title = "Approve an audit programme that states its owner, frequency, criteria, methods "
        .. "and how auditor independence is ensured" },
    { key = AP_SCOPE, owner = "internal-audit",
      title = "Extend the audit programme to every clause requirement and every Annex A control "
        .. "the SoA includes" },
    { key = AP_COVER, owner = "internal-audit",
      title = "Audit the requirements not covered in the current cycle" },
    { key = AP_REVIEW, owner = "internal-audit",
      title = "Review the audit programme and record the date" },
  },
}

---------------------------------------------------------------------------------------------
-- 9.3 Management review: held on plan (9.3.1), inputs (9.3.2), results (9.3.3)
---------------------------------------------------------------------------------------------

-- The dated reviews of `reviews`, newest last; undated or future ones are left out.
local function dated_reviews(ctx, reviews)
  local out = {}
  local today = util.today(ctx)
  for i = 1, #reviews do
    local r = reviews[i]
    if util.shape(r) == "object" and type(r.date) == "string" then
      local day = dates.day(r.date)
      if day and day <= today then
        out[#out + 1] = { day = day, date = r.date, at = reviews:pointer(i), node = r,
          name = util.label("management review", r, i) }
      end
    end
  end
  util.sort_by_day(out)
  return out
end

-- The reviews whose inputs and results are judged: the newest, and any other held within the
-- last `lookback` days.
local function recent_reviews(ctx, reviews, lookback)
  local dated = dated_reviews(ctx, reviews)
  local today = util.today(ctx)
  local out = {}
  for k = 1, #dated do
    if k == #dated or today - dated[k].day <= lookback then out[#out + 1] = dated[k] end
  end
  return out
end

local MR_PLAN = "plan-management-reviews"
local MR_HOLD = "hold-management-review"
local MR_RECORD = "record-management-reviews"

control "9.3.1" {
  title = "Management reviews held by top management on plan",
  description = "Top management reviews the AIMS at a planned frequency no longer than allowed: "
    .. "no gap between reviews is longer than the frequency and the newest is within it; each "
    .. "review is dated, chaired, attended by top management and minuted.",
  citations = { "9.3.1", "5.1" },
  applies_to = { "organization" },
  severity = "high",
  params = {
    -- The longest planned interval between management reviews, in days.
    max_review_interval_days = 366,
    -- Days a review may slip past its planned interval.
    review_grace_days = 0,
    -- Gaps and records older than this many days (a three-year certification cycle) are history
    -- an auditor no longer samples; open items are judged whatever their age.
    history_lookback_days = 1096,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local today = util.today(ctx)
    local mr = util.require_object(doc, ctx, "/management_review", "management review record",
      { MR_PLAN, MR_HOLD })
    if mr == nil then return end
    local ok = true
    local freq = mr.frequency
    local interval = util.frequency_days(freq)
    if freq == nil then
      ctx:fail(mr:pointer("frequency"), "no planned frequency of management reviews (frequency)",
        MR_PLAN)
      ok = false
    elseif interval == nil then
      ctx:fail(mr:pointer("frequency"), ("management reviews are held %s; they need a planned "
        .. "frequency"):format(util.show(freq)), MR_PLAN)
      ok = false
    elseif interval > p.max_review_interval_days then
      ctx:fail(mr:pointer("frequency"), ("management reviews are planned %s, every %d days; at "
        .. "most %d days are allowed"):format(freq, interval, p.max_review_interval_days), MR_PLAN)
      ok = false
    end
    if interval == nil or interval > p.max_review_interval_days then
      interval, freq = p.max_review_interval_days, nil
    end
    local allowed = interval + p.review_grace_days
    local every = freq and ("%s, every %d days"):format(freq, interval)
      or ("every %d days"):format(interval)

    local reviews = util.require_list(doc, ctx, "/management_review/reviews",
      "management reviews held", MR_HOLD)
    if reviews == nil then return end
    for i = 1, #reviews do
      local r = reviews[i]
      local at = reviews:pointer(i)
      local name = util.label("management review", r, i)
      local old = util.shape(r) == "object" and util.day(r.date)
        and today - dates.day(r.date) > p.history_lookback_days
      if util.shape(r) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(r), MR_RECORD)
        ok = false
      elseif not old then
        if r.date == nil then
          ctx:fail(at .. "/date", name .. " is not dated", MR_RECORD)
          ok = false
        elseif not util.past_date(ctx, r.date, at .. "/date", name .. ": date", MR_RECORD) then
          ok = false
        end
        if r.top_management_present ~= true then
          ctx:fail(at .. "/top_management_present", ("%s was held without top management "
            .. "(top_management_present is %s)"):format(name, util.show(r.top_management_present)),
            MR_HOLD)
          ok = false
        end
        ok = util.require_text(ctx, r, "chair", name, "does not say who chaired it", MR_RECORD)
          and ok
        ok = util.require_text(ctx, r, "minutes", name, "has no minutes", MR_RECORD) and ok
        if not present(r.attendees) then
          ctx:fail(at .. "/attendees", name .. " does not record who attended", MR_RECORD)
          ok = false
        end
      end
    end

    local dated = dated_reviews(ctx, reviews)
    for k = 2, #dated do
      local prev, cur = dated[k - 1], dated[k]
      if cur.day - prev.day > allowed and today - cur.day <= p.history_lookback_days then
        ctx:fail(cur.at .. "/date", ("%s on %s came %d days after the previous one (%s); "
          .. "reviews are planned %s"):format(cur.name, cur.date, cur.day - prev.day, prev.date,
            every), MR_HOLD)
        ok = false
      end
    end
    local newest = dated[#dated]
    if newest == nil then
      ctx:insufficient(reviews:pointer(), "no dated management review on record", MR_RECORD)
      return
    end
    if today - newest.day > allowed then
      ctx:fail(newest.at .. "/date", ("the last management review, %s, was held %s, %d days "
        .. "before %s; reviews are planned %s"):format(newest.name, newest.date,
          today - newest.day, ctx.as_of, every), MR_HOLD)
      ok = false
    end
    if ok then
      ctx:pass(("%s with top management, planned %s; newest %s (%d days before %s)")
        :format(util.plural(#dated, "review"), every, newest.date, today - newest.day,
          ctx.as_of))
    end
  end,
  remediation = {
    { key = MR_PLAN, owner = "top-management",
      title = "Set a planned frequency for management reviews of the AIMS" },
    { key = MR_HOLD, owner = "top-management",
      title = "Hold the management review with top management within the planned interval" },
    { key = MR_RECORD, owner = "ai-governance",
      title = "Record each management review: date, chair, attendees and minutes" },
  },
}

-- The inputs every management review must consider, with their names in messages.
local REQUIRED_INPUTS = {
  { "previous_actions", "status of actions from previous reviews" },
  { "changes_in_issues", "changes in external and internal issues" },
  { "changes_in_interested_party_needs", "changes in interested parties' needs" },
  { "nonconformities_and_corrective_actions", "nonconformities and corrective actions" },
  { "monitoring_and_measurement_results", "monitoring and measurement results" },
  { "audit_results", "audit results" },
  { "improvement_opportunities", "opportunities for continual improvement" },
}

local MI_INPUTS = "cover-review-inputs"

control "9.3.2" {
  title = "Management reviews consider every required input",
  description = "The newest management review, and any other held within the look-back period, "
    .. "considered each input the standard expects (previous actions, changes in issues and in "
    .. "interested parties' needs, nonconformities, monitoring and audit results, improvement "
    .. "opportunities), each with a summary of what was presented.",
  citations = { "9.3.2", "9.3.1" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MANAGE 4.3" } },
  params = {
    -- Reviews held within this many days are judged, besides the newest.
    lookback_days = 366,
  },
  check = function(doc, ctx)
    local reviews = util.require_list(doc, ctx, "/management_review/reviews",
      "management reviews held", MI_INPUTS)
    if reviews == nil then return end
    local judged = recent_reviews(ctx, reviews, ctx.params.lookback_days)
    if #judged == 0 then
      return ctx:insufficient(reviews:pointer(), "no dated management review on record to judge "
        .. "its inputs", MI_INPUTS)
    end
    local ok = true
    for k = 1, #judged do
      local r = judged[k]
      local label = ("%s (%s)"):format(r.name, r.date)
      local inputs = r.node.inputs
      local inputs_at = r.at .. "/inputs"
      if util.shape(inputs) ~= "array" then
        ctx:insufficient(inputs_at, label .. " records no inputs (inputs)", MI_INPUTS)
        ok = false
      else
        local seen = {}
        for i = 1, #inputs do
          local input = inputs[i]
          if util.shape(input) == "object" and type(input.topic) == "string" then
            seen[input.topic] = true
            if not present(input.summary) then
              ctx:fail(inputs:pointer(i) .. "/summary", ("input %s of %s does not say what was "
                .. "presented (summary)"):format(util.quote(input.topic), label), MI_INPUTS)
              ok = false
            end
          else
            ctx:fail(inputs:pointer(i), ("input #%d of %s has no topic"):format(i, label),
              MI_INPUTS)
            ok = false
          end
        end
        local missing = {}
        for _, t in ipairs(REQUIRED_INPUTS) do
          if not seen[t[1]] then missing[#missing + 1] = t[2] .. " (" .. t[1] .. ")" end
        end
        if #missing > 0 then
          ctx:fail(inputs_at, ("%s did not consider %s"):format(label,
            table.concat(missing, ", ")), MI_INPUTS)
          ok = false
        end
      end
    end
    if ok then
      ctx:pass(("%s judged (newest %s): each considered all %d required inputs")
        :format(util.plural(#judged, "review"), judged[#judged].date, #REQUIRED_INPUTS))
    end
  end,
  remediation = {
    { key = MI_INPUTS, owner = "ai-governance",
      title = "Put every required input on the management review agenda and minute what was "
        .. "presented for each" },
  },
}

local MO_DECIDE = "record-review-decisions"
local MO_ACTIONS = "track-review-actions"

local OPEN_ACTION = { open = true, in_progress = true }

-- Checks the actions of one review; returns true when all are owned, dated and on time.
local function check_actions(ctx, r, today, old)
  local actions = r.node.actions
  if actions == nil or util.shape(actions) == "empty" then return true, 0 end
  if util.shape(actions) ~= "array" then
    ctx:fail(r.at .. "/actions", r.name .. ": actions must be a list, found "
      .. util.show(actions), MO_ACTIONS)
    return false, 0
  end
  local ok = true
  for i = 1, #actions do
    local a = actions[i]
    local at = actions:pointer(i)
    local name = util.label("action", a, i) .. " of " .. r.name
    if old and not (util.shape(a) == "object" and OPEN_ACTION[a.status]) then
      -- closed actions of reviews before the look-back period are history
    elseif util.shape(a) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(a), MO_ACTIONS)
      ok = false
    else
      ok = util.require_text(ctx, a, "action", name, "does not say what is to be done",
        MO_ACTIONS) and ok
      ok = util.require_text(ctx, a, "owner", name, "has no owner", MO_ACTIONS) and ok
      local due_day
      if a.due == nil then
        ctx:fail(at .. "/due", name .. " has no due date", MO_ACTIONS)
        ok = false
      else
        due_day = util.day_of(ctx, a.due, at .. "/due", name .. ": due", MO_ACTIONS)
        if due_day == nil then
          ok = false
        elseif due_day < r.day then
          ctx:fail(at .. "/due", ("%s is due %s, before the review that raised it (%s)")
            :format(name, a.due, r.date), MO_ACTIONS)
          ok = false
        end
      end
      local status = a.status
      if status == nil then
        ctx:fail(at .. "/status", name .. " has no status", MO_ACTIONS)
        ok = false
      elseif OPEN_ACTION[status] and due_day and due_day < today then
        ctx:fail(at .. "/due", ("%s was due %s and is still %s on %s (%d days overdue)")
          :format(name, a.due, status, ctx.as_of, today - due_day), MO_ACTIONS)
        ok = false
      elseif status == "done" then
        if a.completed == nil then
          ctx:fail(at .. "/completed", name .. " is done but its completion is not dated",
            MO_ACTIONS)
          ok = false
        elseif not util.past_date(ctx, a.completed, at .. "/completed", name .. ": completed",
            MO_ACTIONS) then
          ok = false
        end
      end
    end
  end
  return ok, #actions
end

control "9.3.3" {
  title = "Management review results decided and followed up",
  description = "Each recent management review records its results: decisions on improvement "
    .. "and whether the AIMS needs changes; decided changes and resource needs lead to actions; "
    .. "every action of every review has an owner and a due date, and none open is overdue.",
  citations = { "9.3.3", "10.1" },
  applies_to = { "organization" },
  severity = "medium",
  params = {
    -- Reviews held within this many days must record their results, besides the newest.
    lookback_days = 366,
    -- Gaps and records older than this many days (a three-year certification cycle) are history
    -- an auditor no longer samples; open items are judged whatever their age.
    history_lookback_days = 1096,
  },
  check = function(doc, ctx)
    local today = util.today(ctx)
    local reviews = util.require_list(doc, ctx, "/management_review/reviews",
      "management reviews held", { MO_DECIDE, MO_ACTIONS })
    if reviews == nil then return end
    local judged = recent_reviews(ctx, reviews, ctx.params.lookback_days)
    if #judged == 0 then
      return ctx:insufficient(reviews:pointer(), "no dated management review on record to judge "
        .. "its results", MO_DECIDE)
    end
    local ok = true
    for k = 1, #judged do
      local r = judged[k]
      local label = ("%s (%s)"):format(r.name, r.date)
      local out = r.node.outputs
      if util.shape(out) ~= "object" then
        ctx:insufficient(r.at .. "/outputs", label .. " records no results (outputs)", MO_DECIDE)
        ok = false
      else
        local _, decisions_ok = util.check_strings(ctx, out.decisions, out:pointer("decisions"),
          label, "decisions on continual improvement", MO_DECIDE)
        ok = decisions_ok and ok
        local changes = out.changes_to_aims
        local s = util.shape(changes)
        if s ~= "array" and s ~= "empty" then
          ctx:fail(out:pointer("changes_to_aims"), label .. " does not record whether the AIMS "
            .. "needs changes (changes_to_aims; an empty list says none)", MO_DECIDE)
          ok = false
        end
        local n_changes = s == "array" and #changes or 0
        local needs = out.resource_needs
        local n_needs = util.shape(needs) == "array" and #needs or 0
        if n_changes + n_needs > 0 and not present(r.node.actions) then
          ctx:fail(r.at .. "/actions", ("%s decided %s and %s but raised no actions to carry "
            .. "them out"):format(label, util.plural(n_changes, "change to the AIMS",
              "changes to the AIMS"), util.plural(n_needs, "resource need")), MO_ACTIONS)
          ok = false
        end
      end
    end
    -- Actions of every review, recent or not: an old overdue action is still overdue.
    local n_actions = 0
    local dated = dated_reviews(ctx, reviews)
    for k = 1, #dated do
      local a_ok, n = check_actions(ctx, dated[k], today,
        today - dated[k].day > ctx.params.history_lookback_days)
      ok = a_ok and ok
      n_actions = n_actions + n
    end
    if ok then
      ctx:pass(("%s recorded decisions and changes; %s owned, dated and none overdue")
        :format(util.plural(#judged, "recent review"), util.plural(n_actions, "action")))
    end
  end,
  remediation = {
    { key = MO_DECIDE, owner = "top-management",
      title = "Record the decisions of each management review on improvement and on changes to "
        .. "the AIMS" },
    { key = MO_ACTIONS, owner = "ai-governance",
      title = "Give every management review action an owner and a due date, and close the "
        .. "overdue ones" },
  },
}
