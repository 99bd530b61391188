-- Annex A.5: assessing the impacts of AI systems: the process (A.5.2), the records of the
-- assessments (A.5.3), and what they cover for individuals and groups (A.5.4) and for society
-- (A.5.5).
local util = require "util"
-- How util.need_text names a value of another type in this module's messages: ", found 3".
local FOUND = ", found %s"

-- Remediation keys: which task fixes which violation.
local DOCUMENT = "document-ia-process"
local REVIEW = "review-ia-process"

-- Checks that `list` (at `at`) is a non-empty list of non-blank entries; `what` names the list
-- and `noun` one entry. Returns the number of usable entries, and whether all were usable.
local function check_entries(list, at, what, noun, ctx)
  if list == nil then
    ctx:fail(at, "the process names no " .. what, DOCUMENT)
    return 0, false
  end
  local s = util.shape(list)
  if s == "empty" then
    ctx:fail(at, "the list of " .. what .. " is empty", DOCUMENT)
    return 0, false
  end
  if s ~= "array" then
    ctx:fail(at, what .. " must be a list, found " .. util.show(list), DOCUMENT)
    return 0, false
  end
  -- An entry is a sentence (the schema allows strings only).
  local usable = util.blank_entries(ctx, list, noun .. " #", " says nothing (found ", DOCUMENT)
  return usable, usable == #list
end

