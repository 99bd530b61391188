-- Clause 8: operation (8.1-8.4).
local util = require "util"

---------------------------------------------------------------------------------------------
-- 8.1 Operational planning and control
---------------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local OP_CRITERIA = "define-operational-criteria"
local OP_REVIEW = "review-operational-processes"
local OP_OUTSOURCED = "control-outsourced-processes"
local OP_CHANGES = "define-change-control"
local OP_RUN_CHANGE = "record-deployment-change"
local OP_RUN_REASSESS = "reassess-risks-for-change"

-- Whether the change procedure requires `step` (a significant_change_requires value, named
-- `what` in messages) before a significant change is released; reports why not.
local function requires_on_change(doc, ctx, step, what, tasks)
  local at = "/change_management/significant_change_requires"
  local requires = doc:get(at)
  if util.shape(requires) ~= "array" then
    ctx:insufficient(at, ("nothing says a significant change triggers a new %s: the change "
      .. "procedure lists no significant_change_requires"):format(what), tasks)
    return false
  end
  for i = 1, #requires do
    if requires[i] == step then return true end
  end
  ctx:fail(at, ("the change procedure lets a significant change through without a new %s "
    .. "(significant_change_requires lacks \"%s\")"):format(what, step), tasks)
  return false
end

-- Supplier statuses under which an outsourced process may not run.
local BARRED_SUPPLIER = { rejected = true, offboarded = true }

-- Checks one process of the AIMS; returns true when it is fully under control.
local function check_process(doc, ctx, pr, at, i, suppliers, max_age)
  local name = util.label("process", pr, i)
  if util.shape(pr) ~= "object" then
    ctx:fail(at, name .. " must be an object, found " .. util.show(pr), OP_CRITERIA)
    return false, suppliers, false
  end
  local ok = true
  if not present(pr.name) and not present(pr.purpose) then
    ctx:fail(at .. "/name", name .. " does not say what it is (name or purpose)", OP_CRITERIA)
    ok = false
  end
  ok = util.require_text(ctx, pr, "owner", name, "has no owner", OP_CRITERIA) and ok
  ok = util.require_text(ctx, pr, "document", name, "is not documented (document)", OP_CRITERIA)
    and ok
  local _, criteria_ok = util.check_strings(ctx, pr.criteria, pr:pointer("criteria"), name,
    "criteria it is operated and controlled against", OP_CRITERIA)
  ok = criteria_ok and ok
  local reviewed = pr.last_reviewed
  if reviewed == nil then
    ctx:insufficient(pr:pointer("last_reviewed"), name .. " has no review date (last_reviewed)",
      OP_REVIEW)
    ok = false
  else
    local at = pr:pointer("last_reviewed")
    local _, age = util.past_date(ctx, reviewed, at, name .. ": last_reviewed", OP_REVIEW)
    if age == nil or util.too_old(ctx, age, max_age, at, name .. " was last reviewed", reviewed,
        OP_REVIEW) then
      ok = false
    end
  end
  local outsourced = pr.outsourced_to
  if outsourced ~= nil then
    if suppliers == nil then
      suppliers = util.by_key(doc:get("/supplier_register"), "id", true) or false
    end
    local supplier = suppliers and suppliers[outsourced]
    if not supplier then
      ctx:fail(pr:pointer("outsourced_to"), ("%s is outsourced to %s, which is not in the "
        .. "supplier register, so the outsourced process is not under control")
        :format(name, util.show(outsourced)), OP_OUTSOURCED)
      ok = false
    elseif BARRED_SUPPLIER[supplier.status] then
      ctx:fail(pr:pointer("outsourced_to"), ("%s is outsourced to supplier %s, whose status is "
        .. "%s"):format(name, util.quote(outsourced), util.quote(supplier.status)), OP_OUTSOURCED)
      ok = false
    end
  end
  return ok, suppliers, outsourced ~= nil
end

-- Checks the change control procedure; returns true when it is complete and current.
local function check_change_procedure(ctx, cm, max_age)
  local name = "the change control procedure"
  local ok = util.require_text(ctx, cm, "owner", name, "has no owner", OP_CHANGES)
  local _, criteria_ok = util.check_strings(ctx, cm.significant_change_criteria,
    cm:pointer("significant_change_criteria"), name, "criteria for a significant change",
    OP_CHANGES)
  ok = criteria_ok and ok
  local requires = cm.significant_change_requires
  local req_at = cm:pointer("significant_change_requires")
  if util.shape(requires) ~= "array" then
    ctx:fail(req_at, name .. " does not say what a significant change requires before release "
      .. "(significant_change_requires)", OP_CHANGES)
    ok = false
  else
    local approval = false
    for i = 1, #requires do
      if requires[i] == "approval" then approval = true end
    end
    if not approval then
      ctx:fail(req_at, name .. " lets a significant change be released without an approval "
        .. "(significant_change_requires lacks \"approval\")", OP_CHANGES)
      ok = false
    end
  end
  ok = util.require_text(ctx, cm, "unintended_change_review", name,
    "does not say how the consequences of unintended changes are reviewed "
      .. "(unintended_change_review)", OP_CHANGES) and ok
  local reviewed = cm.last_reviewed
  if reviewed == nil then
    ctx:insufficient(cm:pointer("last_reviewed"), name .. " has no review date (last_reviewed)",
      OP_CHANGES)
    ok = false
  else
    local at = cm:pointer("last_reviewed")
    local _, age = util.past_date(ctx, reviewed, at, "change procedure last_reviewed", OP_CHANGES)
    if age == nil or util.too_old(ctx, age, max_age, at, name .. " was last reviewed", reviewed,
        OP_CHANGES) then
      ok = false
    end
  end
  return ok
