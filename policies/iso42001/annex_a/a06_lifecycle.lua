-- Annex A.6: the AI system life cycle. Objectives and processes for responsible development
-- (A.6.1.2, A.6.1.3); requirements, design records, verification and validation, deployment,
-- operation and monitoring, technical documentation and event logs (A.6.2.2-A.6.2.8).
local util = require "util"
-- How util.need_text names a value of another type in this module's messages: ", found 3".
local FOUND = ", found %s"

-- =============================================================================================
-- A.6.1.2

local SET_OBJECTIVES = "set-development-objectives"
local TRACK_OBJECTIVES = "track-development-objectives"
local APPLY_OBJECTIVES = "apply-development-objectives"

-- Checks one responsible-development objective of the organisation; returns true when complete
-- and consistent.
local function check_objective(o, at, name, ctx)
  local ok = true
  local function need(key, what)
    if not present(o[key]) then
      ctx:fail(at .. "/" .. key, ("%s does not state %s (%s)"):format(name, what, key),
        SET_OBJECTIVES)
      ok = false
    end
  end
  need("objective", "what it aims at")
  need("themes", "the responsible-AI themes it serves")
  need("measure", "how it is measured")
  need("plan", "how it will be achieved")
  need("owner", "who is responsible for it")
  local target = o.target
  if type(target) ~= "number" then
    ctx:fail(at .. "/target", name .. " has no numeric target (target)", SET_OBJECTIVES)
    ok = false
  end
  local due_day = util.day(o.due)
  if o.due == nil then
    ctx:fail(at .. "/due", name .. " has no due date (due)", SET_OBJECTIVES)
    ok = false
  elseif due_day == nil then
    ctx:fail(at .. "/due", ("%s: due %s is not a date"):format(name, util.show(o.due)),
      SET_OBJECTIVES)
    ok = false
  end
  local status = o.status
  if status == nil then
    ctx:fail(at .. "/status", name .. " does not say where it stands (status)", TRACK_OBJECTIVES)
    ok = false
  elseif status == "achieved" and type(target) == "number" then
    local current = o.current
    local direction = o.direction or "min"
    if type(current) ~= "number" then
      ctx:fail(at .. "/current", name .. " is marked achieved but records no measured value "
        .. "(current)", TRACK_OBJECTIVES)
      ok = false
    elseif not util.meets(current, target, direction) then
      local c, t = util.nums(current, target)
      ctx:fail(at .. "/status", ("%s is marked achieved but its measure is %s, %s the target %s")
        :format(name, c, direction == "max" and "above" or "below", t), TRACK_OBJECTIVES)
      ok = false
    end
  end
  if due_day and status ~= "achieved" and status ~= "cancelled" and status ~= nil
      and due_day < util.today(ctx) then
    ctx:fail(at .. "/due", ("%s was due %s, %d days before %s, and is %s"):format(name, o.due,
      util.today(ctx) - due_day, ctx.as_of, status), TRACK_OBJECTIVES)
    ok = false
  end
  return ok
end

local function check_org_objectives(doc, ctx)
  local objectives = util.require_list(doc, ctx, "/objectives", "AI objectives", SET_OBJECTIVES)
  if objectives == nil then return end
  local found, complete = 0, 0
  for i = 1, #objectives do
    local o = objectives[i]
    if util.shape(o) == "object" and o.category == "responsible_development" then
      found = found + 1
      if check_objective(o, objectives:pointer(i), util.label("objective", o, i), ctx) then
        complete = complete + 1
      end
    end
  end
  if found == 0 then
    ctx:fail(objectives:pointer(), ("none of the %s is for the responsible development of AI "
      .. "systems (category responsible_development)"):format(util.plural(#objectives,
      "objective")), SET_OBJECTIVES)
  elseif complete == found then
    ctx:pass(("%s for responsible development, each measurable, owned, due and on course")
      :format(util.plural(found, "objective")))
  end
end

local function check_card_objectives(doc, ctx)
  local objectives = util.require_list(doc, ctx, "/development/objectives",
    "responsible-development objectives applied to the system", APPLY_OBJECTIVES)
  if objectives == nil then return end
  local seen, ok = {}, true
  for i = 1, #objectives do
    local id = objectives[i]
    if type(id) ~= "string" or not present(id) then
      ctx:fail(objectives:pointer(i), ("objective #%d says nothing (found %s)")
        :format(i, util.show(id)), APPLY_OBJECTIVES)
      ok = false
    elseif seen[id] then
      ctx:fail(objectives:pointer(i), ("objective %s is listed twice (#%d and #%d)")
        :format(util.quote(id), seen[id], i), APPLY_OBJECTIVES)
      ok = false
    else
      seen[id] = i
    end
  end
  if ok then
    local ids = {}
    for i = 1, #objectives do ids[i] = objectives[i] end
    ctx:pass(("%s applied: %s"):format(util.plural(#objectives, "responsible-development "
      .. "objective"), table.concat(ids, ", ")))
  end
end