-- Checks that the process assesses impacts on individuals or groups and on society; returns
-- true when it does.
local function check_assesses(process, ctx)
  local assesses = process.assesses
  local at = process:pointer("assesses")
  local people, society = false, false
  if util.shape(assesses) == "array" then
    for i = 1, #assesses do
      local whom = assesses[i]
      if whom == "individuals" or whom == "groups" then people = true end
      if whom == "society" then society = true end
    end
  end
  local missing = {}
  if not people then missing[#missing + 1] = "individuals or groups" end
  if not society then missing[#missing + 1] = "society" end
  if #missing > 0 then
    ctx:fail(at, "the process does not assess impacts on " .. table.concat(missing, " nor on ")
      .. " (assesses)", DOCUMENT)
    return false
  end
  return true
end

control "A.5.2" {
  title = "A governed process decides when and how impacts are assessed",
  description = "A documented process decides when the consequences of an AI system for people, "
    .. "groups and society must be assessed: it has an owner, the events that trigger an "
    .. "assessment, criteria for calling an impact high, covers individuals or groups and "
    .. "society, and has a review cycle that is being kept.",
  citations = { "A.5.2", "6.1.4", "8.4" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.1", "MAP 5.1", "MEASURE 2.7" } },
  params = {
    -- The longest review cycle accepted for the process, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "IMP-01" })
    end
    if util.excluded_by_soa(doc, ctx) then return end
    local process = util.require_object(doc, ctx, "/impact_assessment_process",
      "AI system impact assessment process", { DOCUMENT, REVIEW })
    if process == nil then return end

    local owner = process.owner
    local owner_ok = present(owner)
    if not owner_ok then
      ctx:fail(process:pointer("owner"), "the impact assessment process has no owner", DOCUMENT)
    end
    local triggers, triggers_ok = check_entries(process.triggers, process:pointer("triggers"),
      "triggers for an impact assessment", "trigger", ctx)
    local criteria, criteria_ok = check_entries(process.high_impact_criteria,
      process:pointer("high_impact_criteria"), "criteria for a high impact",
      "high-impact criterion", ctx)
    local scope_ok = check_assesses(process, ctx)
    local due = util.check_review(ctx, process, "the impact assessment process", {
      style = "brief", max_cycle = ctx.params.max_review_cycle_months,
      limit_what = "the process", cycle_tasks = DOCUMENT, tasks = REVIEW })

    if owner_ok and triggers_ok and criteria_ok and scope_ok and due then
      ctx:pass(("owned by %s; %s, %s; next review due %s")
        :format(type(owner) == "string" and util.quote(owner) or "a named owner",
          util.plural(triggers, "trigger"),
          util.plural(criteria, "high-impact criterion", "high-impact criteria"), due))
    end
  end,
  remediation = {
    util.vendor_task("an impact assessment of the product"),
    { key = DOCUMENT, owner = "ai-governance",
      title = "Document the AI system impact assessment process: its owner, the events that "
        .. "trigger an assessment, the criteria for a high impact, whose impacts it assesses, "
        .. "and its review cycle" },
    { key = REVIEW, owner = "ai-governance",
      title = "Review the impact assessment process on its stated cycle and record the date" },
  },
}

-- ---------------------------------------------------------------------------------------------
-- A.5.3

local RECORD_IA = "record-impact-assessment"
local APPROVE_IA = "approve-impact-assessment"
local BEFORE_DEPLOY = "assess-before-deployment"
local REASSESS_IA = "reassess-impact"
local REGISTER_IA = "keep-assessment-register"
local RETAIN_IA = "retain-assessment-records"

-- True when an assessment was triggered by a planned reassessment of a system already in
-- operation: such an assessment may postdate the deployment of the version it covers.
local function is_reassessment(trigger)
  return type(trigger) == "string"
    and re.test(trigger, "(?i)periodic|reassess|annual|scheduled|planned review")
end

-- A.5.3 on a model card: the system's assessment is a complete, approved record, done before
-- the system was deployed and not overdue for reassessment.
local function check_card_assessment(doc, ctx)
  local ia = util.require_object(doc, ctx, "/impact_assessment",
    "impact assessment of the AI system", { RECORD_IA, APPROVE_IA })
  if ia == nil then return end
  local ok = true
  local id = util.need_text(ctx, ia, "id", "the impact assessment has no identifier to trace it "
    .. "by (id)", RECORD_IA, FOUND)
  local name = id and ("impact assessment " .. util.quote(id)) or "the impact assessment"
  if id == nil then ok = false end
  if util.need_text(ctx, ia, "document", name .. " names no controlled record that holds it "
      .. "(document)", RECORD_IA, FOUND) == nil then
    ok = false
  end
  local performer = util.need_text(ctx, ia, "performed_by", name .. " does not say who performed "
    .. "it (performed_by)", RECORD_IA, FOUND)
  if performer == nil then ok = false end
  if ia.result == nil then
    ctx:fail(ia:pointer("result"), name .. " records no result (result: low, medium or high)",
      RECORD_IA)
    ok = false
  end
  local reviewers, _, reviewers_ok = util.strings(ctx, ia, "reviewers",
    name .. " names no reviewers (reviewers)", "reviewer", RECORD_IA)
  if not reviewers_ok then ok = false end
  if reviewers and performer then
    for i = 1, #reviewers do
      if util.same_name(reviewers[i], performer) then
        ctx:fail(reviewers:pointer(i), ("%s: reviewer %s also performed it; a review must be by "
          .. "someone other than the assessor"):format(name, util.quote(reviewers[i])),
          APPROVE_IA)
        ok = false
      end
    end
  end

  local done = util.need_date(ctx, ia, "date", name .. " completion date", RECORD_IA, true)
  local approver = util.need_text(ctx, ia, "approved_by", name .. " records no approver "
    .. "(approved_by)", APPROVE_IA, FOUND)
  local approved = util.need_date(ctx, ia, "approved", name .. " approval date", APPROVE_IA, true)
  if done == nil or approver == nil or approved == nil then ok = false end
  if approver and util.same_name(approver, performer) then
    ctx:fail(ia:pointer("approved_by"), ("%s was approved by %s, who performed it; it must be "
      .. "approved by someone else"):format(name, util.quote(approver)), APPROVE_IA)
    ok = false
  end
  if done and approved and approved < done then
    ctx:fail(ia:pointer("approved"), ("%s was approved %s, before it was completed %s")
      :format(name, ia.approved, ia.date), APPROVE_IA)
    ok = false
  end

  local next_due = ia.next_review_due
  if next_due ~= nil then
    local next_day = util.day(next_due)
    local today = util.today(ctx)
    if next_day == nil then
      ctx:fail(ia:pointer("next_review_due"), ("%s: next_review_due %s is not a date")
        :format(name, util.show(next_due)), RECORD_IA)
      ok = false
    elseif done and next_day <= done then
      ctx:fail(ia:pointer("next_review_due"), ("%s is next due %s, not after it was completed %s")
        :format(name, next_due, ia.date), RECORD_IA)
      ok = false
    elseif next_day < today then
      ctx:fail(ia:pointer("next_review_due"), ("%s was due for reassessment on %s, %d days "
        .. "before %s"):format(name, next_due, today - next_day, ctx.as_of), REASSESS_IA)
      ok = false
    end
  end

  -- The assessment must precede the deployment of the version it covers.
  local deployed = doc:get("/deployment/deployed")
  local deployed_day = util.day(deployed)
  local order = ""
  if deployed_day and not is_reassessment(ia.trigger) then
    local key = approved and "approved" or "date"
    local last = approved or done
    if last and last > deployed_day then
      ctx:fail(ia:pointer(key), ("%s was %s %s, after the system was deployed on %s; an "
        .. "assessment must be approved before the deployment it covers"):format(name,
        approved and "approved" or "completed", ia[key], deployed), BEFORE_DEPLOY)
      ok = false
    elseif last then
      order = ", before deployment on " .. deployed
    end
  end

  if ok then
    ctx:pass(("%s (%s) by %s, reviewed by %s, approved by %s on %s%s"):format(name,
      ia.document, util.quote(performer), util.plural(#reviewers, "reviewer"),
      util.quote(approver), ia.approved, order))
  end
end

-- A.5.3 on an organization: the register of assessments is complete, covers every AI system in
-- scope, and its records are retained long enough.
local function check_register(doc, ctx)
  local process = util.require_object(doc, ctx, "/impact_assessment_process",
    "AI system impact assessment process", { REGISTER_IA, RETAIN_IA })
  if process == nil then return end
  local ok = true
  local min_years = ctx.params.min_ia_retention_years
  local years = process.records_retention_years
  if years == nil then
    ctx:fail(process:pointer("records_retention_years"), ("the process sets no retention period "
      .. "for assessment records (records_retention_years); at least %d years are required")
      :format(min_years), RETAIN_IA)
    ok = false
  elseif not util.is_integer(years) or years < min_years then
    ctx:fail(process:pointer("records_retention_years"), ("assessment records are kept %s "
      .. "years; at least %d are required"):format(util.show(years), min_years), RETAIN_IA)
    ok = false
  end

  local assessments = util.require_list(doc, ctx, "/impact_assessment_process/assessments",
    "register of impact assessments", REGISTER_IA)
  if assessments == nil then return end

  local inventory = doc:get("/ai_system_inventory")
  local systems = util.by_key(inventory, "id")

  local ids, assessed = {}, {}
  for i = 1, #assessments do
    local a, at = assessments[i], assessments:pointer(i)
    local name = util.label("impact assessment", a, i)
    if util.shape(a) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(a), REGISTER_IA)
      ok = false
    else
      local id = util.need_text(ctx, a, "id", name .. " has no identifier (id)", REGISTER_IA, FOUND)
      if id == nil then
        ok = false
      elseif ids[id] then
        ctx:fail(a:pointer("id"), ("%s duplicates the id of assessment #%d"):format(name, ids[id]),
          REGISTER_IA)
        ok = false
      else
        ids[id] = i
      end
      local system = util.need_text(ctx, a, "ai_system", name .. " does not say which AI system it "
        .. "assessed (ai_system)", REGISTER_IA, FOUND)
      if system == nil then
        ok = false
      elseif systems and not systems[system] then
        ctx:fail(a:pointer("ai_system"), ("%s assessed %s, which is not in the AI system "
          .. "inventory"):format(name, util.quote(system)), REGISTER_IA)
        ok = false
      else
        assessed[system] = true
      end
      local done = util.need_date(ctx, a, "date", name .. " completion date", REGISTER_IA, true)
      if done == nil then ok = false end
      if a.result == nil then
        ctx:fail(a:pointer("result"), name .. " records no result (result)", REGISTER_IA)
        ok = false
      end
      if util.need_text(ctx, a, "document", name .. " names no record that holds it (document)",
          REGISTER_IA, FOUND) == nil then
        ok = false
      end
      local next_day = util.day(a.next_review_due)
      if done and next_day and next_day <= done then
        ctx:fail(a:pointer("next_review_due"), ("%s is next due %s, not after it was completed "
          .. "%s"):format(name, a.next_review_due, a.date), REGISTER_IA)
        ok = false
      end
    end
  end

  -- Every AI system in scope (and in use) has an assessment, and the one the inventory names
  -- is in the register.
  local covered = 0
  if systems then
    for i = 1, #inventory do
      local sys = inventory[i]
      if util.shape(sys) == "object" and type(sys.id) == "string" and sys.in_scope ~= false
          and sys.status ~= "retired" then
        if assessed[sys.id] then
          covered = covered + 1
        else
          ctx:fail(inventory:pointer(i), ("AI system %s is in scope but the register holds no "
            .. "impact assessment of it"):format(util.quote(sys.id)), REGISTER_IA)
          ok = false
        end
        local latest = sys.impact_assessment
        local ref = util.shape(latest) == "object" and latest.id or nil
        if type(ref) == "string" and present(ref) and not ids[ref] then
          ctx:fail(latest:pointer("id"), ("AI system %s names impact assessment %s, which is "
            .. "not in the register"):format(util.quote(sys.id), util.quote(ref)), REGISTER_IA)
          ok = false
        end
      end
    end
  end

  if ok then
    ctx:pass(("%s on record, %s in scope covered; records kept %d years")
      :format(util.plural(#assessments, "impact assessment"), util.plural(covered, "AI system"),
        math.tointeger(years)))
  end
end

control "A.5.3" {
  title = "Impact assessments are documented and kept",
  description = "Each AI system's impact assessment is a retained record with an id, a record "
    .. "reference, a date, its performer, independent reviewers, a result and an approval by "
    .. "someone other than the performer, completed before the system was deployed; the "
    .. "organisation's register holds an assessment of every AI system in scope and keeps the "
    .. "records for a stated period.",
  citations = { "A.5.3", "6.1.4", "8.4" },
  applies_to = { "model_card", "organization" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.1", "GOVERN 3.2" } },
  params = {
    -- Impact assessment records must be kept for at least this many years.
    min_ia_retention_years = 5,
  },
  check = function(doc, ctx)
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_register(doc, ctx)
    end
    return check_card_assessment(doc, ctx)
  end,
  remediation = {
    { key = RECORD_IA, owner = "ai-governance",
      title = "Record the impact assessment of the AI system: its id, record, date, performer, "
        .. "reviewers and result" },
    { key = APPROVE_IA, owner = "ai-governance",
      title = "Have the impact assessment reviewed and approved by people other than its "
        .. "performer, after it is completed" },
    { key = BEFORE_DEPLOY, owner = "ai-governance",
      title = "Complete and approve the impact assessment before the AI system is deployed" },
    { key = REASSESS_IA, owner = "ai-governance",
      title = "Reassess the impacts of the AI system, which are past their review date" },
    { key = REGISTER_IA, owner = "ai-governance",
      title = "Keep a register of impact assessments that covers every AI system in scope, each "
        .. "entry with id, system, date, result and record" },
    { key = RETAIN_IA, owner = "ai-governance",
      title = "Set and apply a retention period for impact assessment records" },
  },
}

-- ---------------------------------------------------------------------------------------------
-- A.5.4

local ASSESS_PEOPLE = "assess-individuals-groups"
local ASSESS_FAIRNESS = "assess-groups-at-risk"

-- True when the normalised group `g` is one of (or contains, or is contained in) `known`.
local function among(known, g)
  for i = 1, #known do
    local k = known[i]
    if k == g or k:find(g, 1, true) or g:find(k, 1, true) then return true end
  end
  return false
end

-- Checks the lists of harms, benefits and mitigations of one part of the impact assessment;
-- `whom` names whose impacts they are. Returns true when all are complete.
local function check_harms(ctx, part, whom, task)
  local _, n_harms, harms_ok = util.strings(ctx, part, "potential_harms", ("no potential harms "
    .. "to %s are identified (potential_harms)"):format(whom), "potential harm", task)
  local _, _, benefits_ok = util.strings(ctx, part, "benefits", ("no benefits to %s are "
    .. "identified (benefits)"):format(whom), "benefit", task)
  local mitigations_ok = true
  if n_harms > 0 then
    _, _, mitigations_ok = util.strings(ctx, part, "mitigations", ("%s to %s identified but no "
      .. "mitigations (mitigations)"):format(util.plural(n_harms, "potential harm"), whom),
      "mitigation", task)
  end
  return harms_ok and benefits_ok and mitigations_ok
end

control "A.5.4" {
  title = "Impacts on individuals and groups are assessed",
  description = "The impact assessment names the individuals and groups the system affects, the "
    .. "harms and benefits to them and the mitigations of the harms; a high-risk system also "
    .. "assesses fairness for each group at risk, and every group at risk is one the impact "
    .. "assessment considered.",
  citations = { "A.5.4", "6.1.4", "8.4" },
  applies_to = { "model_card", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.1" } },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "IMP-01" })
    end
    local ig = util.require_object(doc, ctx, "/impact_assessment/individuals_and_groups",
      "assessment of impacts on individuals and groups", ASSESS_PEOPLE)
    if ig == nil then return end
    local ok = util.need_text(ctx, ig, "summary", "the assessment of impacts on individuals and "
      .. "groups states no conclusion (summary)", ASSESS_PEOPLE, FOUND) ~= nil
    local groups, n_groups, groups_ok = util.strings(ctx, ig, "affected_groups", "the impact "
      .. "assessment names no affected individuals or groups (affected_groups)", "affected group",
      ASSESS_PEOPLE)
    if not check_harms(ctx, ig, "individuals or groups", ASSESS_PEOPLE) then ok = false end
    if not groups_ok then ok = false end

    local known = {}
    if groups then
      for i = 1, #groups do
        if type(groups[i]) == "string" then known[#known + 1] = util.normal_name(groups[i]) end
      end
    end
    local pointer = "/considerations/fairness_assessments"
    local fairness = doc:get(pointer)
    local high = util.is_high_risk(doc.risk_tier, ctx)
    local n_fair = 0
    if util.shape(fairness) ~= "array" then
      if high then
        ctx:fail(pointer, ("the system's risk tier is %s but it records no fairness assessment "
          .. "of the groups at risk (considerations/fairness_assessments)")
          :format(util.quote(doc.risk_tier)), ASSESS_FAIRNESS)
        ok = false
      end
    else
      for i = 1, #fairness do
        local f, at = fairness[i], fairness:pointer(i)
        local name = "fairness assessment #" .. i
        if util.shape(f) ~= "object" then
          ctx:fail(at, name .. " must be an object, found " .. util.show(f), ASSESS_FAIRNESS)
          ok = false
        else
          local group = util.need_text(ctx, f, "group_at_risk", name .. " names no group at risk "
            .. "(group_at_risk)", ASSESS_FAIRNESS, FOUND)
          if group then name = "fairness assessment of " .. util.quote(group) end
          local harms = util.need_text(ctx, f, "harms", name .. " states no expected harms (harms)",
            ASSESS_FAIRNESS, FOUND)
          local mitigation = util.need_text(ctx, f, "mitigation_strategy", name .. " states no "
            .. "mitigation (mitigation_strategy)", ASSESS_FAIRNESS, FOUND)
          if group and groups and not among(known, util.normal_name(group)) then
            ctx:fail(f:pointer("group_at_risk"), ("group at risk %s is not among the affected "
              .. "groups of the impact assessment (impact_assessment/individuals_and_groups/"
              .. "affected_groups)"):format(util.quote(group)), ASSESS_PEOPLE)
            group = nil
          end
          if group and harms and mitigation then n_fair = n_fair + 1 else ok = false end
        end
      end
    end

    if ok then
      ctx:pass(("%s assessed for harms, benefits and mitigations; %s")
        :format(util.plural(n_groups, "affected group"),
          util.plural(n_fair, "fairness assessment")))
    end
  end,
  remediation = {
    util.vendor_task("an assessment of the product's impact on individuals and groups"),
    { key = ASSESS_PEOPLE, owner = "ai-governance",
      title = "Assess the impacts of the AI system on individuals and groups: who is affected, "
        .. "the harms and benefits to them, and the mitigations" },
    { key = ASSESS_FAIRNESS, owner = "ml-engineering",
      title = "Record a fairness assessment, with harms and mitigation, for each group at risk" },
  },
}

-- ---------------------------------------------------------------------------------------------
-- A.5.5

local ASSESS_SOCIETY = "assess-societal-impacts"
local ASSESS_ENVIRONMENT = "assess-environmental-impact"

control "A.5.5" {
  title = "Effects on society and the environment are weighed",
  description = "The impact assessment states which areas of society the system may affect, "
    .. "with the harms and benefits and the mitigations of the harms, and considers the "
    .. "environment, with the energy used recorded per life-cycle activity.",
  citations = { "A.5.5", "6.1.4", "8.4" },
  applies_to = { "model_card", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MAP 1.1" } },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "IMP-01" })
    end
    local society = util.require_object(doc, ctx, "/impact_assessment/society",
      "assessment of societal impacts", ASSESS_SOCIETY)
    if society == nil then return end
    local ok = util.need_text(ctx, society, "summary", "the assessment of societal impacts "
      .. "states no conclusion (summary)", ASSESS_SOCIETY, FOUND) ~= nil
    local areas, n_areas, areas_ok = util.strings(ctx, society, "areas", "the impact assessment "
      .. "names no areas of society considered (areas)", "societal area", ASSESS_SOCIETY)
    if not areas_ok then ok = false end
    if not check_harms(ctx, society, "society", ASSESS_SOCIETY) then ok = false end

    local environment_area = false
    if areas then
      for i = 1, #areas do
        local a = areas[i]
        if type(a) == "string"
            and re.test(a, "(?i)environment|climate|energy|sustainab|emission|carbon") then
          environment_area = true
        end
      end
    end
    local env_pointer = "/considerations/environmental_considerations"
    local env = doc:get(env_pointer)
    local activities = 0
    if not present(env) then
      ctx:fail(environment_area and env_pointer or society:pointer("areas"),
        environment_area
          and "the environment is among the societal areas but the model card records no "
            .. "environmental considerations (considerations/environmental_considerations)"
          or "the societal assessment does not consider the environment: no area covers it and "
            .. "the model card records no environmental considerations", ASSESS_ENVIRONMENT)
      ok = false
    elseif util.shape(env) == "object" then
      local energy = env.energy_consumptions
      if util.shape(energy) == "array" then
        for i = 1, #energy do
          local e, at = energy[i], energy:pointer(i)
          local name = "energy consumption #" .. i
          if util.shape(e) ~= "object" then
            ctx:fail(at, name .. " must be an object, found " .. util.show(e), ASSESS_ENVIRONMENT)
            ok = false
          else
            if e.activity == nil then
              ctx:fail(e:pointer("activity"), name .. " names no life-cycle activity (activity)",
                ASSESS_ENVIRONMENT)
              ok = false
            else
              name = ("energy consumption of %s"):format(e.activity)
            end
            local cost = e.activity_energy_cost
            local value = util.shape(cost) == "object" and cost.value or nil
            if type(value) ~= "number" then
              ctx:fail(e:pointer("activity_energy_cost"), name .. " records no energy used "
                .. "(activity_energy_cost/value in kWh)", ASSESS_ENVIRONMENT)
              ok = false
            elseif value < 0 then
              ctx:fail(cost:pointer("value"), ("%s is %s kWh; energy used cannot be negative")
                :format(name, util.nums(value)), ASSESS_ENVIRONMENT)
              ok = false
            else
              activities = activities + 1
            end
          end
        end
      end
    end

    if ok then
      ctx:pass(("%s of society assessed with harms, benefits and mitigations; environment "
        .. "considered%s"):format(util.plural(n_areas, "area"), activities > 0
          and (", energy recorded for " .. util.plural(activities, "activity", "activities"))
          or ""))
    end
  end,
  remediation = {
    util.vendor_task("an assessment of the product's impact on society"),
    { key = ASSESS_SOCIETY, owner = "ai-governance",
      title = "Assess the societal impacts of the AI system: the areas affected, the harms and "
        .. "benefits, and the mitigations" },
    { key = ASSESS_ENVIRONMENT, owner = "ml-engineering",
      title = "Record the environmental impact of the AI system, with the energy used per "
        .. "life-cycle activity" },
  },
}