end

local function check_8_1_organization(doc, ctx)
  local p = ctx.params
  local processes = util.require_list(doc, ctx, "/management_system/processes",
    "operational processes", { OP_CRITERIA, OP_REVIEW })
  local controlled, outsourced_n, suppliers = 0, 0, nil
  if processes then
    for i = 1, #processes do
      local ok, s, outsourced = check_process(doc, ctx, processes[i], processes:pointer(i), i,
        suppliers, p.process_review_max_age_days)
      suppliers = s
      if ok then controlled = controlled + 1 end
      if outsourced then outsourced_n = outsourced_n + 1 end
    end
  end
  local cm = util.require_object(doc, ctx, "/change_management", "change control procedure",
    OP_CHANGES)
  local cm_ok = cm and check_change_procedure(ctx, cm, p.change_procedure_max_age_days)
  if processes and controlled == #processes and cm_ok then
    ctx:pass(("%d/%d processes have an owner, criteria and a review within %d days (%d "
      .. "outsourced to registered suppliers); change control reviewed %s")
      :format(controlled, #processes, p.process_review_max_age_days, outsourced_n,
        cm.last_reviewed))
  end
end

local function check_8_1_run(doc, ctx)
  local p = ctx.params
  local change = util.require_object(doc, ctx, "/change", "change record of the deployment",
    OP_RUN_CHANGE)
  if change == nil then return end
  local ticket = change.ticket
  local name = type(ticket) == "string" and present(ticket) and ("change " .. util.quote(ticket))
    or "the change"
  local ok = util.require_text(ctx, change, "ticket", "the deployment",
    "names no change request (ticket)", OP_RUN_CHANGE)
  ok = util.require_text(ctx, change, "description", name,
    "does not say what changes (description)", OP_RUN_CHANGE) and ok
  local significant = change.significant
  if significant == nil then
    ctx:insufficient(change:pointer("significant"), name .. " is not rated against the "
      .. "organisation's significant-change criteria (significant)", OP_RUN_CHANGE)
    return
  end
  if significant == false and change.type == "major" and p.major_change_is_significant then
    ctx:fail(change:pointer("significant"), name .. " is a major change but is recorded as not "
      .. "significant", OP_RUN_CHANGE)
    ok = false
  end
  if significant == true and change.risk_assessment_updated ~= true then
    ctx:fail(change:pointer("risk_assessment_updated"), ("significant %s is deployed without an "
      .. "updated AI risk assessment (risk_assessment_updated is %s)")
      :format(name, util.show(change.risk_assessment_updated)), OP_RUN_REASSESS)
    ok = false
  end
  if ok then
    ctx:pass(("%s is recorded; %s"):format(name, significant
      and "significant, with the AI risk assessment updated" or "not significant"))
  end
end

control "8.1" {
  title = "Operational processes planned and kept under control",
  description = "The processes that run the AIMS and its AI systems each have an owner, a "
    .. "procedure, criteria they are operated against and a recent review; outsourced ones go "
    .. "to a registered supplier; a change procedure defines significant changes, requires "
    .. "approval and reviews unintended ones. A pipeline run records its change request, whether "
    .. "it is significant and, if so, that the risk assessment was updated.",
  citations = { "8.1", "6.3", "4.4" },
  applies_to = { "organization", "pipeline_run" },
  severity = "high",
  crosswalk = { eu_ai_act = { "Art. 17" } },
  params = {
    -- A process must have been reviewed within this many days.
    process_review_max_age_days = 366,
    -- The change control procedure must have been reviewed within this many days.
    change_procedure_max_age_days = 366,
    -- A pipeline run whose change type is "major" must be rated significant.
    major_change_is_significant = true,
  },
  check = function(doc, ctx)
    if doc.kind == "pipeline_run" then return check_8_1_run(doc, ctx) end
    return check_8_1_organization(doc, ctx)
  end,
  remediation = {
    { key = OP_CRITERIA, owner = "ai-governance",
      title = "Document every AIMS and AI system process with an owner, a procedure and the "
        .. "criteria it is operated and controlled against" },
    { key = OP_REVIEW, owner = "ai-governance",
      title = "Review each operational process and record the date" },
    { key = OP_OUTSOURCED, owner = "procurement",
      title = "Put every outsourced process under an approved supplier in the supplier register" },
    { key = OP_CHANGES, owner = "ai-governance",
      title = "Maintain a change procedure that defines significant changes, requires approval "
        .. "before release and reviews unintended changes" },
    { key = OP_RUN_CHANGE, owner = "ml-engineering",
      title = "Record the change request of each deployment and rate it against the "
        .. "significant-change criteria" },
    { key = OP_RUN_REASSESS, owner = "risk-management",
      title = "Update the AI risk assessment before a significant change is deployed" },
  },
}

