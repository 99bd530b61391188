-- Annex A.9: use of AI systems (A.9.2-A.9.4): processes and objectives for responsible use,
-- and use within the intended purpose, with human oversight where the risk calls for it.
local util = require "util"

-- Human oversight modes in which a person can act on the system's outputs as they happen.
local ACTIVE_OVERSIGHT = { human_in_the_loop = true, human_on_the_loop = true }

-- A.9.2 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local RU_PROCESS = "document-responsible-use"
local RU_REVIEW = "review-responsible-use"
local RU_OVERSIGHT = "define-human-oversight"
local RU_CONTROLS = "define-use-controls"

-- Organisation: the documented, approved and reviewed responsible-use procedure.
local function check_use_process(doc, ctx)
  local ru = util.require_object(doc, ctx, "/responsible_use", "responsible use procedure",
    { RU_PROCESS, RU_REVIEW })
  if ru == nil then return end
  local at = "/responsible_use"
  local name = "the responsible use procedure"
  local ok = util.require_fields(ru, at, name, {
    { "document", "the controlled document that holds it" },
    { "owner", "an owner" },
    { "approved_by", "who approved it" },
    { "use_approval", "how a new use of an AI system is approved before it starts" },
    { "acceptable_use_policy", "the acceptable use policy for staff" },
  }, ctx, RU_PROCESS) == 0
  local _, all = util.check_strings(ctx, ru.principles, at .. "/principles", name,
    "principles of responsible use", RU_PROCESS, true)
  if not all then ok = false end
  if util.same_party(ru.owner, ru.approved_by) then
    ctx:fail(at .. "/approved_by", ("%s was approved by its own owner (%s); it needs approval "
      .. "by someone with authority over it"):format(name, util.quote(ru.owner)), RU_PROCESS)
    ok = false
  end
  if ru.approved ~= nil and util.age_in_days(ctx, ru.approved, at .. "/approved", "approved",
      RU_PROCESS) == nil then
    ok = false
  end
  local due = util.check_review(ctx, ru, name, { style = "brief",
    max_cycle = ctx.params.max_review_cycle_months, cycle_tasks = RU_PROCESS, tasks = RU_REVIEW })
  if ok and due then
    ctx:pass(("responsible use procedure %s owned by %s, approved by %s; next review due %s")
      :format(util.show(ru.document), util.show(ru.owner), util.show(ru.approved_by), due))
  end
end

-- Model card: human oversight and the measures that keep use responsible.
local function check_card_use(doc, ctx)
  local ok = true
  local ho = util.require_object(doc, ctx, "/human_oversight", "human oversight of the system",
    RU_OVERSIGHT)
  if ho then
    local mode = ho.mode
    if mode == nil then
      ctx:fail("/human_oversight/mode", "the card does not say how humans oversee the system "
        .. "(mode)", RU_OVERSIGHT)
      ok = false
    elseif mode ~= "none" then
      if util.require_fields(ho, "/human_oversight", "human oversight (" .. tostring(mode) .. ")", {
        { "description", "which outputs are overseen and how" },
        { "override", "how a person overrides or stops the system" },
        { "responsible_role", "who performs oversight" },
        { "competence", "the competence overseers need" },
        { "escalation", "how overseers escalate problems" },
      }, ctx, RU_OVERSIGHT) > 0 then
        ok = false
      end
    end
  else
    ok = false
  end
  local ru = util.require_object(doc, ctx, "/responsible_use", "responsible use of the system",
    RU_CONTROLS)
  if ru then
    local name = "the system's responsible use record"
    local _, all = util.check_strings(ctx, ru.intended_use_controls,
      "/responsible_use/intended_use_controls", name,
      "measures that keep use within the intended purpose", RU_CONTROLS, true)
    if not all then ok = false end
    if util.require_fields(ru, "/responsible_use", name, {
      { "usage_monitoring", "how actual use is monitored" },
      { "misuse_reporting", "how misuse is reported" },
    }, ctx, RU_CONTROLS) > 0 then
      ok = false
    end
  else
    ok = false
  end
  if ok then
    ctx:pass(("oversight %s by %s; %s; use monitored and misuse reportable")
      :format(util.show(ho.mode), util.show(ho.responsible_role),
        util.plural(count(ru.intended_use_controls), "intended-use control")))
  end