control "A.6.1.2" {
  title = "Responsible-development goals are set, tracked and applied",
  description = "The organisation has objectives for developing AI systems responsibly, each "
    .. "with a measure, a numeric target, a plan, an owner and a due date, none overdue and none "
    .. "marked achieved while missing its target; each model card names the objectives its "
    .. "development applied.",
  citations = { "A.6.1.2", "6.2" },
  applies_to = { "organization", "model_card" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.2", "MEASURE 2.7" } },
  check = function(doc, ctx)
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_org_objectives(doc, ctx)
    end
    return check_card_objectives(doc, ctx)
  end,
  remediation = {
    { key = SET_OBJECTIVES, owner = "ai-governance",
      title = "Set objectives for responsible AI development, each with a measure, target, "
        .. "plan, owner and due date" },
    { key = TRACK_OBJECTIVES, owner = "ai-governance",
      title = "Track the responsible-development objectives: record where each stands and act "
        .. "on those overdue or off target" },
    { key = APPLY_OBJECTIVES, owner = "ml-engineering",
      title = "Record in the model card which responsible-development objectives its "
        .. "development applied" },
  },
}

-- =============================================================================================
-- A.6.1.3

local DEFINE_PROCESS = "define-development-process"
local REVIEW_PROCESS = "review-development-process"
local FOLLOW_PROCESS = "follow-development-process"

-- The life-cycle stages the development process must gate, in the order messages name them.
local REQUIRED_STAGES = { "design", "development", "validation", "deployment" }

local function check_org_process(doc, ctx)
  local lp = util.require_object(doc, ctx, "/lifecycle_processes",
    "process for responsible design and development of AI systems",
    { DEFINE_PROCESS, REVIEW_PROCESS })
  if lp == nil then return end
  local ok = true
  local function need(key, message)
    if util.need_text(ctx, lp, key, message, DEFINE_PROCESS, FOUND) == nil then ok = false end
  end
  need("document", "the development process names no controlled document that holds it "
    .. "(document)")
  need("owner", "the development process has no owner (owner)")
  need("approved_by", "the development process records no approval (approved_by)")
  local due = util.check_review(ctx, lp, "the review of the development process", {
    style = "planned", max_cycle = ctx.params.max_process_review_cycle_months,
    cycle_tasks = DEFINE_PROCESS, tasks = REVIEW_PROCESS })
  if due == nil then ok = false end

  local stages = lp.stages
  local gated = {}
  local n_stages = 0
  if util.shape(stages) ~= "array" then
    ctx:fail(lp:pointer("stages"), "the development process defines no life-cycle stages with "
      .. "gates (stages)", DEFINE_PROCESS)
    ok = false
  else
    n_stages = #stages
    for i = 1, #stages do
      local st, at = stages[i], stages:pointer(i)
      local name = "stage #" .. i
      if util.shape(st) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(st), DEFINE_PROCESS)
        ok = false
      else
        if type(st.stage) == "string" then
          name = "stage " .. util.quote(st.stage)
          gated[st.stage] = true
        else
          ctx:fail(st:pointer("stage"), name .. " does not say which stage it is (stage)",
            DEFINE_PROCESS)
          ok = false
        end
        local _, _, activities_ok = util.strings(ctx, st, "activities", name .. " lists no "
          .. "activities (activities)", "activity", DEFINE_PROCESS)
        local _, _, criteria_ok = util.strings(ctx, st, "exit_criteria", name .. " has no exit "
          .. "criteria, so nothing gates leaving it (exit_criteria)", "exit criterion",
          DEFINE_PROCESS)
        local approver = util.need_text(ctx, st, "approver", name .. " names no one who approves "
          .. "leaving it (approver)", DEFINE_PROCESS, FOUND)
        if not (activities_ok and criteria_ok and approver) then ok = false end
      end
    end
    local missing = {}
    for _, stage in ipairs(REQUIRED_STAGES) do
      if not gated[stage] then missing[#missing + 1] = stage end
    end
    if #missing > 0 then
      ctx:fail(stages:pointer(), ("the development process does not gate the %s stage%s; it "
        .. "must gate at least %s"):format(table.concat(missing, ", "), #missing > 1 and "s" or "",
        table.concat(REQUIRED_STAGES, ", ")), DEFINE_PROCESS)
      ok = false
    end
  end
  local _, n_records, records_ok = util.strings(ctx, lp, "required_records", "the development "
    .. "process does not say which records every AI system must have (required_records)",
    "required record", DEFINE_PROCESS)
  local _, n_practices, practices_ok = util.strings(ctx, lp, "responsible_ai_practices", "the "
    .. "development process requires no responsible-AI practices (responsible_ai_practices)",
    "practice", DEFINE_PROCESS)
  if not (records_ok and practices_ok) then ok = false end

  if ok then
    ctx:pass(("%s owned by %s: %s gated, %s, %s; next review due %s"):format(lp.document,
      util.quote(lp.owner), util.plural(n_stages, "stage"),
      util.plural(n_records, "required record"), util.plural(n_practices, "practice"), due))
  end
end

local function check_card_process(doc, ctx)
  local dev = util.require_object(doc, ctx, "/development", "development record",
    FOLLOW_PROCESS)
  if dev == nil then return end
  local process = dev.process
  local at = dev:pointer("process")
  local ok = true
  if process == nil then
    return ctx:insufficient(at, "the model card does not say which development process the "
      .. "system was built under (development/process)", FOLLOW_PROCESS)
  elseif type(process) ~= "string" or not present(process) then
    ctx:fail(at, "development/process names no process, found " .. util.show(process),
      FOLLOW_PROCESS)
    ok = false
  elseif not re.test(process, "(?i)\\bv(ersion)?\\s?[0-9]+(\\.[0-9]+)*\\b") then
    ctx:fail(at, ("development process %s names no version of the procedure (e.g. "
      .. "\"PRC-007 v4.0\"), so the rules the system was built under cannot be told")
      :format(util.quote(process)), FOLLOW_PROCESS)
    ok = false
  end
  if doc.lifecycle_stage == nil then
    ctx:fail("/lifecycle_stage", "the model card does not state the system's life-cycle stage "
      .. "(lifecycle_stage), so the process gates it has passed cannot be told", FOLLOW_PROCESS)
    ok = false
  end
  if ok then
    ctx:pass(("built under %s; now at stage %s"):format(process, doc.lifecycle_stage))
  end
end

control "A.6.1.3" {
  title = "Development follows a gated, reviewed life-cycle process",
  description = "The organisation has an approved, owned and regularly reviewed development "
    .. "process that gates at least design, development, validation and deployment with exit "
    .. "criteria and an approver, and names the records and responsible-AI practices it "
    .. "requires; each model card names the process version it was built under.",
  citations = { "A.6.1.3", "8.1" },
  applies_to = { "organization", "model_card", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = {
    nist_ai_rmf = { "GOVERN 3.2", "MAP 3.5", "MANAGE 2.4" },
    eu_ai_act = { "Art. 17" },
  },
  params = {
    -- The longest review cycle accepted for the development process, in months.
    max_process_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "DEV-01" })
    end
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_org_process(doc, ctx)
    end
    return check_card_process(doc, ctx)
  end,
  remediation = {
    util.vendor_task("a documented responsible-development process"),
    { key = DEFINE_PROCESS, owner = "ml-engineering",
      title = "Document the AI development process: owner, approval, review cycle, gated stages "
        .. "with exit criteria and approvers, required records and responsible-AI practices" },
    { key = REVIEW_PROCESS, owner = "ml-engineering",
      title = "Review the AI development process on its cycle and record the date" },
    { key = FOLLOW_PROCESS, owner = "ml-engineering",
      title = "Record in the model card the life-cycle stage and the development process "
        .. "version the system was built under" },
  },
}

-- =============================================================================================
-- A.6.2.2

local SPECIFY = "specify-requirements"
local APPROVE_REQ = "approve-requirements"
local TRACE_REQ = "trace-requirements"
local RESOLVE_REQ = "resolve-unmet-requirements"

-- Requirement types every system must specify, and those a high-risk system must add.
local REQUIRED_TYPES = { "performance" }
local HIGH_RISK_TYPES = { "fairness", "human_oversight" }
-- Requirement types verified by a validation metric of the model card.
local METRIC_VERIFIED = { performance = true, fairness = true }

-- The validation metrics of a model card that miss their thresholds, by type: { [type] = {
-- "<type> (slice <slice>) = <value> is below its threshold <threshold>", ... } }, in document
-- order. Metrics A.6.2.4 cannot judge (no number, an unknown direction) are left to it.
local function missed_metrics(metrics)
  local out = {}
  for i = 1, #metrics do
    local m = metrics[i]
    if util.shape(m) == "object" and type(m.type) == "string" and type(m.value) == "number"
        and type(m.threshold) == "number"
        and (m.direction == nil or m.direction == "min" or m.direction == "max") then
      local met, side = util.meets(m.value, m.threshold, m.direction)
      if not met then
        local v, t = util.nums(m.value, m.threshold)
        local slice = util.is_text(m.slice) and (" (slice " .. util.quote(m.slice) .. ")") or ""
        local list = out[m.type] or {}
        list[#list + 1] = ("%s%s = %s is %s its threshold %s"):format(m.type, slice, v, side, t)
        out[m.type] = list
      end
    end
  end
  return out
end

-- Checks one requirement; returns true when it is complete, traced and not open. `missed` is
-- missed_metrics of the card's validation metrics (nil when it has none).
local function check_requirement(item, at, i, ctx, seen, metric_types, missed, operating, stage)
  local name = util.label("requirement", item, i)
  if util.shape(item) ~= "object" then
    ctx:fail(at, name .. " must be an object, found " .. util.show(item), SPECIFY)
    return false
  end
  local ok = true
  local id = util.need_text(ctx, item, "id", name .. " has no identifier (id)", SPECIFY, FOUND)
  if id == nil then
    ok = false
  elseif seen[id] then
    ctx:fail(item:pointer("id"), ("%s duplicates the id of requirement #%d"):format(name, seen[id]),
      SPECIFY)
    ok = false
  else
    seen[id] = i
  end
  if item.type == nil then
    ctx:fail(item:pointer("type"), name .. " does not say what kind of requirement it is (type)",
      SPECIFY)
    ok = false
  end
  if util.need_text(ctx, item, "description", name .. " does not state the requirement "
      .. "(description)", SPECIFY, FOUND) == nil then
    ok = false
  end
  if util.need_text(ctx, item, "acceptance_criterion", name .. " has no acceptance criterion "
      .. "(acceptance_criterion)", SPECIFY, FOUND) == nil then
    ok = false
  end
  local verified_by = util.need_text(ctx, item, "verified_by", name .. " does not say what "
    .. "verifies it (verified_by)", TRACE_REQ, FOUND)
  if verified_by == nil then
    ok = false
  elseif metric_types and METRIC_VERIFIED[item.type] and not metric_types[verified_by] then
    ctx:fail(item:pointer("verified_by"), ("%s (%s) is verified by %s, which is not a validation "
      .. "metric of the model card (quantitative_analysis/performance_metrics/*/type)")
      :format(name, item.type, util.quote(verified_by)), TRACE_REQ)
    ok = false
  end
  local status = item.status
  if status == nil then
    ctx:fail(item:pointer("status"), name .. " does not say where it stands (status)", SPECIFY)
    ok = false
  elseif status == "proposed" and operating then
    ctx:fail(item:pointer("status"), ("%s is still proposed, but the system is in %s; "
      .. "requirements must be approved before deployment"):format(name, stage), APPROVE_REQ)
    ok = false
  elseif status == "not_met" then
    ctx:fail(item:pointer("status"), name .. " is not met", RESOLVE_REQ)
    ok = false
  elseif status == "met" and missed and type(verified_by) == "string" and missed[verified_by] then
    -- Marked met, but the metric that verifies it says otherwise.
    local misses = missed[verified_by]
    ctx:fail(item:pointer("status"), ("%s is marked met, but the validation metric that "
      .. "verifies it misses its threshold: %s%s"):format(name, misses[1],
      #misses > 1 and (" (and %d more)"):format(#misses - 1) or ""), RESOLVE_REQ)
    ok = false
  end
  return ok
end

control "A.6.2.2" {
  title = "The system is built to an approved, traceable specification",
  description = "The system has an approved specification, set before it was validated and "
    .. "deployed, whose requirements each have an id, a type, an acceptance criterion and what "
    .. "verifies them (a validation metric for performance and fairness); there is a "
    .. "performance requirement (and fairness and human-oversight ones for a high-risk system), "
    .. "and none is unmet or still proposed once the system is in operation.",
  citations = { "A.6.2.2", "8.1" },
  applies_to = { "model_card" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.6" } },
  check = function(doc, ctx)
    local req = util.require_object(doc, ctx, "/requirements", "requirements specification",
      { SPECIFY, APPROVE_REQ })
    if req == nil then return end
    local ok = true
    if not present(doc.intended_purpose) then
      ctx:fail("/intended_purpose", "the model card states no intended purpose for the "
        .. "requirements to serve (intended_purpose)", SPECIFY)
      ok = false
    end
    if util.need_text(ctx, req, "document", "the requirements name no controlled specification "
        .. "that holds them (document)", SPECIFY, FOUND) == nil then
      ok = false
    end
    if util.need_text(ctx, req, "approved_by", "the requirements record no approver (approved_by)",
        APPROVE_REQ, FOUND) == nil then
      ok = false
    end
    local approved = util.need_date(ctx, req, "approved", "the requirements approval date",
      APPROVE_REQ, true)
    if approved == nil then
      ok = false
    else
      local validated = doc:get("/validation/completed")
      local deployed = doc:get("/deployment/deployed")
      if util.day(validated) and approved > util.day(validated) then
        ctx:fail(req:pointer("approved"), ("the requirements were approved %s, after validation "
          .. "completed %s; acceptance criteria must be set before the system is validated")
          :format(req.approved, validated), APPROVE_REQ)
        ok = false
      elseif util.day(deployed) and approved > util.day(deployed) then
        ctx:fail(req:pointer("approved"), ("the requirements were approved %s, after the system "
          .. "was deployed %s"):format(req.approved, deployed), APPROVE_REQ)
        ok = false
      end
    end

    local items = req.items
    if util.shape(items) ~= "array" then
      ctx:fail(req:pointer("items"), "the specification lists no requirements (items)", SPECIFY)
      return
    end
    local metric_types, missed
    local metrics = doc:get("/quantitative_analysis/performance_metrics")
    if util.shape(metrics) == "array" then
      missed = missed_metrics(metrics)
      metric_types = {}
      for i = 1, #metrics do
        local m = metrics[i]
        if util.shape(m) == "object" and type(m.type) == "string" then
          metric_types[m.type] = true
        end
      end
    end
    local stage = doc.lifecycle_stage
    local operating = util.OPERATING[stage] == true
    local seen, types, complete = {}, {}, 0
    for i = 1, #items do
      local item = items[i]
      local at = items:pointer(i)
      if check_requirement(item, at, i, ctx, seen, metric_types, missed, operating, stage) then
        complete = complete + 1
      end
      if util.shape(item) == "object" and type(item.type) == "string" then
        types[item.type] = true
      end
    end

    local missing = {}
    for _, t in ipairs(REQUIRED_TYPES) do
      if not types[t] then missing[#missing + 1] = t end
    end
    local high = util.is_high_risk(doc.risk_tier, ctx)
    if high then
      for _, t in ipairs(HIGH_RISK_TYPES) do
        if not types[t] then missing[#missing + 1] = t end
      end
    end
    if #missing > 0 then
      ctx:fail(items:pointer(), ("the specification has no %s requirement%s%s")
        :format(table.concat(missing, " or "), #missing > 1 and "s" or "",
          high and (" (risk tier " .. util.quote(doc.risk_tier) .. ")") or ""), SPECIFY)
      ok = false
    end

    if ok and complete == #items then
      ctx:pass(("%s approved %s by %s: %s, each with an acceptance criterion and its "
        .. "verification, none open%s"):format(req.document, req.approved,
          util.quote(req.approved_by), util.plural(#items, "requirement"),
          operating and " in operation" or ""))
    end
  end,
  remediation = {
    { key = SPECIFY, owner = "ml-engineering",
      title = "Specify the AI system's requirements in a controlled document: each with id, "
        .. "type, description, acceptance criterion and status, covering performance (and, "
        .. "for a high-risk system, fairness and human oversight)" },
    { key = APPROVE_REQ, owner = "model-risk",
      title = "Approve the requirements before the AI system is validated and deployed" },
    { key = TRACE_REQ, owner = "ml-engineering",
      title = "Trace every requirement to the validation metric or test that verifies it" },
    { key = RESOLVE_REQ, owner = "ml-engineering",
      title = "Meet the unmet requirements, or waive them with a recorded decision" },
  },
}

-- =============================================================================================
-- A.6.2.3

local DESIGN_DOC = "document-design"
local TRAINING_DOC = "document-training"
local DESIGN_REVIEW = "review-design"
local MODEL_DOC = "document-model-parameters"

-- Checks the training record; returns the day training completed, or nil.
local function check_training(dev, ctx)
  local training = dev.training
  if util.shape(training) ~= "object" then
    ctx:fail(dev:pointer("training"), "the development record does not document how the model "
      .. "was trained (development/training)", TRAINING_DOC)
    return nil, false
  end
  local ok = true
  local function need(key, message)
    if util.need_text(ctx, training, key, message, TRAINING_DOC, FOUND) == nil then ok = false end
  end
  need("procedure", "the training procedure is not described (training/procedure)")
  need("code_repository", "the training code's repository is not recorded "
    .. "(training/code_repository)")
  need("environment", "the training environment is not recorded (training/environment)")
  need("hyperparameters", "where the hyperparameters are recorded is not said "
    .. "(training/hyperparameters)")
  local commit = util.need_text(ctx, training, "code_commit", "the commit of the training code is "
    .. "not recorded (training/code_commit)", TRAINING_DOC, FOUND)
  if commit == nil then
    ok = false
  elseif not re.full(commit, "[0-9a-fA-F]{7,64}") then
    ctx:fail(training:pointer("code_commit"), ("training code_commit %s is not a commit hash")
      :format(util.quote(commit)), TRAINING_DOC)
    ok = false
  end
  local completed = util.need_date(ctx, training, "completed", "training completion date",
    TRAINING_DOC, true)
  if completed == nil then ok = false end
  return completed, ok
end

-- Checks the design decisions and reviews; returns the day of the earliest review, and whether
-- all are complete.
local function check_design_records(dev, ctx)
  local ok = true
  local decisions = dev.design_decisions
  if util.shape(decisions) ~= "array" then
    ctx:fail(dev:pointer("design_decisions"), "no significant design decision is recorded "
      .. "(development/design_decisions)", DESIGN_DOC)
    ok = false
  else
    for i = 1, #decisions do
      local d, at = decisions[i], decisions:pointer(i)
      local name = util.label("design decision", d, i)
      if util.shape(d) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(d), DESIGN_DOC)
        ok = false
      else
        local complete = util.need_text(ctx, d, "decision", name .. " does not say what was "
          .. "decided (decision)", DESIGN_DOC, FOUND)
        complete = util.need_text(ctx, d, "rationale", name .. " gives no rationale (rationale)",
          DESIGN_DOC, FOUND) and complete
        complete = util.need_text(ctx, d, "approved_by", name .. " records no approver "
          .. "(approved_by)", DESIGN_DOC, FOUND) and complete
        complete = util.need_date(ctx, d, "date", name .. " date", DESIGN_DOC, true) and complete
        if not complete then ok = false end
      end
    end
  end

  local first
  local reviews = dev.reviews
  if util.shape(reviews) ~= "array" then
    ctx:fail(dev:pointer("reviews"), "no design review is recorded (development/reviews)",
      DESIGN_REVIEW)
    ok = false
  else
    for i = 1, #reviews do
      local r, at = reviews[i], reviews:pointer(i)
      local name = "design review #" .. i
      if util.shape(r) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(r), DESIGN_REVIEW)
        ok = false
      else
        local day = util.need_date(ctx, r, "date", name .. " date", DESIGN_REVIEW, true)
        if day and (first == nil or day < first) then first = day end
        local _, _, reviewers_ok = util.strings(ctx, r, "reviewers", name .. " names no reviewers "
          .. "(reviewers)", "reviewer", DESIGN_REVIEW)
        local outcome = util.need_text(ctx, r, "outcome", name .. " records no outcome (outcome)",
          DESIGN_REVIEW, FOUND)
        if not (day and reviewers_ok and outcome) then ok = false end
      end
    end
  end
  return first, ok
end

-- Checks a list of model inputs or outputs (`key` of model_parameters).
local function check_io(mp, key, ctx)
  local list = mp[key]
  if util.shape(list) ~= "array" then
    ctx:fail(mp:pointer(key), ("the model's %s are not described (model_parameters/%s)")
      :format(key, key), MODEL_DOC)
    return false
  end
  local ok = true
  for i = 1, #list do
    local item = list[i]
    local name = ("%s #%d"):format(key:sub(1, -2), i)
    if util.shape(item) ~= "object" then
      ctx:fail(list:pointer(i), name .. " must be an object, found " .. util.show(item), MODEL_DOC)
      ok = false
    else
      if not present(item.format) then
        ctx:fail(item:pointer("format"), name .. " has no format (format)", MODEL_DOC)
        ok = false
      end
      if not present(item.description) then
        ctx:fail(item:pointer("description"), name .. " does not say what it contains "
          .. "(description)", MODEL_DOC)
        ok = false
      end
    end
  end
  return ok
end

local function check_model_parameters(mp, ctx)
  local ok = true
  local approach = mp.approach
  if util.shape(approach) ~= "object" or approach.type == nil then
    ctx:fail(mp:pointer("approach"), "the learning approach is not recorded "
      .. "(model_parameters/approach/type)", MODEL_DOC)
    ok = false
  end
  if not present(mp.task) then
    ctx:fail(mp:pointer("task"), "the model's task is not recorded (model_parameters/task)",
      MODEL_DOC)
    ok = false
  end
  if not present(mp.architecture_family) and not present(mp.model_architecture) then
    ctx:fail(mp:pointer("model_architecture"), "the model's architecture is not recorded "
      .. "(model_parameters/architecture_family or model_architecture)", MODEL_DOC)
    ok = false
  end
  if not check_io(mp, "inputs", ctx) then ok = false end
  if not check_io(mp, "outputs", ctx) then ok = false end
  return ok
end

control "A.6.2.3" {
  title = "Design choices, reviews and training are on record",
  description = "The card records the design document and architecture rationale, the approved "
    .. "design decisions, design reviews held before training finished, how the model was "
    .. "trained (procedure, code commit, environment, hyperparameters, date, before validation), "
    .. "and the model's approach, task, architecture, inputs and outputs.",
  citations = { "A.6.2.3", "7.5.1", "8.1" },
  applies_to = { "model_card" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MAP 2.1", "MEASURE 2.7" } },
  check = function(doc, ctx)
    local dev = util.require_object(doc, ctx, "/development", "design and development record",
      { DESIGN_DOC, TRAINING_DOC, DESIGN_REVIEW })
    local mp = util.require_object(doc, ctx, "/model_parameters", "model parameters", MODEL_DOC)
    local ok = dev ~= nil and mp ~= nil
    local trained, first_review
    if dev then
      if util.need_text(ctx, dev, "design_document", "the design document is not referenced "
          .. "(development/design_document)", DESIGN_DOC, FOUND) == nil then
        ok = false
      end
      if util.need_text(ctx, dev, "architecture_rationale", "the choice of approach and "
          .. "architecture is not explained (development/architecture_rationale)", DESIGN_DOC,
          FOUND) == nil then
        ok = false
      end
      local training_ok, records_ok
      trained, training_ok = check_training(dev, ctx)
      first_review, records_ok = check_design_records(dev, ctx)
      if not (training_ok and records_ok) then ok = false end
      if trained and first_review and first_review > trained then
        ctx:fail(dev:pointer("reviews"), ("the first design review was held %d days after "
          .. "training completed (%s); the design must be reviewed before the model is built")
          :format(first_review - trained, dev.training.completed), DESIGN_REVIEW)
        ok = false
      end
      local validated = doc:get("/validation/completed")
      if trained and util.day(validated) and util.day(validated) < trained then
        ctx:fail(dev.training:pointer("completed"), ("training completed %s, after validation "
          .. "completed %s: the model validated is not the model trained")
          :format(dev.training.completed, validated), TRAINING_DOC)
        ok = false
      end
    end
    if mp and not check_model_parameters(mp, ctx) then ok = false end
    if ok then
      ctx:pass(("design %s; %s, %s; trained %s at %s")
        :format(dev.design_document, util.plural(#dev.design_decisions, "design decision"),
          util.plural(#dev.reviews, "design review"), dev.training.completed,
          dev.training.code_commit:sub(1, 12)))
    end
  end,
  remediation = {
    { key = DESIGN_DOC, owner = "ml-engineering",
      title = "Reference the design document, explain the architecture choice and record "
        .. "significant design decisions with rationale, date and approver" },
    { key = TRAINING_DOC, owner = "ml-engineering",
      title = "Record how the model was trained: procedure, code repository and commit, "
        .. "environment, hyperparameters and completion date" },
    { key = DESIGN_REVIEW, owner = "ml-engineering",
      title = "Hold and record design reviews (date, reviewers, outcome) before training" },
    { key = MODEL_DOC, owner = "ml-engineering",
      title = "Describe the model: learning approach, task, architecture, inputs and outputs" },
  },
}

-- =============================================================================================
-- A.6.2.4

local RECORD = "record-thresholds"
local MEET = "meet-thresholds"
local PER_GROUP = "report-per-group"
local TIER = "state-risk-tier"
local HELD_OUT = "evaluate-on-held-out-data"
local RESOLVE_VV = "resolve-validation-failures"

-- The group a metric was computed on (CycloneDX `slice`), or nil.
local function group_of(m)
  local v = m.slice
  if type(v) == "string" and present(v) then return v end
  return nil
end

-- Checks one metric; returns true when it is complete and meets its threshold. `judged` is the
-- pipeline's own verdict (a run's `passed`), or nil.
local function check_metric(m, at, i, ctx, judged)
  local function incomplete(pointer, message)
    ctx:fail(pointer, message, RECORD)
  end
  if util.shape(m) ~= "object" then
    incomplete(at, ("metric #%d must be an object, found %s"):format(i, util.show(m)))
    return false
  end
  local ok = true
  local name = m.type
  if type(name) ~= "string" or not present(name) then
    incomplete(at .. "/type", ("metric #%d does not say what it measures (type)"):format(i))
    name = "metric #" .. i
    ok = false
  end
  local group = group_of(m)
  if group then name = name .. " (" .. group .. ")" end

  local value, threshold = m.value, m.threshold
  if value == nil then
    -- No result recorded: the evidence is missing, not shown to be bad.
    ctx:insufficient(at .. "/value", name .. " has no value", RECORD)
    ok = false
  elseif type(value) ~= "number" then
    incomplete(at .. "/value", name .. ": value must be a number, found " .. util.show(value))
    ok = false
  end
  if threshold == nil then
    incomplete(at .. "/threshold", name .. " has no acceptance threshold")
    ok = false
  elseif type(threshold) ~= "number" then
    incomplete(at .. "/threshold", name .. ": threshold must be a number, found "
      .. util.show(threshold))
    ok = false
  end
  local direction = m.direction
  if direction == nil then
    direction = "min"  -- the value must be at least the threshold
  elseif direction ~= "min" and direction ~= "max" then
    incomplete(at .. "/direction", ('%s: direction must be "min" or "max", found %s')
      :format(name, util.show(direction)))
    return false
  end
  if type(value) == "number" and type(threshold) == "number" then
    local v, t = util.nums(value, threshold)
    local note = judged == true and "; the pipeline nevertheless marked it passed" or ""
    local met, side = util.meets(value, threshold, direction)
    if not met then
      ctx:fail(at, ("%s = %s is %s its threshold %s%s"):format(name, v, side, t, note), MEET)
      ok = false
    elseif judged == false then
      ctx:fail(at .. "/passed", ("%s = %s meets its threshold %s, but the pipeline judged it "
        .. "failed (passed: false); resolve the discrepancy"):format(name, v, t), MEET)
      ok = false
    end
  end
  return ok
end

-- Checks a list of metrics (a card's performance metrics or a run's evaluation results) and the
-- per-group reporting of a high-risk system. Returns the number that pass and of groups.
local function check_metrics(metrics, pointer, tier, tier_pointer, ctx, is_run)
  local p = ctx.params
  local met, groups, group_count = 0, {}, 0
  if metrics then
    if #metrics < p.min_metrics then
      ctx:fail(pointer, ("only %s recorded; at least %d are required")
        :format(util.plural(#metrics, "metric"), p.min_metrics), RECORD)
    end
    for i = 1, #metrics do
      local m = metrics[i]
      local judged = nil
      if is_run and util.shape(m) == "object" then judged = m.passed end
      if check_metric(m, metrics:pointer(i), i, ctx, judged) then met = met + 1 end
      local group = util.shape(m) == "object" and group_of(m)
      if group and not groups[group] then
        groups[group] = true
        group_count = group_count + 1
      end
    end
  end

  -- Per-group (fairness) reporting for a high-risk system.
  local high = false
  if p.require_fairness_for_high_risk then
    if tier == nil then
      ctx:insufficient(tier_pointer, "the risk tier is not stated, so it cannot be told whether "
        .. "metrics per group are required", TIER)
    elseif type(tier) ~= "string" then
      ctx:insufficient(tier_pointer, "risk_tier must be a string, found " .. util.show(tier),
        TIER)
    elseif util.is_high_risk(tier, ctx) then
      high = true
      if metrics and group_count < p.min_fairness_groups then
        ctx:fail(pointer, ("risk tier is %s but metrics are reported for %s; a high-risk "
          .. "system must report them for at least %d groups (slice)")
          :format(util.quote(tier), util.plural(group_count, "group"), p.min_fairness_groups),
          PER_GROUP)
      end
    end
  end
  return met, high, group_count
end

-- Fails when the dataset the metrics were computed on (`ref`, at `ref_pointer`) is one the
-- model was trained on, by its purpose in `datasets`.
local function check_held_out(ref, ref_pointer, datasets, ctx)
  if type(ref) ~= "string" or util.shape(datasets) ~= "array" then return true end
  for i = 1, #datasets do
    local ds = datasets[i]
    if util.shape(ds) == "object" and ds.id == ref then
      if ds.purpose == "training" or ds.purpose == "fine_tuning" then
        ctx:fail(ref_pointer, ("the metrics were computed on %s, a %s dataset; validation must "
          .. "use data held out from training"):format(util.quote(ref), ds.purpose), HELD_OUT)
        return false
      end
      return true
    end
  end
  return true
end

local function check_card_vv(doc, ctx)
  local pointer = "/quantitative_analysis/performance_metrics"
  local metrics = util.require_list(doc, ctx, pointer, "verification and validation metrics",
    RECORD)
  local met, high, group_count = check_metrics(metrics, pointer, doc.risk_tier, "/risk_tier",
    ctx, false)
  local ok = check_held_out(doc:get("/quantitative_analysis/evaluation_dataset"),
    "/quantitative_analysis/evaluation_dataset", doc.datasets, ctx)

  local validation = doc.validation
  if util.shape(validation) == "object" then
    if validation.outcome == "rejected" then
      ctx:fail(validation:pointer("outcome"), ("validation %s rejected the system")
        :format(util.show(validation.report)), RESOLVE_VV)
      ok = false
    end
    local tests = validation.tests
    if util.shape(tests) == "array" then
      for i = 1, #tests do
        local t = tests[i]
        if util.shape(t) == "object" and type(t.failed) == "number" and t.failed > 0 then
          if util.is_integer(t.failed) then
            ctx:fail(tests:pointer(i), ("validation test suite %s has %s failed"):format(
              util.show(t.name), util.plural(math.tointeger(t.failed), "test")), RESOLVE_VV)
          else
            ctx:fail(tests:pointer(i) .. "/failed", ("validation test suite %s: failed must be a "
              .. "whole number of tests, found %s"):format(util.show(t.name),
              util.show(t.failed)), RESOLVE_VV)
          end
          ok = false
        end
      end
    end
  end

  if ok and metrics and met == #metrics and #metrics >= ctx.params.min_metrics then
    ctx:pass(("%d/%d metrics meet their thresholds%s"):format(met, #metrics,
      high and (", reported for " .. util.plural(group_count, "group")) or ""))
  end
end

-- Kinds of pipeline check a high-risk system may not skip.
local HIGH_RISK_CHECKS = { bias_test = true, robustness_test = true }

local function check_run_vv(doc, ctx)
  local pointer = "/evaluation/results"
  local results = util.require_list(doc, ctx, pointer, "evaluation results", RECORD)
  local met, high, group_count = check_metrics(results, pointer, doc:get("/model/risk_tier"),
    "/model/risk_tier", ctx, true)
  local ok = check_held_out(doc:get("/evaluation/dataset"), "/evaluation/dataset", doc.datasets,
    ctx)

  local checks = doc.checks
  local n_checks = 0
  if util.shape(checks) == "array" then
    for i = 1, #checks do
      local c = checks[i]
      if util.shape(c) == "object" then
        local name = util.label("check", c, i)
        if c.status == "passed" then n_checks = n_checks + 1 end
        if c.status == "failed" then
          ctx:fail(checks:pointer(i), ("%s (%s) failed")
            :format(name, tostring(c.type or "no type")), RESOLVE_VV)
          ok = false
        elseif c.status == "skipped" and high and HIGH_RISK_CHECKS[c.type] then
          ctx:fail(checks:pointer(i), ("%s (%s) was skipped; a high-risk system may not skip it")
            :format(name, c.type), RESOLVE_VV)
          ok = false
        end
      end
    end
  end

  if ok and results and met == #results and #results >= ctx.params.min_metrics then
    ctx:pass(("%d/%d evaluation results meet their thresholds%s; %s passed"):format(met,
      #results, high and (", reported for " .. util.plural(group_count, "group")) or "",
      util.plural(n_checks, "other check")))
  end
end

control "A.6.2.4" {
  title = "Validated against acceptance criteria set in advance",
  description = "The AI system was validated against acceptance criteria set in advance, on data "
    .. "held out from training: every recorded metric (a card's validation metrics, a run's "
    .. "evaluation results) has a value, a threshold and a direction and meets its threshold; a "
    .. "high-risk system also reports its metrics separately for the groups of people it "
    .. "affects; no validation test or pipeline check failed.",
  citations = { "A.6.2.4", "8.1", "9.1" },
  applies_to = { "model_card", "pipeline_run", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MEASURE 2.1" }, eu_ai_act = { "Art. 15" } },
  params = {
    -- At least this many metrics must be recorded.
    min_metrics = 1,
    -- A model whose risk_tier is the pack's high_risk_tier must report metrics per group...
    require_fairness_for_high_risk = true,
    -- ... for at least this many distinct groups (slices), so that groups can be compared.
    min_fairness_groups = 2,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "DEV-02", "SEC-01" })
    end
    if doc.kind == "pipeline_run" then return check_run_vv(doc, ctx) end
    return check_card_vv(doc, ctx)
  end,
  remediation = {
    util.vendor_task("verification, validation and adversarial testing of each release"),
    { key = RECORD, owner = "ml-engineering",
      title = "Record a type, a value, an acceptance threshold and a direction for every "
        .. "validation metric" },
    { key = MEET, owner = "ml-engineering",
      title = "Bring the metrics that miss their thresholds within them, or re-approve the "
        .. "thresholds with a recorded rationale" },
    { key = PER_GROUP, owner = "ml-engineering",
      title = "Report validation metrics for each affected group of a high-risk AI system" },
    { key = TIER, owner = "ai-governance",
      title = "State the risk tier of the AI system in its model card and pipeline runs" },
    { key = HELD_OUT, owner = "ml-engineering",
      title = "Validate the model on data held out from its training data" },
    { key = RESOLVE_VV, owner = "ml-engineering",
      title = "Resolve the failed validation tests and pipeline checks before release" },
  },
}

-- =============================================================================================
-- A.6.2.5

local RECORD_APPROVAL = "record-release-approvals"
local SEPARATE = "separate-approval-from-submission"
local APPROVE_IN_ORDER = "approve-before-deployment"
local NAME_TARGET = "name-target-environment"
local PLAN_ROLLBACK = "plan-rollback"
local PIN_ARTIFACT = "pin-released-artifact"
local RECORD_DEPLOYMENT = "record-deployment"

-- Checks one release approval of a run. Returns the approver's normalised name and the time of
-- a valid approval (decision approved, by someone other than the submitter, in an approving role,
-- after the evaluation and before the run finished), else nil; and the time of a rejection.
local function check_approval(a, at, i, ctx, run)
  local name = "approval #" .. i
  if util.shape(a) ~= "object" then
    ctx:fail(at, name .. " must be an object, found " .. util.show(a), RECORD_APPROVAL)
    return nil
  end
  local ok = true
  local who = util.need_text(ctx, a, "name", name .. " does not say who approved (name)",
    RECORD_APPROVAL, FOUND)
  if who then name = ("approval by %s"):format(util.quote(who)) end
  local role = util.need_text(ctx, a, "role", name .. " does not give the approver's role (role)",
    RECORD_APPROVAL, FOUND)
  if a.decision == nil then
    ctx:fail(a:pointer("decision"), name .. " records no decision (decision)", RECORD_APPROVAL)
    ok = false
  end
  local t
  if a.at == nil then
    ctx:fail(a:pointer("at"), name .. " is not timed (at)", RECORD_APPROVAL)
    ok = false
  else
    t = dates.time(a.at)
    if t == nil then
      ctx:fail(a:pointer("at"), ("%s: at %s is not a date-time"):format(name, util.show(a.at)),
        RECORD_APPROVAL)
      ok = false
    elseif ctx:days_since(a.at) < 0 then
      ctx:fail(a:pointer("at"), ("%s is dated %s, after --as-of %s"):format(name, a.at,
        ctx.as_of), RECORD_APPROVAL)
      ok = false
    end
  end
  if who == nil or role == nil then ok = false end
  if a.decision == "rejected" then return nil, t end

  if who and util.same_name(who, run.submitter) then
    ctx:fail(a:pointer("name"), ("%s: the release was approved by its own submitter; it must be "
      .. "approved by someone other than %s"):format(name, util.quote(run.submitter)), SEPARATE)
    ok = false
  end
  if role and not re.test(role, ctx.params.approver_roles) then
    ctx:fail(a:pointer("role"), ("%s: role %s is not an approving role (see the control's "
      .. "approver_roles param)"):format(name, util.quote(role)), SEPARATE)
    ok = false
  end
  if t and run.evaluated and t < run.evaluated then
    ctx:fail(a:pointer("at"), ("%s was given at %s, before the evaluation it approves (performed "
      .. "%s)"):format(name, a.at, run.evaluated_at), APPROVE_IN_ORDER)
    ok = false
  elseif t and run.started and t < run.started then
    ctx:fail(a:pointer("at"), ("%s was given at %s, before the run started (%s), so it cannot "
      .. "cover this run's results"):format(name, a.at, run.started_at), APPROVE_IN_ORDER)
    ok = false
  end
  if t and run.finished and t > run.finished then
    ctx:fail(a:pointer("at"), ("%s was given at %s, after the run finished (%s): the model was "
      .. "deployed before it was approved"):format(name, a.at, run.finished_at), APPROVE_IN_ORDER)
    ok = false
  end
  if ok and a.decision == "approved" then return util.normal_name(who), t end
  return nil
end

local function check_run_deployment(doc, ctx)
  local p = ctx.params
  local ok = true
  local submitter = doc:get("/submitter/name")
  if type(submitter) ~= "string" or not present(submitter) then
    ctx:insufficient("/submitter/name", "the run does not say who submitted the model for "
      .. "deployment (submitter/name), so it cannot be told whether someone else approved it",
      SEPARATE)
    ok = false
    submitter = nil
  end
  local evaluated_at = doc:get("/evaluation/performed")
  local run = {
    submitter = submitter,
    started = dates.time(doc.started), started_at = doc.started,
    finished = dates.time(doc.finished), finished_at = doc.finished,
    evaluated = dates.time(evaluated_at), evaluated_at = evaluated_at,
  }

  local approvals = util.require_list(doc, ctx, "/approvals", "release approvals",
    RECORD_APPROVAL)
  local n_valid = 0
  local high = util.is_high_risk(doc:get("/model/risk_tier"), ctx)
  local required = high and p.min_approvals_high_risk or p.min_approvals
  if approvals then
    -- Each approver counts once; a rejection stands unless the same person approves later.
    local approved_at, order = {}, {}
    local rejected_at, rejected_ptr, rejected_by, rejected_order = {}, {}, {}, {}
    for i = 1, #approvals do
      local a = approvals[i]
      local who, t = check_approval(a, approvals:pointer(i), i, ctx, run)
      if who then
        if approved_at[who] == nil then order[#order + 1] = who end
        approved_at[who] = math.max(approved_at[who] or t, t)
      elseif util.shape(a) == "object" and a.decision == "rejected" and type(a.name) == "string"
          then
        local key = util.normal_name(a.name)
        if rejected_at[key] == nil then rejected_order[#rejected_order + 1] = key end
        if rejected_at[key] == nil or (t or 0) > rejected_at[key] then
          rejected_at[key] = t or 0
          rejected_ptr[key] = approvals:pointer(i)
          rejected_by[key] = a.name
        end
      end
    end
    for _, key in ipairs(rejected_order) do
      local t = rejected_at[key]
      if approved_at[key] == nil or approved_at[key] < t then
        ctx:fail(rejected_ptr[key], ("the release was rejected by %s and not approved by them "
          .. "afterwards"):format(util.quote(rejected_by[key])), RECORD_APPROVAL)
        ok = false
        approved_at[key] = nil
      end
    end
    for _, who in ipairs(order) do
      if approved_at[who] then n_valid = n_valid + 1 end
    end
    if n_valid < required then
      ctx:fail(approvals:pointer(), ("the release has %s from someone other than the submitter "
        .. "in an approving role, before the run finished; %d %s required%s")
        :format(util.plural(n_valid, "valid approval"), required, required == 1 and "is" or "are",
          high and " for a high-risk system" or ""), RECORD_APPROVAL)
      ok = false
    end
  else
    ok = false
  end

  local deployment = util.require_object(doc, ctx, "/deployment", "deployment record",
    { NAME_TARGET, PLAN_ROLLBACK })
  local env_name, env_type
  if deployment then
    local env = deployment.environment
    if util.shape(env) ~= "object" then
      ctx:fail(deployment:pointer("environment"), "the run does not name the environment it "
        .. "deploys to (deployment/environment)", NAME_TARGET)
      ok = false
    else
      env_name = util.need_text(ctx, env, "name", "the target environment is not named "
        .. "(deployment/environment/name)", NAME_TARGET, FOUND)
      env_type = env.type
      if env_type == nil then
        ctx:fail(env:pointer("type"), "the target environment's kind is not stated "
          .. "(deployment/environment/type)", NAME_TARGET)
        ok = false
      end
      if env_name == nil then ok = false end
    end
    local rollback = deployment.rollback
    if util.shape(rollback) ~= "object" then
      ctx:fail(deployment:pointer("rollback"), "the deployment has no rollback plan "
        .. "(deployment/rollback)", PLAN_ROLLBACK)
      ok = false
    else
      if util.need_text(ctx, rollback, "plan", "the rollback plan does not say how to roll back "
          .. "(rollback/plan)", PLAN_ROLLBACK, FOUND) == nil then
        ok = false
      end
      local target = util.need_text(ctx, rollback, "target_version", "the rollback plan names no "
        .. "version to roll back to (rollback/target_version)", PLAN_ROLLBACK, FOUND)
      local version = doc:get("/model/version")
      if target == nil then
        ok = false
      elseif util.same_name(target, version) then
        ctx:fail(rollback:pointer("target_version"), ("the rollback target %s is the version "
          .. "being deployed"):format(util.quote(target)), PLAN_ROLLBACK)
        ok = false
      end
      if env_type == "production" then
        local tested = util.need_date(ctx, rollback, "tested", "the rollback test date",
          PLAN_ROLLBACK, true)
        if tested == nil then
          ok = false
        elseif run.started and tested > util.day(doc.started) then
          ctx:fail(rollback:pointer("tested"), ("the rollback was tested %s, after the run "
            .. "started (%s); test it before deploying to production"):format(rollback.tested,
            doc.started), PLAN_ROLLBACK)
          ok = false
        end
      end
    end
  else
    ok = false
  end

  local digest = doc:get("/model/artifact/digest")
  if not present(doc:get("/model/artifact")) then
    ctx:insufficient("/model/artifact", "the run does not say which artifact it deploys "
      .. "(model/artifact)", PIN_ARTIFACT)
    ok = false
  elseif digest == nil then
    ctx:fail("/model/artifact/digest", "the run does not pin the artifact it deploys "
      .. "(model/artifact/digest)", PIN_ARTIFACT)
    ok = false
  elseif not util.is_sha256(digest) then
    ctx:fail("/model/artifact/digest", ("model/artifact/digest %s is not a sha256 digest "
      .. "(sha256:<64 hex digits>)"):format(util.show(digest)), PIN_ARTIFACT)
    ok = false
  end

  if ok then
    ctx:pass(("%s independent of submitter %s (%d required); deploys to %s (%s) with a rollback "
      .. "plan; artifact pinned"):format(util.plural(n_valid, "valid approval"),
      util.quote(submitter), required, util.quote(env_name), env_type))
  end
end

local function check_card_deployment(doc, ctx)
  local dep = doc.deployment
  local stage = doc.lifecycle_stage
  if not present(dep) and util.NOT_IN_OPERATION[stage] and stage ~= "retired" then
    return ctx:not_applicable(("the system is at the %s stage and has not been deployed")
      :format(stage))
  end
  dep = util.require_object(doc, ctx, "/deployment", "deployment record", RECORD_DEPLOYMENT)
  if dep == nil then return end
  local ok = true
  local function need(key, message)
    if util.need_text(ctx, dep, key, message, RECORD_DEPLOYMENT, FOUND) == nil then ok = false end
  end
  need("environment", "the deployment does not say where the system is deployed (environment)")
  need("plan", "the deployment names no deployment plan (plan)")
  need("rollback", "the deployment does not say how it is rolled back (rollback)")
  local _, n_criteria, criteria_ok = util.strings(ctx, dep, "release_criteria", "the deployment "
    .. "states no release criteria (release_criteria)", "release criterion", RECORD_DEPLOYMENT)
  if not criteria_ok then ok = false end
  local approver = util.need_text(ctx, dep, "approved_by", "the release records no approver "
    .. "(approved_by)", RECORD_APPROVAL, FOUND)
  local team = doc:get("/owner/team")
  if approver and util.same_name(approver, team) then
    ctx:fail(dep:pointer("approved_by"), ("the release was approved by %s, the team that owns "
      .. "and builds the system; it must be approved by someone else"):format(
      util.quote(approver)), SEPARATE)
    ok = false
  end
  local approved = util.need_date(ctx, dep, "approved", "the release approval date",
    RECORD_APPROVAL, true)
  local deployed = util.need_date(ctx, dep, "deployed", "the deployment date", RECORD_DEPLOYMENT,
    true)
  if approver == nil or approved == nil or deployed == nil then ok = false end
  if approved and deployed and approved > deployed then
    ctx:fail(dep:pointer("approved"), ("the release was approved %s, after the system was "
      .. "deployed %s"):format(dep.approved, dep.deployed), APPROVE_IN_ORDER)
    ok = false
  end
  local validated = doc:get("/validation/completed")
  if approved and util.day(validated) and approved < util.day(validated) then
    ctx:fail(dep:pointer("approved"), ("the release was approved %s, before validation completed "
      .. "%s"):format(dep.approved, validated), APPROVE_IN_ORDER)
    ok = false
  end
  if ok then
    ctx:pass(("deployed %s to %s under %s; %s; approved %s by %s"):format(dep.deployed,
      util.quote(dep.environment), dep.plan, util.plural(n_criteria, "release criterion",
      "release criteria"), dep.approved, util.quote(approver)))
  end
end

control "A.6.2.5" {
  title = "Releases are independently approved, reversible and pinned",
  description = "A release is approved, after its evaluation and before it goes live, by enough "
    .. "people in approving roles other than its submitter; it names its target environment, "
    .. "has a rollback plan (tested before a production release) to an earlier version, and "
    .. "pins the artifact it deploys. A model card records the plan, release criteria, approval "
    .. "(after validation, before deployment) and rollback.",
  citations = { "A.6.2.5", "8.1" },
  applies_to = { "model_card", "pipeline_run", "vendor_questionnaire" },
  severity = "high",
  params = {
    -- Distinct valid approvals a release needs...
    min_approvals = 1,
    -- ... and a release of a high-risk system (model/risk_tier is the pack's high_risk_tier).
    min_approvals_high_risk = 2,
    -- Roles that may approve a release (RE2, searched in the approver's role; the \b word
    -- boundaries make each a whole word: "Team lead" approves, "Misleading content reviewer" not).
    approver_roles = "(?i)\\b(head|chief|director|officer|committee|board|manager|lead|owner|"
      .. "approver|validat\\w*|risk)\\b",
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "DEV-03" })
    end
    if doc.kind == "pipeline_run" then return check_run_deployment(doc, ctx) end
    return check_card_deployment(doc, ctx)
  end,
  remediation = {
    util.vendor_task("advance notice of material model changes"),
    { key = RECORD_APPROVAL, owner = "release-management",
      title = "Record the release approvals (who, role, decision, when) the AI system needs" },
    { key = SEPARATE, owner = "release-management",
      title = "Have the release approved by people in approving roles other than its submitter" },
    { key = APPROVE_IN_ORDER, owner = "release-management",
      title = "Approve the release after its validation and evaluation, and before deployment" },
    { key = NAME_TARGET, owner = "ml-operations",
      title = "Name the environment the release deploys to and its kind" },
    { key = PLAN_ROLLBACK, owner = "ml-operations",
      title = "Plan the rollback to an earlier version and test it before a production release" },
    { key = PIN_ARTIFACT, owner = "ml-operations",
      title = "Pin the released model artifact by its sha256 digest" },
    { key = RECORD_DEPLOYMENT, owner = "ml-operations",
      title = "Record the deployment in the model card: environment, plan, release criteria, "
        .. "dates and rollback" },
  },
}

-- =============================================================================================
-- A.6.2.6

local MONITOR = "configure-monitoring"
local MONITOR_GROUPS = "monitor-per-group"
local REVIEW_MONITORING = "review-monitoring-results"
local MAINTAIN = "plan-maintenance"
local REVALIDATE = "revalidate-system"

-- Checks what is monitored, how often, by whom and where alerts go (a card's or a run's
-- /monitoring). Returns whether it is complete, the number of metrics and the review period in
-- days (nil when there is none).
local function check_monitoring_setup(mon, ctx, high, tier)
  local ok = true
  local metrics = mon.metrics
  local n, groups = 0, 0
  if util.shape(metrics) ~= "array" then
    ctx:fail(mon:pointer("metrics"), "no metrics are monitored in operation (monitoring/metrics)",
      MONITOR)
    ok = false
  else
    n = #metrics
    for i = 1, #metrics do
      local m, at = metrics[i], metrics:pointer(i)
      local name = "monitored metric #" .. i
      if util.shape(m) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(m), MONITOR)
        ok = false
      else
        if type(m.type) == "string" and present(m.type) then
          name = "monitored metric " .. util.quote(m.type)
        else
          ctx:fail(m:pointer("type"), name .. " does not say what it measures (type)", MONITOR)
          ok = false
        end
        if type(m.threshold) ~= "number" then
          ctx:fail(m:pointer("threshold"), name .. " has no alert threshold (threshold)", MONITOR)
          ok = false
        end
        if group_of(m) then groups = groups + 1 end
      end
    end
    if high and groups == 0 then
      ctx:fail(metrics:pointer(), ("the system's risk tier is %s but no monitored metric is "
        .. "computed per group (slice)"):format(util.quote(tier)), MONITOR_GROUPS)
      ok = false
    end
  end
  local frequency = mon.frequency
  local days
  if frequency == nil then
    ctx:fail(mon:pointer("frequency"), "monitoring results have no planned review frequency "
      .. "(frequency)", MONITOR)
    ok = false
  else
    days = util.frequency_days(frequency)
    if days == nil then
      ctx:fail(mon:pointer("frequency"), ("monitoring results are reviewed %s; a planned "
        .. "frequency is required"):format(util.show(frequency)), MONITOR)
      ok = false
    end
  end
  if util.need_text(ctx, mon, "owner", "no one is named to monitor the system (owner)",
      MONITOR, FOUND) == nil then
    ok = false
  end
  if util.need_text(ctx, mon, "alert_channel", "monitoring alerts go nowhere (alert_channel)",
      MONITOR, FOUND) == nil then
    ok = false
  end
  return ok, n, days
end

local function check_card_monitoring(doc, ctx)
  local p = ctx.params
  local stage = doc.lifecycle_stage
  if not present(doc.monitoring) and util.NOT_IN_OPERATION[stage] then
    return ctx:not_applicable(("the system is at the %s stage, not in operation"):format(stage))
  end
  local mon = util.require_object(doc, ctx, "/monitoring", "monitoring of the system in "
    .. "operation", { MONITOR, REVIEW_MONITORING })
  if mon == nil then return end
  local tier = doc.risk_tier
  local ok, n, days = check_monitoring_setup(mon, ctx, util.is_high_risk(tier, ctx), tier)

  local last = mon.last_reviewed
  if last == nil then
    ctx:insufficient(mon:pointer("last_reviewed"), "the monitoring results are not dated "
      .. "(last_reviewed), so it cannot be told whether they are reviewed", REVIEW_MONITORING)
    ok = false
  else
    local age = util.age_in_days(ctx, last, mon:pointer("last_reviewed"),
      "monitoring last_reviewed", REVIEW_MONITORING)
    if age == nil then
      ok = false
    elseif days and age > days + p.monitoring_grace_days then
      ctx:fail(mon:pointer("last_reviewed"), ("monitoring results were last reviewed %s, %d days "
        .. "before %s; they are reviewed %s (every %d days, %d days' grace)"):format(last, age,
        ctx.as_of, mon.frequency, days, p.monitoring_grace_days), REVIEW_MONITORING)
      ok = false
    end
  end
  local _, _, triggers_ok = util.strings(ctx, mon, "retraining_triggers", "nothing is set to "
    .. "trigger retraining or recalibration (retraining_triggers)", "retraining trigger",
    MAINTAIN)
  if not triggers_ok then ok = false end

  local due
  local maintenance = util.require_object(doc, ctx, "/maintenance", "maintenance record",
    { MAINTAIN, REVALIDATE })
  if maintenance == nil then
    ok = false
  else
    if util.need_text(ctx, maintenance, "support_contact", "no one is named to support the system "
        .. "(support_contact)", MAINTAIN, FOUND) == nil then
      ok = false
    end
    if util.need_text(ctx, maintenance, "update_process", "the process for updates and repairs "
        .. "is not named (update_process)", MAINTAIN, FOUND) == nil then
      ok = false
    end
    due = util.check_review(ctx, maintenance, "the revalidation of the system", {
      style = "planned", cycle_key = "revalidation_cycle_months", since_key = "last_revalidated",
      fallback_key = false, max_cycle = p.max_revalidation_cycle_months, cycle_tasks = MAINTAIN,
      tasks = REVALIDATE })
    if due == nil then ok = false end
  end

  if ok then
    ctx:pass(("%s monitored, reviewed %s by %s (last %s); revalidation due %s"):format(
      util.plural(n, "metric"), mon.frequency, util.quote(mon.owner), last, due))
  end
end

local function check_run_monitoring(doc, ctx)
  local mon = util.require_object(doc, ctx, "/monitoring", "monitoring configured for the "
    .. "deployment", MONITOR)
  if mon == nil then return end
  local ok = true
  if mon.configured ~= true then
    ctx:fail(mon:pointer("configured"), ("monitoring is not configured for the deployment "
      .. "(configured is %s)"):format(util.show(mon.configured)), MONITOR)
    ok = false
  end
  local tier = doc:get("/model/risk_tier")
  local setup_ok, n = check_monitoring_setup(mon, ctx, util.is_high_risk(tier, ctx), tier)
  if ok and setup_ok then
    ctx:pass(("monitoring configured: %s, reviewed %s by %s, alerts to %s"):format(
      util.plural(n, "metric"), mon.frequency, util.quote(mon.owner),
      util.quote(mon.alert_channel)))
  end
end

control "A.6.2.6" {
  title = "Operation is monitored against thresholds and maintained",
  description = "A system in operation is monitored against alert thresholds (per group for a "
    .. "high-risk system), with a planned review frequency that is kept, an owner, an alert "
    .. "channel and retraining triggers, and is supported and revalidated on a cycle; a pipeline "
    .. "run configures that monitoring for the deployment.",
  citations = { "A.6.2.6", "8.1", "9.1" },
  applies_to = { "model_card", "pipeline_run", "vendor_questionnaire" },
  severity = "high",
  crosswalk = {
    nist_ai_rmf = { "MEASURE 2.3", "MANAGE 4.1", "MANAGE 4.3" },
    eu_ai_act = { "Art. 72" },
  },
  params = {
    -- Days allowed beyond the monitoring review frequency before a review counts as missed.
    monitoring_grace_days = 14,
    -- The longest revalidation cycle accepted, in months.
    max_revalidation_cycle_months = 12,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "OPS-01" })
    end
    if doc.kind == "pipeline_run" then return check_run_monitoring(doc, ctx) end
    return check_card_monitoring(doc, ctx)
  end,
  remediation = {
    util.vendor_task("production monitoring of performance and drift"),
    { key = MONITOR, owner = "ml-operations",
      title = "Configure monitoring of the AI system: metrics with alert thresholds, a review "
        .. "frequency, an owner and an alert channel" },
    { key = MONITOR_GROUPS, owner = "ml-operations",
      title = "Monitor the metrics of a high-risk AI system per affected group" },
    { key = REVIEW_MONITORING, owner = "ml-operations",
      title = "Review the monitoring results at the planned frequency and record the date" },
    { key = MAINTAIN, owner = "ml-operations",
      title = "Plan maintenance of the AI system: support contact, update process, retraining "
        .. "triggers and a revalidation cycle" },
    { key = REVALIDATE, owner = "ml-engineering",
      title = "Revalidate the AI system, which is past its revalidation date" },
  },
}

-- =============================================================================================
-- A.6.2.7

local DOCUMENT_TECH = "document-system"
local UPDATE_TECH = "review-technical-documentation"

control "A.6.2.7" {
  title = "Current technical documentation for everyone who needs it",
  description = "Versioned, located technical documentation exists for those who need it: "
    .. "operators or developers and users (and regulators or auditors for a high-risk system), "
    .. "and the set was reviewed recently and after the current version was trained.",
  citations = { "A.6.2.7", "7.5.1", "7.5.2" },
  applies_to = { "model_card", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = {
    nist_ai_rmf = { "MAP 2.2", "MAP 3.5", "MEASURE 2.1", "MANAGE 2.4" },
    eu_ai_act = { "Art. 11" },
  },
  params = {
    -- The documentation set must have been reviewed within this many days of --as-of.
    tech_doc_review_max_age_days = 365,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "TRN-01" })
    end
    local td = util.require_object(doc, ctx, "/technical_documentation",
      "technical documentation", { DOCUMENT_TECH, UPDATE_TECH })
    if td == nil then return end
    local ok = true
    local documents = td.documents
    local audiences, n_audiences = {}, 0
    local n = 0
    if util.shape(documents) ~= "array" then
      ctx:fail(td:pointer("documents"), "no technical documents are listed "
        .. "(technical_documentation/documents)", DOCUMENT_TECH)
      ok = false
    else
      n = #documents
      for i = 1, #documents do
        local d, at = documents[i], documents:pointer(i)
        local name = util.label("document", d, i)
        if util.shape(d) ~= "object" then
          ctx:fail(at, name .. " must be an object, found " .. util.show(d), DOCUMENT_TECH)
          ok = false
        else
          local complete = util.need_text(ctx, d, "id", name .. " has no identifier (id)",
            DOCUMENT_TECH, FOUND)
          complete = util.need_text(ctx, d, "title", name .. " has no title (title)",
            DOCUMENT_TECH, FOUND) and complete
          complete = util.need_text(ctx, d, "version", name .. " has no version (version)",
            DOCUMENT_TECH, FOUND) and complete
          complete = util.need_text(ctx, d, "location", name .. " does not say where it is "
            .. "(location)", DOCUMENT_TECH, FOUND) and complete
          complete = util.need_date(ctx, d, "last_updated", name .. " last update", UPDATE_TECH,
            true) and complete
          if d.audience == nil then
            ctx:fail(d:pointer("audience"), name .. " does not say who it is for (audience)",
              DOCUMENT_TECH)
            complete = nil
          elseif not audiences[d.audience] then
            audiences[d.audience] = true
            n_audiences = n_audiences + 1
          end
          if not complete then ok = false end
        end
      end
      local missing = {}
      if not (audiences.operators or audiences.developers) then
        missing[#missing + 1] = "operators or developers"
      end
      if not audiences.users then missing[#missing + 1] = "users" end
      local high = util.is_high_risk(doc.risk_tier, ctx)
      if high and not (audiences.regulators or audiences.auditors) then
        missing[#missing + 1] = "regulators or auditors (the system is high-risk)"
      end
      if #missing > 0 then
        ctx:fail(documents:pointer(), "no technical document is for " .. table.concat(missing,
          ", nor for "), DOCUMENT_TECH)
        ok = false
      end
    end

    if not util.check_current(ctx, doc, td, "the technical documentation",
        "the documentation set", "technical documentation last_reviewed",
        ctx.params.tech_doc_review_max_age_days, UPDATE_TECH) then
      ok = false
    end

    if ok then
      ctx:pass(("%s, versioned and located, for %s; reviewed %s"):format(
        util.plural(n, "technical document"), util.plural(n_audiences, "audience"),
        td.last_reviewed))
    end
  end,
  remediation = {
    util.vendor_task("technical documentation for customers"),
    { key = DOCUMENT_TECH, owner = "ml-engineering",
      title = "Provide versioned technical documentation of the AI system for its operators, "
        .. "users and (if high-risk) regulators, each document with id, title, audience, "
        .. "version and location" },
    { key = UPDATE_TECH, owner = "ml-engineering",
      title = "Review the technical documentation for the current version and record the date" },
  },
}

-- =============================================================================================
-- A.6.2.8

local ENABLE_LOGS = "enable-event-logging"
local RETAIN_LOGS = "retain-event-logs"
local PROTECT_LOGS = "protect-event-logs"

control "A.6.2.8" {
  title = "Operational events are logged, traceable and retained",
  description = "Event logging is on, says which events it records (including the model version "
    .. "behind each output) and where logs go, and keeps them at least the minimum retention; a "
    .. "high-risk system's logs are tamper-evident and access-restricted.",
  citations = { "A.6.2.8", "9.1" },
  applies_to = { "model_card", "pipeline_run", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { eu_ai_act = { "Art. 12" } },
  params = {
    -- Event logs must be kept at least this many days.
    min_log_retention_days = 183,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "OPS-02" })
    end
    local is_card = doc.kind == "model_card"
    local stage = doc.lifecycle_stage
    if is_card and not present(doc.logging) and util.NOT_IN_OPERATION[stage] then
      return ctx:not_applicable(("the system is at the %s stage, not in operation"):format(stage))
    end
    local log = util.require_object(doc, ctx, "/logging", "event logging record",
      { ENABLE_LOGS, RETAIN_LOGS })
    if log == nil then return end
    local ok = true
    if log.enabled ~= true then
      ctx:fail(log:pointer("enabled"), ("event logging is not enabled (enabled is %s)")
        :format(util.show(log.enabled)), ENABLE_LOGS)
      ok = false
    end
    local events, n_events, events_ok = util.strings(ctx, log, "events", "the logged events are "
      .. "not stated (events)", "logged event", ENABLE_LOGS)
    if not events_ok then ok = false end
    if events then
      local versioned = false
      for i = 1, #events do
        local e = events[i]
        if type(e) == "string" and re.test(e, "(?i)version") then versioned = true end
      end
      if not versioned then
        ctx:fail(events:pointer(), ("none of the %s identifies the model version behind an "
          .. "output, so outputs cannot be traced to a model"):format(
          util.plural(n_events, "logged event")), ENABLE_LOGS)
        ok = false
      end
    end
    if util.need_text(ctx, log, "store", "where logs are kept is not stated (store)", ENABLE_LOGS,
        FOUND) == nil then
      ok = false
    end
    local min_days = ctx.params.min_log_retention_days
    local days = log.retention_days
    if days == nil then
      ctx:fail(log:pointer("retention_days"), ("no retention period is set for event logs "
        .. "(retention_days); at least %d days are required"):format(min_days), RETAIN_LOGS)
      ok = false
    elseif type(days) ~= "number" or days < min_days then
      ctx:fail(log:pointer("retention_days"), ("event logs are kept %s days; at least %d are "
        .. "required"):format(util.show(days), min_days), RETAIN_LOGS)
      ok = false
    end
    if is_card and util.is_high_risk(doc.risk_tier, ctx) then
      for _, key in ipairs({ "tamper_evident", "access_restricted" }) do
        if log[key] ~= true then
          ctx:fail(log:pointer(key), ("the system's risk tier is %s but its logs are not %s "
            .. "(%s is %s)"):format(util.quote(doc.risk_tier), (key:gsub("_", "-")), key,
            util.show(log[key])), PROTECT_LOGS)
          ok = false
        end
      end
    end
    if ok then
      ctx:pass(("event logging on: %s to %s, kept %s days (at least %d)"):format(
        util.plural(n_events, "event"), util.quote(log.store), (util.nums(days)),
        min_days))
    end
  end,
  remediation = {
    util.vendor_task("event logs kept and available on request"),
    { key = ENABLE_LOGS, owner = "ml-operations",
      title = "Enable event logging for the AI system, recording the model version with every "
        .. "output, and say where logs are kept" },
    { key = RETAIN_LOGS, owner = "ml-operations",
      title = "Keep the AI system's event logs at least for the minimum retention period" },
    { key = PROTECT_LOGS, owner = "security",
      title = "Make the event logs of a high-risk AI system tamper-evident and restrict access "
        .. "to them" },
  },
}