---------------------------------------------------------------------------------------------
-- 8.2 AI risk assessment (performed at planned intervals and on significant change)
---------------------------------------------------------------------------------------------

local RA_PLAN = "plan-risk-assessments"
local RA_REPEAT = "repeat-risk-assessment"
local RA_RECORD = "record-risk-assessments"
local RA_ON_CHANGE = "assess-risks-on-change"

-- Checks the planned interval; returns the number of months to judge freshness by.
local function assessment_cycle(ctx, rm, max)
  local at = rm:pointer("assessment_cycle_months")
  local cycle, problem, months = util.cycle_months(rm.assessment_cycle_months, max)
  if problem == "missing" then
    ctx:fail(at, ("no planned interval between AI risk assessments (assessment_cycle_months); "
      .. "judged against the longest allowed, %d months"):format(max), RA_PLAN)
  elseif problem == "malformed" then
    ctx:fail(at, "assessment_cycle_months must be a whole number of months, found "
      .. util.show(rm.assessment_cycle_months), RA_PLAN)
  elseif problem == "implausible" then
    ctx:fail(at, "the planned interval between AI risk assessments: "
      .. util.implausible_months("a cycle", months) .. "; judged against the longest allowed, "
      .. max .. " months", RA_PLAN)
  elseif problem == "too_long" then
    ctx:fail(at, ("AI risk assessments are planned every %d months; at most %d are allowed")
      :format(months, max), RA_PLAN)
  end
  return cycle or max
end

-- Checks the record of one assessment; returns {day, date, at, name} when it is dated.
local function check_assessment(ctx, a, at, i, seen)
  local name = util.label("risk assessment", a, i)
  if util.shape(a) ~= "object" then
    ctx:fail(at, name .. " must be an object, found " .. util.show(a), RA_RECORD)
    return nil
  end
  local id = a.id
  if type(id) ~= "string" or not present(id) then
    ctx:fail(at .. "/id", name .. " has no id", RA_RECORD)
  elseif seen[id] then
    ctx:fail(at .. "/id", ("%s duplicates the id of assessment #%d"):format(name, seen[id]),
      RA_RECORD)
  else
    seen[id] = i
  end
  util.require_text(ctx, a, "performed_by", name, "does not say who performed it (performed_by)",
    RA_RECORD)
  util.require_text(ctx, a, "trigger", name,
    "does not say why it was performed: planned, or the change that triggered it (trigger)",
    RA_RECORD)
  if a.date == nil then
    ctx:fail(at .. "/date", name .. " is not dated", RA_RECORD)
    return nil
  end
  local day = util.past_date(ctx, a.date, at .. "/date", name .. ": date", RA_RECORD)
  if day == nil then return nil end
  return { day = day, date = a.date, at = at, name = name }
end