end

control "A.9.2" {
  title = "Processes for using AI systems responsibly",
  description = "A documented responsible-use procedure, approved by someone other than its "
    .. "owner and reviewed on its cycle, says how new uses are approved and which principles "
    .. "and acceptable-use rules apply; each AI system records its human oversight (who, how "
    .. "to override, competence, escalation) and the measures that keep and monitor its use.",
  citations = { "A.9.2", "8.1", "5.2" },
  applies_to = { "organization", "model_card", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = { eu_ai_act = { "Art. 26" } },
  params = {
    -- The longest review cycle accepted for the responsible use procedure, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "HUM-01" })
    end
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_use_process(doc, ctx)
    end
    return check_card_use(doc, ctx)
  end,
  remediation = {
    util.vendor_task("human oversight and override by the customer"),
    { key = RU_PROCESS, owner = "ai-governance",
      title = "Document a responsible use procedure with an owner, an independent approval, "
        .. "the approval route for new uses, principles and an acceptable use policy" },
    { key = RU_REVIEW, owner = "ai-governance",
      title = "Review the responsible use procedure on its stated cycle and record the date" },
    { key = RU_OVERSIGHT, owner = "system-owner",
      title = "Define the system's human oversight: its mode, what is overseen, how to "
        .. "override, the responsible role, the competence needed and escalation" },
    { key = RU_CONTROLS, owner = "system-owner",
      title = "Record the measures that keep the system's use within its intended purpose, "
        .. "how use is monitored and how misuse is reported" },
  },
}

-- A.9.3 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local OBJ_SET = "set-responsible-use-objectives"
local OBJ_TRACK = "track-responsible-use-objectives"
local OBJ_LINK = "link-responsible-use-objectives"

-- Checks one responsible-use objective; returns true when it is complete and on course.
local function check_objective(o, at, name, ctx, systems)
  local p = ctx.params
  local ok = util.require_fields(o, at, name, {
    { "id", "an id" },
    { "objective", "the objective" },
    { "measure", "what is measured" },
    { "owner", "who is responsible" },
    { "plan", "how it will be achieved" },
    { "evaluation", "how results are evaluated" },
  }, ctx, OBJ_SET) == 0
  local target, direction = o.target, o.direction
  if type(target) ~= "number" then
    ctx:fail(at .. "/target", ("%s has no numeric target, found %s")
      :format(name, util.show(target)), OBJ_SET)
    ok = false
  end
  if direction ~= nil and direction ~= "min" and direction ~= "max" then
    ctx:fail(at .. "/direction", ('%s: direction must be "min" or "max", found %s')
      :format(name, util.show(direction)), OBJ_SET)
    ok = false
  end
  if o.communicated == nil then
    ctx:fail(at .. "/communicated", name .. " has not been communicated (communicated)",
      OBJ_TRACK)
    ok = false
  elseif util.age_in_days(ctx, o.communicated, at .. "/communicated", name .. ": communicated",
      OBJ_TRACK) == nil then
    ok = false
  end

  -- Measured recently, and the status agrees with the measurement.
  local status, current = o.status, o.current
  if status ~= "cancelled" then
    if type(current) ~= "number" then
      ctx:fail(at .. "/current", ("%s has no measured value (current is %s)")
        :format(name, util.show(current)), OBJ_TRACK)
      ok = false
    else
      if not util.fresh(ctx, o.measured, at .. "/measured", "the latest measurement of " .. name,
          p.max_measurement_age_days, OBJ_TRACK) then
        ok = false
      end
      if type(target) == "number" and status == "achieved" then
        local met, side = util.meets(current, target, direction)
        if not met then
          local v, t = util.nums(current, target)
          ctx:fail(at .. "/status", ('%s is marked "achieved" but its measure %s is %s its '
            .. "target %s"):format(name, v, side, t), OBJ_TRACK)
          ok = false
        end
      end
    end
    if status == "missed" then
      ctx:fail(at .. "/status", name .. " is marked missed: plan the actions that will meet it",
        OBJ_TRACK)
      ok = false
    elseif status ~= "achieved" then
      local due = util.day(o.due)
      if o.due == nil then
        ctx:fail(at .. "/due", name .. " has no due date", OBJ_SET)
        ok = false
      elseif due == nil then
        ctx:fail(at .. "/due", ("%s: due %s is not a date"):format(name, util.show(o.due)),
          OBJ_SET)
        ok = false
      elseif due < util.today(ctx) then
        ctx:fail(at .. "/due", ("%s was due %s and is %s, not achieved")
          :format(name, o.due, util.show(status)), OBJ_TRACK)
        ok = false
      end
    end
  end

  -- The systems it applies to exist.
  local list = o.ai_systems
  if util.shape(list) == "array" then
    for j = 1, #list do
      local id = list[j]
      if type(id) ~= "string" or systems[id] == nil then
        ctx:fail(list:pointer(j), ("%s applies to %s, which is not in the AI system inventory")
          :format(name, util.show(id)), OBJ_LINK)
        ok = false
      end
    end
  end
  return ok