control "8.2" {
  title = "AI risk assessments repeated on plan and on significant change",
  description = "AI risk assessments are performed at a planned interval no longer than the "
    .. "allowed one and whenever a significant change is made: the record of assessments shows "
    .. "no gap longer than the interval, the newest is within it, the stated last and next dates "
    .. "agree with it, every risk was reviewed in the current cycle, and the change procedure "
    .. "requires a risk assessment for a significant change.",
  citations = { "8.2", "6.1.2" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { eu_ai_act = { "Art. 9" }, nist_ai_rmf = { "MAP 5.1" } },
  params = {
    -- The longest planned interval between AI risk assessments, in months.
    max_assessment_cycle_months = 12,
    -- Gaps and records older than this many days (a three-year certification cycle) are history
    -- an auditor no longer samples; open items are judged whatever their age.
    history_lookback_days = 1096,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local rm = util.require_object(doc, ctx, "/risk_management", "risk management record",
      { RA_PLAN, RA_REPEAT, RA_RECORD })
    if rm == nil then return end
    local cycle = assessment_cycle(ctx, rm, p.max_assessment_cycle_months)
    local today = util.today(ctx)
    local ok = true

    -- The history: each assessment complete, no gap longer than the cycle.
    local list = util.require_list(doc, ctx, "/risk_management/assessments",
      "record of the AI risk assessments performed", RA_RECORD)
    local dated, newest = {}, nil
    if list then
      local seen = {}
      for i = 1, #list do
        local d = check_assessment(ctx, list[i], list:pointer(i), i, seen)
        if d then dated[#dated + 1] = d end
      end
      util.sort_by_day(dated)
      for k = 2, #dated do
        local prev, cur = dated[k - 1], dated[k]
        local due_day, due = util.months_after(prev.date, cycle)
        if due_day and cur.day > due_day and today - cur.day <= p.history_lookback_days then
          ctx:fail(cur.at .. "/date", ("%s on %s came %d days after the previous one (%s); with "
            .. "assessments every %d months it was due by %s")
            :format(cur.name, cur.date, cur.day - prev.day, prev.date, cycle, due), RA_REPEAT)
          ok = false
        end
      end
      newest = dated[#dated]
    else
      ok = false
    end

    -- The summary dates agree with the history.
    local last, last_at = rm.last_assessment, rm:pointer("last_assessment")
    if last ~= nil then
      local last_day = util.past_date(ctx, last, last_at, "last_assessment", RA_RECORD)
      if last_day == nil then
        ok = false
      elseif newest == nil then
        newest = { day = last_day, date = last, at = last_at, name = "the last risk assessment" }
      elseif last_day ~= newest.day then
        ctx:fail(last_at, ("last_assessment %s does not match the newest assessment on record, "
          .. "%s on %s"):format(last, newest.name, newest.date), RA_RECORD)
        ok = false
      end
    end
    if newest == nil then
      ctx:insufficient(last_at, "no dated AI risk assessment: record the assessments performed, "
        .. "with their dates", RA_RECORD)
      return
    end

    -- Freshness: the newest is within the cycle, and the planned next date is not overdue.
    local due_day, due = util.months_after(newest.date, cycle)
    if due_day < today then
      ctx:fail(newest.at, ("the newest AI risk assessment, %s on %s, was due to be repeated by "
        .. "%s (every %d months); %d days overdue on %s")
        :format(newest.name, newest.date, due, cycle, today - due_day, ctx.as_of), RA_REPEAT)
      ok = false
    end
    local next_due = rm.next_assessment_due
    if next_due ~= nil then
      local next_at = rm:pointer("next_assessment_due")
      local next_day = util.day_of(ctx, next_due, next_at, "next_assessment_due", RA_PLAN)
      if next_day == nil then
        ok = false
      elseif next_day > due_day then
        ctx:fail(next_at, ("next_assessment_due %s is later than the %d-month cycle allows after "
          .. "the assessment of %s (%s)"):format(next_due, cycle, newest.date, due), RA_PLAN)
        ok = false
      elseif next_day < today and due_day >= today then
        ctx:fail(next_at, ("the next AI risk assessment was planned for %s and has not been "
          .. "performed (%d days overdue on %s)"):format(next_due, today - next_day, ctx.as_of),
          RA_REPEAT)
        ok = false
      end
    end

    -- Every risk of the register was reviewed within the current cycle.
    local register = util.require_list(doc, ctx, "/risk_management/risk_register",
      "risk register", RA_RECORD)
    local reviewed = 0
    if register then
      for i = 1, #register do
        local r = register[i]
        if util.shape(r) == "object" then
          local name = util.label("risk", r, i)
          local at = register:pointer(i) .. "/last_reviewed"
          if r.last_reviewed == nil then
            ctx:fail(at, name .. " has never been reviewed (last_reviewed)", RA_REPEAT)
            ok = false
          elseif util.past_date(ctx, r.last_reviewed, at, name .. ": last_reviewed", RA_RECORD) then
            local r_due_day, r_due = util.months_after(r.last_reviewed, cycle)
            if r_due_day < today then
              ctx:fail(at, ("%s was last reviewed %s; with assessments every %d months it was due "
                .. "for review by %s"):format(name, r.last_reviewed, cycle, r_due), RA_REPEAT)
              ok = false
            else
              reviewed = reviewed + 1
            end
          else
            ok = false
          end
        end
      end
    else
      ok = false
    end

    -- A significant change triggers a new assessment.
    if not requires_on_change(doc, ctx, "risk_assessment", "AI risk assessment", RA_ON_CHANGE) then
      ok = false
    end

    if ok then
      ctx:pass(("%s on record, newest %s (%d days before %s), every %d months; %s reviewed "
        .. "in the cycle; significant changes require reassessment")
        :format(util.plural(#dated, "assessment"), newest.date, today - newest.day, ctx.as_of,
          cycle, util.plural(reviewed, "risk")))
    end
  end,
  remediation = {
    { key = RA_PLAN, owner = "risk-management",
      title = "Plan AI risk assessments at a stated interval and keep the next due date within "
        .. "it" },
    { key = RA_REPEAT, owner = "risk-management",
      title = "Repeat the AI risk assessment, reviewing every risk in the register, and record "
        .. "its date" },
    { key = RA_RECORD, owner = "risk-management",
      title = "Keep a record of every AI risk assessment: id, date, trigger and who performed it" },
    { key = RA_ON_CHANGE, owner = "ai-governance",
      title = "Require a new AI risk assessment for every significant change in the change "
        .. "procedure" },
  },
}

---------------------------------------------------------------------------------------------
-- 8.3 AI risk treatment (the plan implemented and its results verified)
---------------------------------------------------------------------------------------------

local RT_IMPLEMENT = "implement-risk-treatments"
local RT_VERIFY = "verify-risk-treatments"
local RT_RECORD = "record-treatment-progress"
local RT_PLAN = "update-treatment-plan"

local OPEN_TREATMENT = { planned = true, in_progress = true }

-- Checks the progress of one treatment; returns true when nothing is wrong with it.
local function check_treatment(ctx, t, at, name, residual, today, max_verify)
  local ok = true
  local function fail(where, message, key)
    ctx:fail(where, message, key)
    ok = false
  end
  if not present(t.owner) then fail(at .. "/owner", name .. " has no owner", RT_RECORD) end
  local status = t.status
  if status == nil then
    fail(at .. "/status", name .. " has no status (planned, in_progress, implemented, verified)",
      RT_RECORD)
    return false
  end
  if OPEN_TREATMENT[status] then
    if t.due == nil then
      fail(at .. "/due", ("%s is %s but has no due date"):format(name, status), RT_RECORD)
    else
      local due_day = util.day_of(ctx, t.due, at .. "/due", name .. ": due", RT_RECORD)
      if due_day == nil then
        ok = false
      elseif due_day < today then
        fail(at .. "/due", ("%s is overdue: due %s, still %s on %s (%d days late)")
          :format(name, t.due, status, ctx.as_of, today - due_day), RT_IMPLEMENT)
      end
    end
    return ok
  end
  -- implemented or verified
  local impl_day, impl_age
  if t.implemented == nil then
    fail(at .. "/implemented", ("%s is %s but the implementation is not dated (implemented)")
      :format(name, status), RT_RECORD)
  else
    impl_day, impl_age = util.past_date(ctx, t.implemented, at .. "/implemented",
      name .. ": implemented", RT_RECORD)
    if impl_day == nil then ok = false end
  end
  if status == "implemented" then
    if impl_age and impl_age > max_verify then
      fail(at .. "/status", ("%s was implemented %s, %d days before %s, and its effectiveness "
        .. "is still not verified; at most %d days are allowed")
        :format(name, t.implemented, impl_age, ctx.as_of, max_verify), RT_VERIFY)
    end
  elseif status == "verified" then
    if t.verified == nil then
      fail(at .. "/verified", name .. " is verified but the verification is not dated (verified)",
        RT_RECORD)
    else
      local ver_day = util.past_date(ctx, t.verified, at .. "/verified", name .. ": verified",
        RT_RECORD)
      if ver_day == nil then
        ok = false
      elseif impl_day and ver_day < impl_day then
        fail(at .. "/verified", ("%s was verified on %s, before it was implemented on %s")
          :format(name, t.verified, t.implemented), RT_RECORD)
      end
    end
    if not present(t.effectiveness) then
      fail(at .. "/effectiveness", name .. " is verified but the outcome of the check is not "
        .. "recorded (effectiveness)", RT_VERIFY)
    end
  end
  if util.shape(residual) ~= "object" or residual.score == nil then
    fail(at, ("%s is %s but the resulting residual risk is not recorded (residual.score)")
      :format(name, status), RT_RECORD)
  end
  return ok
end

control "8.3" {
  title = "AI risk treatment plan carried out and verified",
  description = "Every risk treatment in the register is being carried out: it has an owner and "
    .. "a status; open treatments are not past their due date; implemented ones are dated and "
    .. "verified within the allowed time; verified ones record the outcome and the residual "
    .. "risk; and the treatment plan was updated after the latest risk assessment.",
  citations = { "8.3", "6.1.3" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { eu_ai_act = { "Art. 9" } },
  params = {
    -- An implemented treatment must have its effectiveness verified within this many days.
    max_days_to_verify = 183,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local today = util.today(ctx)
    local register = util.require_list(doc, ctx, "/risk_management/risk_register",
      "risk register", RT_RECORD)
    local ok = register ~= nil
    local treated, accepted, counts = 0, 0, { planned = 0, in_progress = 0, implemented = 0,
      verified = 0 }
    if register then
      for i = 1, #register do
        local r = register[i]
        if util.shape(r) == "object" and r.treatment ~= nil then
          local t = r.treatment
          local at = register:pointer(i) .. "/treatment"
          local name = "the treatment of " .. util.label("risk", r, i)
          if util.shape(t) ~= "object" then
            ctx:fail(at, name .. " must be an object, found " .. util.show(t), RT_RECORD)
            ok = false
          elseif t.option == "accept" then
            accepted = accepted + 1
          else
            treated = treated + 1
            if check_treatment(ctx, t, at, name, r.residual, today, p.max_days_to_verify) then
              if counts[t.status] then counts[t.status] = counts[t.status] + 1 end
            else
              ok = false
            end
          end
        end
      end
      if treated + accepted == 0 then
        ctx:insufficient(register:pointer(), "no risk in the register records a treatment, so "
          .. "the implementation of the treatment plan cannot be followed", RT_RECORD)
        ok = false
      end
    end

    local plan_at = "/risk_management/treatment_plan"
    local plan = doc:get(plan_at)
    if util.shape(plan) ~= "object" then
      ctx:insufficient(plan_at, "no AI risk treatment plan (treatment_plan: document, approval, "
        .. "review)", RT_PLAN)
      ok = false
    else
      ok = util.require_text(ctx, plan, "approved_by", "the risk treatment plan",
        "has not been approved (approved_by)", RT_PLAN) and ok
      local key = plan.last_reviewed ~= nil and "last_reviewed" or "approved"
      local updated = plan[key]
      local last = doc:get("/risk_management/last_assessment")
      if updated == nil then
        ctx:fail(plan:pointer("approved"), "the risk treatment plan is not dated (approved, "
          .. "last_reviewed)", RT_PLAN)
        ok = false
      else
        local day = util.past_date(ctx, updated, plan:pointer(key), "treatment plan " .. key,
          RT_PLAN)
        local last_day = util.day(last)
        if day == nil then
          ok = false
        elseif last_day and day < last_day then
          ctx:fail(plan:pointer(key), ("the risk treatment plan was last updated %s, before the "
            .. "latest AI risk assessment of %s, so it does not reflect it")
            :format(updated, last), RT_PLAN)
          ok = false
        end
      end
    end

    if ok then
      ctx:pass(("%s: %d verified, %d implemented, %d in progress, %d planned, none overdue; "
        .. "%d accepted without treatment; plan updated after the latest assessment")
        :format(util.plural(treated, "treatment"), counts.verified, counts.implemented,
          counts.in_progress, counts.planned, accepted))
    end
  end,
  remediation = {
    { key = RT_IMPLEMENT, owner = "risk-management",
      title = "Complete the overdue risk treatments, or re-plan them with the risk owner's "
        .. "approval" },
    { key = RT_VERIFY, owner = "risk-management",
      title = "Verify that each implemented treatment works and record the outcome" },
    { key = RT_RECORD, owner = "risk-management",
      title = "Record the owner, status, due, implementation and verification dates of every "
        .. "risk treatment, and the residual risk after it" },
    { key = RT_PLAN, owner = "risk-management",
      title = "Approve the risk treatment plan and update it after every AI risk assessment" },
  },
}

---------------------------------------------------------------------------------------------
-- 8.4 AI system impact assessment (performed per system, on plan and on significant change)
---------------------------------------------------------------------------------------------

local IA_ASSESS = "assess-system-impacts"
local IA_REPEAT = "repeat-impact-assessment"
local IA_RECORD = "record-impact-assessments"
local IA_ON_CHANGE = "assess-impacts-on-change"
local IA_RUN = "link-impact-assessment"

local function check_8_4_organization(doc, ctx)
  local p = ctx.params
  local max = p.max_reassessment_cycle_months
  local today = util.today(ctx)
  local ok = true

  local cycle = max
  local proc = doc:get("/impact_assessment_process")
  if util.shape(proc) == "object" then
    local at = proc:pointer("reassessment_cycle_months")
    local c, problem, months = util.cycle_months(proc.reassessment_cycle_months, max)
    if problem == "missing" then
      ctx:fail(at, ("the impact assessment process sets no interval for reassessing a system "
        .. "(reassessment_cycle_months); judged against the longest allowed, %d months")
        :format(max), IA_REPEAT)
    elseif problem == "malformed" then
      ctx:fail(at, "reassessment_cycle_months must be a whole number of months, found "
        .. util.show(proc.reassessment_cycle_months), IA_REPEAT)
    elseif problem == "implausible" then
      ctx:fail(at, "the interval for reassessing a system: "
        .. util.implausible_months("a reassessment cycle", months), IA_REPEAT)
    elseif problem == "too_long" then
      ctx:fail(at, ("AI systems are reassessed every %d months; at most %d are allowed")
        :format(months, max), IA_REPEAT)
    end
    if c then cycle = c else ok = false end
  end

  local inventory = util.require_list(doc, ctx, "/ai_system_inventory", "AI system inventory",
    IA_ASSESS)
  local assessments = util.require_list(doc, ctx, "/impact_assessment_process/assessments",
    "register of AI system impact assessments", { IA_ASSESS, IA_RECORD })

  -- The change procedure requires an impact assessment for a significant change.
  if not requires_on_change(doc, ctx, "impact_assessment", "impact assessment", IA_ON_CHANGE) then
    ok = false
  end
  if inventory == nil or assessments == nil then return end

  local systems = util.by_key(inventory, "id")

  -- The register: each assessment of a known system, dated, with a next review within the cycle.
  local by_id, per_system = {}, {}
  for i = 1, #assessments do
    local a = assessments[i]
    local at = assessments:pointer(i)
    local name = util.label("impact assessment", a, i)
    if util.shape(a) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(a), IA_RECORD)
      ok = false
    else
      if type(a.id) == "string" and present(a.id) then
        by_id[a.id] = a
      else
        ctx:fail(at .. "/id", name .. " has no id", IA_RECORD)
        ok = false
      end
      local sys = a.ai_system
      if not systems[sys] then
        ctx:fail(at .. "/ai_system", ("%s is of %s, which is not in the AI system inventory")
          :format(name, util.show(sys)), IA_RECORD)
        ok = false
      end
      if a.date == nil then
        ctx:fail(at .. "/date", name .. " is not dated", IA_RECORD)
        ok = false
      else
        local day = util.past_date(ctx, a.date, at .. "/date", name .. ": date", IA_RECORD)
        if day == nil then
          ok = false
        else
          if systems[sys] then
            local rec = per_system[sys]
            if rec == nil then
              per_system[sys] = { newest = day, newest_date = a.date, newest_name = name,
                first = day, first_date = a.date }
            else
              if day > rec.newest then
                rec.newest, rec.newest_date, rec.newest_name = day, a.date, name
              end
              if day < rec.first then rec.first, rec.first_date = day, a.date end
            end
          end
          local nxt = a.next_review_due
          if nxt ~= nil then
            local nxt_day = util.day_of(ctx, nxt, at .. "/next_review_due",
              name .. ": next_review_due", IA_RECORD)
            local limit_day, limit = util.months_after(a.date, cycle)
            if nxt_day and nxt_day > limit_day then
              ctx:fail(at .. "/next_review_due", ("%s is next due %s, later than the %d-month "
                .. "cycle allows (%s)"):format(name, nxt, cycle, limit), IA_REPEAT)
              ok = false
            end
          end
        end
      end
    end
  end

  -- Every operating system in scope has an assessment, made before it went live and within
  -- the cycle; the inventory's reference to it holds.
  local covered = 0
  for i = 1, #inventory do
    local s = inventory[i]
    local at = inventory:pointer(i)
    if util.shape(s) == "object" and s.in_scope ~= false and s.status ~= "retired" then
      local name = util.label("AI system", s, i)
      -- A system in operation must already have been assessed.
      local operating = util.OPERATING[s.status] or s.deployed ~= nil
      local rec = type(s.id) == "string" and per_system[s.id] or nil
      if operating and rec == nil then
        ctx:fail(at, ("%s is in operation (%s) but has no impact assessment on record")
          :format(name, s.status or ("deployed " .. tostring(s.deployed))), IA_ASSESS)
        ok = false
      elseif rec then
        local s_ok = true
        local due_day, due = util.months_after(rec.newest_date, cycle)
        if due_day < today then
          ctx:fail(at, ("the newest impact assessment of %s, %s on %s, was due to be repeated "
            .. "by %s (every %d months); %d days overdue on %s")
            :format(name, rec.newest_name, rec.newest_date, due, cycle, today - due_day,
              ctx.as_of), IA_REPEAT)
          s_ok = false
        end
        local dep_day = util.day(s.deployed)
        if dep_day and rec.first > dep_day then
          ctx:fail(at .. "/deployed", ("%s went into operation on %s, before its first impact "
            .. "assessment (%s)"):format(name, s.deployed, rec.first_date), IA_ASSESS)
          s_ok = false
        end
        local ref = s.impact_assessment
        if util.shape(ref) == "object" and ref.id ~= nil then
          local a = by_id[ref.id]
          if a == nil then
            ctx:fail(at .. "/impact_assessment/id", ("%s names impact assessment %s, which is "
              .. "not in the register"):format(name, util.show(ref.id)), IA_RECORD)
            s_ok = false
          elseif a.ai_system ~= s.id then
            ctx:fail(at .. "/impact_assessment/id", ("%s names impact assessment %s, which "
              .. "assessed %s"):format(name, util.quote(ref.id), util.show(a.ai_system)),
              IA_RECORD)
            s_ok = false
          elseif ref.date ~= nil and ref.date ~= a.date then
            ctx:fail(at .. "/impact_assessment/date", ("%s dates impact assessment %s %s; the "
              .. "register dates it %s"):format(name, util.quote(ref.id), util.show(ref.date),
                util.show(a.date)), IA_RECORD)
            s_ok = false
          end
          local nxt_day = util.day(ref.next_review_due)
          if nxt_day and nxt_day < today and due_day >= today then
            ctx:fail(at .. "/impact_assessment/next_review_due", ("the impact assessment of %s "
              .. "was due for review on %s (%d days overdue on %s)")
              :format(name, ref.next_review_due, today - nxt_day, ctx.as_of), IA_REPEAT)
            s_ok = false
          end
        end
        if s_ok then covered = covered + 1 else ok = false end
      end
    end
  end

  if ok then
    ctx:pass(("%s assessed before going live and within the %d-month cycle; significant "
      .. "changes require a new assessment"):format(util.plural(covered, "AI system"), cycle))
  end
end

local function check_8_4_card(doc, ctx)
  if doc.lifecycle_stage == "retired" then
    return ctx:not_applicable("the AI system is retired")
  end
  local cycle = ctx.params.max_reassessment_cycle_months
  local today = util.today(ctx)
  local ia = util.require_object(doc, ctx, "/impact_assessment", "impact assessment of the "
    .. "AI system", IA_ASSESS)
  if ia == nil then return end
  local date = ia.date
  if date == nil then
    return ctx:insufficient(ia:pointer("date"), "the impact assessment is not dated, so it cannot "
      .. "be told whether it is current or preceded the deployment", IA_RECORD)
  end
  local day = util.past_date(ctx, date, ia:pointer("date"), "impact assessment date", IA_RECORD)
  if day == nil then return end
  local ok = true
  local due_day, due = util.months_after(date, cycle)
  if due_day < today then
    ctx:fail(ia:pointer("date"), ("the impact assessment of %s was due to be repeated by %s "
      .. "(every %d months); %d days overdue on %s")
      :format(date, due, cycle, today - due_day, ctx.as_of), IA_REPEAT)
    ok = false
  end
  local nxt = ia.next_review_due
  if nxt ~= nil then
    local nxt_day = util.day_of(ctx, nxt, ia:pointer("next_review_due"), "next_review_due",
      IA_RECORD)
    if nxt_day and nxt_day > due_day then
      ctx:fail(ia:pointer("next_review_due"), ("the impact assessment is next due %s, later "
        .. "than the %d-month cycle allows (%s)"):format(nxt, cycle, due), IA_REPEAT)
      ok = false
    elseif nxt_day and nxt_day < today and due_day >= today then
      ctx:fail(ia:pointer("next_review_due"), ("the impact assessment was due for review on %s "
        .. "(%d days overdue on %s)"):format(nxt, today - nxt_day, ctx.as_of), IA_REPEAT)
      ok = false
    end
  end
  local approved = ia.approved
  local approved_day = util.day(approved)
  if approved_day and approved_day < day then
    ctx:fail(ia:pointer("approved"), ("the impact assessment was approved on %s, before it was "
      .. "completed on %s"):format(approved, date), IA_RECORD)
    ok = false
  end
  local deployed = doc:get("/deployment/deployed")
  local dep_day = util.day(deployed)
  if dep_day then
    if dep_day < day then
      ctx:fail("/deployment/deployed", ("the AI system was deployed on %s, before its impact "
        .. "assessment of %s"):format(deployed, date), IA_ASSESS)
      ok = false
    elseif approved_day and dep_day < approved_day then
      ctx:fail("/deployment/deployed", ("the AI system was deployed on %s, before its impact "
        .. "assessment was approved on %s"):format(deployed, approved), IA_ASSESS)
      ok = false
    end
  end
  if ok then
    ctx:pass(("impact assessment of %s (%d days before %s)%s; next due by %s")
      :format(date, today - day, ctx.as_of,
        dep_day and (", before the deployment of " .. deployed) or "", nxt or due))
  end
end

local function check_8_4_run(doc, ctx)
  local change = util.require_object(doc, ctx, "/change", "change record of the deployment",
    IA_RUN)
  if change == nil then return end
  local name = type(change.ticket) == "string" and present(change.ticket)
    and ("change " .. util.quote(change.ticket)) or "the change"
  local significant = change.significant
  if significant == nil then
    return ctx:insufficient(change:pointer("significant"), name .. " is not rated against the "
      .. "significant-change criteria, so it cannot be told whether it needs an impact "
      .. "assessment (significant)", IA_RUN)
  end
  if significant ~= true then
    return ctx:pass(name .. " is not significant; no new impact assessment is required")
  end
  local ia = change.impact_assessment
  if type(ia) ~= "string" or not present(ia) then
    return ctx:fail(change:pointer("impact_assessment"), ("significant %s is deployed without "
      .. "naming the impact assessment that covers it (impact_assessment)"):format(name), IA_RUN)
  end
  ctx:pass(("significant %s is covered by impact assessment %s"):format(name, util.quote(ia)))
end

control "8.4" {
  title = "AI system impact assessments carried out per system",
  description = "Every AI system in operation has an impact assessment on record, made before it "
    .. "went live and repeated within the planned interval; the register and the inventory "
    .. "agree; the change procedure requires a new assessment for a significant change. A model "
    .. "card's assessment is current and precedes the deployment; a pipeline run deploying a "
    .. "significant change names the assessment that covers it.",
  citations = { "8.4", "6.1.4", "A.5.2" },
  applies_to = { "organization", "model_card", "pipeline_run" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.1" } },
  params = {
    -- The longest interval between two impact assessments of one AI system, in months.
    max_reassessment_cycle_months = 12,
  },
  check = function(doc, ctx)
    local kind = doc.kind
    if kind == "model_card" then return check_8_4_card(doc, ctx) end
    if kind == "pipeline_run" then return check_8_4_run(doc, ctx) end
    return check_8_4_organization(doc, ctx)
  end,
  remediation = {
    { key = IA_ASSESS, owner = "ai-governance",
      title = "Assess the impacts of every AI system before it goes into operation" },
    { key = IA_REPEAT, owner = "ai-governance",
      title = "Repeat each AI system's impact assessment within the planned interval" },
    { key = IA_RECORD, owner = "ai-governance",
      title = "Keep the register of impact assessments complete and consistent with the AI "
        .. "system inventory" },
    { key = IA_ON_CHANGE, owner = "ai-governance",
      title = "Require a new impact assessment for every significant change in the change "
        .. "procedure" },
    { key = IA_RUN, owner = "ml-engineering",
      title = "Name the impact assessment that covers a significant change in its deployment "
        .. "record" },
  },
}