end

-- Organisation: the responsible-use objectives among its AI objectives.
local function check_use_objectives(doc, ctx)
  local objectives = util.require_list(doc, ctx, "/objectives", "AI objectives", OBJ_SET)
  if objectives == nil then return end
  local systems = util.by_key(doc:get("/ai_system_inventory"), "id") or {}
  local found, good = 0, 0
  for i = 1, #objectives do
    local o = objectives[i]
    if util.shape(o) == "object" and o.category == "responsible_use" then
      found = found + 1
      if check_objective(o, objectives:pointer(i), util.label("responsible-use objective", o, i),
          ctx, systems) then
        good = good + 1
      end
    end
  end
  if found == 0 then
    ctx:fail("/objectives", ("none of the %s is for the responsible use of AI systems "
      .. "(category responsible_use)"):format(util.plural(#objectives, "AI objective")), OBJ_SET)
  elseif good == found then
    ctx:pass(("%s for responsible use, each measured, owned, communicated and on course")
      :format(util.plural(found, "objective")))
  end
end

-- Model card: the responsible-use objectives that apply to the system.
local function check_card_objectives(doc, ctx)
  local list = util.require_list(doc, ctx, "/responsible_use/objectives",
    "responsible-use objectives for the system", OBJ_LINK)
  if list == nil then return end
  local dev = util.set_of(doc:get("/development/objectives"))
  local seen = {}
  local ok = true
  for i = 1, #list do
    local id = list[i]
    if type(id) ~= "string" or not present(id) then
      ctx:fail(list:pointer(i), ("responsible-use objective #%d names no objective (found %s)")
        :format(i, util.show(id)), OBJ_LINK)
      ok = false
    elseif seen[id] then
      ctx:fail(list:pointer(i), ("objective %s is listed twice"):format(util.quote(id)), OBJ_LINK)
      ok = false
    else
      seen[id] = true
      if dev[id] then
        ctx:fail(list:pointer(i), ("objective %s is listed both for responsible use and for "
          .. "development (development.objectives); an objective has one category")
          :format(util.quote(id)), OBJ_LINK)
        ok = false
      end
    end
  end
  if ok then
    local ids = {}
    for i = 1, #list do ids[i] = list[i] end
    ctx:pass(("responsible-use objectives that apply to the system: %s")
      :format(table.concat(ids, ", ")))
  end
end

control "A.9.3" {
  title = "Objectives for using AI systems responsibly",
  description = "The organisation sets objectives for the responsible use of its AI systems, "
    .. "each with a measure, a numeric target, an owner, a plan, a due date and a way to "
    .. "evaluate it; they are communicated, recently measured, on course, honest about being "
    .. "achieved and tied to systems in the inventory; each AI system names the ones that apply.",
  citations = { "A.9.3", "6.2" },
  applies_to = { "organization", "model_card" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.2", "GOVERN 3.2", "MEASURE 2.7" } },
  params = {
    -- An objective's latest measurement may be at most this many days old.
    max_measurement_age_days = 183,
  },
  check = function(doc, ctx)
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_use_objectives(doc, ctx)
    end
    return check_card_objectives(doc, ctx)
  end,
  remediation = {
    { key = OBJ_SET, owner = "ai-governance",
      title = "Set objectives for the responsible use of AI systems, each with a measure, a "
        .. "numeric target and direction, an owner, a plan, a due date and an evaluation method" },
    { key = OBJ_TRACK, owner = "ai-governance",
      title = "Measure each responsible-use objective, keep its status true to the measurement "
        .. "and due date, and communicate it" },
    { key = OBJ_LINK, owner = "system-owner",
      title = "Link each AI system to the responsible-use objectives that apply to it, using "
        .. "ids of the organisation's objectives and inventory" },
  },
}

-- A.9.4 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local USE_STATE = "state-intended-use"
local USE_OVERSIGHT = "assign-human-oversight"
local USE_REVIEW = "review-actual-use"
local USE_TIER = "state-risk-tier"

-- Model card: intended and excluded uses, misuse, oversight by tier, and review of actual use.
local function check_card_intended_use(doc, ctx)
  local p = ctx.params
  local purpose = doc.intended_purpose
  if not present(purpose) then
    ctx:insufficient("/intended_purpose", "the card does not state the system's intended "
      .. "purpose (intended_purpose)", USE_STATE)
    return
  end
  local ok = true
  local _, all = util.check_strings(ctx, doc.out_of_scope_uses, "/out_of_scope_uses",
    "the card", "out-of-scope uses", USE_STATE, true)
  if not all then ok = false end

  local tier = doc.risk_tier
  local stage = doc.lifecycle_stage
  local in_use = stage == nil or util.OPERATING[stage] == true
  if tier == nil then
    ctx:insufficient("/risk_tier", "the card states no risk tier, so it cannot be told whether "
      .. "human oversight is required", USE_TIER)
    ok = false
  elseif tier == "unacceptable" and in_use then
    ctx:fail("/risk_tier", ("the system's risk tier is \"unacceptable\" yet it is in %s: a "
      .. "prohibited use must not be deployed"):format(util.show(stage)), USE_STATE)
    ok = false
  elseif tier == p.high_risk_tier then
    local _, misuse_ok = util.check_strings(ctx, doc.foreseeable_misuse, "/foreseeable_misuse",
      "the high-risk card", "reasonably foreseeable misuse", USE_STATE, true)
    if not misuse_ok then ok = false end
    local mode = doc:get("/human_oversight/mode")
    if not ACTIVE_OVERSIGHT[mode] then
      ctx:fail("/human_oversight/mode", ("risk tier is %s but human oversight is %s; a "
        .. "high-risk system needs a human in or on the loop")
        :format(util.quote(tier), util.show(mode)), USE_OVERSIGHT)
      ok = false
    end
    if not present(doc:get("/human_oversight/responsible_role")) then
      ctx:fail("/human_oversight/responsible_role", ("risk tier is %s but no role is named "
        .. "to perform human oversight"):format(util.quote(tier)), USE_OVERSIGHT)
      ok = false
    end
  end

  if in_use then
    if not util.fresh(ctx, doc:get("/responsible_use/last_usage_review"),
        "/responsible_use/last_usage_review", "the last review of actual use against the "
        .. "intended purpose", p.max_usage_review_age_days, USE_REVIEW) then
      ok = false
    end
  end
  if ok then
    ctx:pass(("intended purpose and %s stated; risk tier %s%s")
      :format(util.plural(#doc.out_of_scope_uses, "out-of-scope use"), util.show(tier),
        tier == p.high_risk_tier and (" with oversight " .. doc:get("/human_oversight/mode"))
          or ""))
  end
end

-- Organisation: how often use is reviewed, and an intended purpose for every system in scope.
local function check_org_intended_use(doc, ctx)
  local p = ctx.params
  local ok = true
  local freq_at = "/responsible_use/usage_review_frequency"
  local freq = doc:get(freq_at)
  if freq == nil then
    ctx:insufficient(freq_at, "the organisation does not say how often the use of AI systems is "
      .. "reviewed against their intended purpose", USE_REVIEW)
    ok = false
  elseif freq ~= "continuous" then
    local days = util.frequency_days(freq)
    if days == nil then
      ctx:fail(freq_at, ("use of AI systems is reviewed %s, not at planned intervals")
        :format(util.show(freq)), USE_REVIEW)
      ok = false
    elseif days > p.max_usage_review_age_days then
      ctx:fail(freq_at, ("use of AI systems is reviewed against their intended purpose with "
        .. "frequency %s (%d days); at most %d days between reviews are allowed")
        :format(util.quote(freq), days, p.max_usage_review_age_days), USE_REVIEW)
      ok = false
    end
  end
  local inventory = util.require_list(doc, ctx, "/ai_system_inventory", "AI system inventory",
    USE_STATE)
  local stated = 0
  if inventory then
    for i = 1, #inventory do
      local sys, at = inventory[i], inventory:pointer(i)
      if util.shape(sys) == "object" and sys.in_scope ~= false then
        if present(sys.intended_purpose) then
          stated = stated + 1
        else
          ctx:fail(at .. "/intended_purpose", ("%s is in scope but its intended purpose is not "
            .. "recorded"):format(util.label("AI system", sys, i)), USE_STATE)
          ok = false
        end
      end
    end
  else
    ok = false
  end
  if ok then
    ctx:pass(("use reviewed %s; %s in scope with an intended purpose")
      :format(freq, util.plural(stated, "AI system")))
  end
end

control "A.9.4" {
  title = "Using AI systems as intended",
  description = "Each AI system states its intended purpose and the uses it is not for; a "
    .. "high-risk system also states foreseeable misuse and has a named human in or on the "
    .. "loop; no system of the unacceptable tier is in use; actual use is reviewed against "
    .. "the intended purpose at planned intervals, and the inventory records every system's "
    .. "intended purpose.",
  citations = { "A.9.4", "8.1" },
  applies_to = { "model_card", "organization", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MANAGE 2.4" }, eu_ai_act = { "Art. 14", "Art. 26" } },
  params = {
    -- Actual use must be reviewed against the intended purpose at least this often, in days.
    max_usage_review_age_days = 183,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "TRN-02" })
    end
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_org_intended_use(doc, ctx)
    end
    return check_card_intended_use(doc, ctx)
  end,
  remediation = {
    util.vendor_task("documented intended uses and limitations"),
    { key = USE_STATE, owner = "system-owner",
      title = "State the system's intended purpose, the uses it is not for and, for a "
        .. "high-risk system, its reasonably foreseeable misuse" },
    { key = USE_OVERSIGHT, owner = "system-owner",
      title = "Put a named role in or on the loop to oversee the high-risk AI system" },
    { key = USE_REVIEW, owner = "ai-governance",
      title = "Review actual use of AI systems against their intended purpose at planned "
        .. "intervals and record the date" },
    { key = USE_TIER, owner = "ai-governance",
      title = "State the risk tier of the AI system in its model card" },
  },
}
