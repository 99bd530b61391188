-- Clause 6: planning (6.1.1-6.1.4, 6.2, 6.3).
local util = require "util"

-- Remediation keys: which task fixes which violation.
local METHOD = "define-risk-method"
local REGISTER = "maintain-risk-register"
local REASSESS = "reassess-risks"

-- Checks the stated scale and risk criteria of the method; returns true when they are usable.
local function check_method(method, ctx, n)
  local ok = true
  local scale = method.scale
  local scale_at = method:pointer("scale")
  if scale == nil then
    ctx:fail(scale_at, "the risk assessment method states no scale for likelihood and impact",
      METHOD)
    ok = false
  elseif util.shape(scale) ~= "object" then
    ctx:fail(scale_at, "the method's scale must be an object with likelihood and impact levels, "
      .. "found " .. util.show(scale), METHOD)
    ok = false
  else
    for _, axis in ipairs({ "likelihood", "impact" }) do
      local levels = scale[axis]
      local at = scale:pointer(axis)
      if util.shape(levels) ~= "array" then
        ctx:fail(at, ("the method's scale defines no %s levels (expected a list of %d)")
          :format(axis, n), METHOD)
        ok = false
      elseif #levels ~= n then
        ctx:fail(at, ("the method's %s scale has %d levels; the register is scored on 1..%d")
          :format(axis, #levels, n), METHOD)
        ok = false
      end
    end
  end
  local criteria = method.risk_criteria
  if util.shape(criteria) ~= "object" then
    ctx:fail(method:pointer("risk_criteria"), "the method states no risk criteria to evaluate "
      .. "risks against (risk_criteria.max_acceptable_score)", METHOD)
    ok = false
  else
    local max = criteria.max_acceptable_score
    if not util.is_integer(max) or max < 1 or max > n * n then
      ctx:fail(criteria:pointer("max_acceptable_score"),
        ("risk_criteria.max_acceptable_score must be a score from 1 to %d, found %s")
          :format(n * n, util.show(max)), METHOD)
      ok = false
    end
  end
  return ok
end

-- Checks one risk of the register; returns true when it is fully scored. `inventory` (may be
-- nil) holds the AI systems a risk can concern.
local function check_risk(risk, at, i, ctx, n, seen, inventory)
  local name = util.label("risk", risk, i)
  local function fail(pointer, message)
    ctx:fail(pointer, message, REGISTER)
  end
  if util.shape(risk) ~= "object" then
    fail(at, name .. " must be an object, found " .. util.show(risk))
    return false
  end
  local ok = true
  local id = risk.id
  if type(id) ~= "string" or not present(id) then
    fail(at .. "/id", name .. " has no id to trace it by")
    ok = false
  elseif seen[id] then
    fail(at .. "/id", ("%s duplicates the id of risk #%d"):format(name, seen[id]))
    ok = false
  else
    seen[id] = i
  end
  if not present(risk.description) and not present(risk.title) then
    fail(at .. "/description", name .. " does not describe the risk (title or description)")
    ok = false
  end
  if not present(risk.owner) then
    fail(at .. "/owner", name .. " has no owner")
    ok = false
  end
  if util.shape(risk.affects) ~= "array" then
    fail(at .. "/affects", name .. " does not say whose consequences were considered "
      .. "(affects: organization, individuals, groups, society)")
    ok = false
  end
  local sys = risk.ai_system
  if inventory and sys ~= nil and not inventory[sys] then
    fail(at .. "/ai_system", ("%s concerns AI system %s, which is not in the AI system inventory")
      :format(name, util.show(sys)))
    ok = false
  end
  local factors = {}
  for _, factor in ipairs({ "likelihood", "impact" }) do
    local v = risk[factor]
    if v == nil then
      fail(at .. "/" .. factor, ("%s is not rated for %s"):format(name, factor))
      ok = false
    elseif not util.is_integer(v) or v < 1 or v > n then
      fail(at .. "/" .. factor, ("%s: %s must be an integer from 1 to %d, found %s")
        :format(name, factor, n, util.show(v)))
      ok = false
    else
      factors[factor] = math.tointeger(v)
    end
  end
  local score = risk.score
  if score == nil then
    fail(at .. "/score", name .. " has no score")
    ok = false
  elseif not util.is_integer(score) then
    fail(at .. "/score", ("%s: score must be an integer, found %s"):format(name, util.show(score)))
    ok = false
  elseif factors.likelihood and factors.impact then
    local expected = factors.likelihood * factors.impact
    if score ~= expected then
      fail(at .. "/score", ("%s: score %s is not likelihood %d x impact %d = %d")
        :format(name, util.show(score), factors.likelihood, factors.impact, expected))
      ok = false
    end
  end
  return ok
end

control "6.1.2" {
  title = "AI risk assessment",
  description = "The organisation assesses its AI risks with a documented method that states its "
    .. "likelihood and impact scale and the criteria risks are evaluated against; every risk in "
    .. "the register has an id, an owner, the parties whose consequences were considered and a "
    .. "consistent likelihood x impact score, and the assessment is recent.",
  citations = { "6.1.2", "8.2", "6.1.1" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 5.1" }, eu_ai_act = { "Art. 9" } },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "RSK-01" })
    end
    local n = ctx.params.risk_scale_max
    local max_age = ctx.params.risk_assessment_max_age_days
    local rm = util.require_object(doc, ctx, "/risk_management", "risk management record",
      { METHOD, REGISTER, REASSESS })
    if rm == nil then return end

    local method_ok = false
    local method = util.require_object(doc, ctx, "/risk_management/method",
      "risk assessment method", METHOD)
    if method then method_ok = check_method(method, ctx, n) end

    local register = util.require_list(doc, ctx, "/risk_management/risk_register",
      "risk register", REGISTER)
    local scored = 0
    if register then
      local seen, inventory = {}, util.inventory(doc)
      for i = 1, #register do
        if check_risk(register[i], register:pointer(i), i, ctx, n, seen, inventory) then
          scored = scored + 1
        end
      end
    end

    local last = rm.last_assessment
    local last_at = rm:pointer("last_assessment")
    local age
    if last == nil then
      ctx:insufficient(last_at, "the AI risk assessment is not dated (last_assessment)", REASSESS)
    else
      age = util.age_in_days(ctx, last, last_at, "last_assessment", REASSESS)
      if age and age > max_age then
        ctx:fail(last_at, ("the last AI risk assessment (%s) is %d days old; at most %d days are "
          .. "allowed"):format(last, age, max_age), REASSESS)
      end
    end

    if register and method_ok and age and age <= max_age and scored == #register then
      ctx:pass(("%s scored on a %dx%d scale; last assessed %s, %d days before %s")
        :format(util.plural(scored, "risk"), n, n, last, age, ctx.as_of))
    end
  end,
  remediation = {
    util.vendor_task("AI risk assessment with a documented method"),
    { key = METHOD, owner = "risk-management",
      title = "Document the AI risk assessment method: its likelihood and impact scale and the "
        .. "criteria for accepting a risk" },
    { key = REGISTER, owner = "risk-management",
      title = "Keep a risk register in which every AI risk has an id, a description, an owner, "
        .. "whose consequences were considered, likelihood and impact ratings, and score = "
        .. "likelihood x impact" },
    { key = REASSESS, owner = "risk-management",
      title = "Repeat the AI risk assessment and record its date" },
  },
}

---------------------------------------------------------------------------------------------------
-- Shared by 6.1.1 and 6.1.3.

-- The risk criteria and appetite: { max_acceptable, escalation, appetite, authority } with the
-- values that are usable (integers on the scale, a named authority), or nil ones.
local function risk_limits(rm, n)
  local out = {}
  local criteria = rm:get("/method/risk_criteria")
  if util.is_object(criteria) then
    local v = criteria.max_acceptable_score
    if util.is_integer(v) and v >= 1 and v <= n * n then out.max_acceptable = math.tointeger(v) end
    v = criteria.board_escalation_score
    if util.is_integer(v) and v >= 1 and v <= n * n then out.escalation = math.tointeger(v) end
    if util.is_text(criteria.acceptance_authority) then
      out.authority = criteria.acceptance_authority
    end
  end
  local appetite = rm.risk_appetite
  if util.is_object(appetite) then
    local v = appetite.max_residual_score
    if util.is_integer(v) and v >= 1 and v <= n * n then out.appetite = math.tointeger(v) end
  end
  return out
end

---------------------------------------------------------------------------------------------------
-- 6.1.1

local CRITERIA = "set-risk-criteria"
local APPETITE = "set-risk-appetite"
local OPPORTUNITIES = "plan-opportunities"

-- What every item must state, and how a message says it is missing.
local OPPORTUNITY_FIELDS = {
  { "description", "is not described" },
  { "action", "has no planned action" },
  { "owner", "has no owner" },
}

control "6.1.1" {
  title = "Risk criteria, risk appetite and opportunities",
  description = "Before assessing AI risks the organisation has set criteria for acceptable and "
    .. "escalated risk and who may accept more, a risk appetite approved by top management, and "
    .. "actions on the opportunities it has found, each with an owner and kept on time.",
  citations = { "6.1.1", "6.1.2", "6.1.3" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.5" }, eu_ai_act = { "Art. 9" } },
  check = function(doc, ctx)
    local n = ctx.params.risk_scale_max
    local max = n * n
    local rm = util.require_object(doc, ctx, "/risk_management", "risk management record",
      { CRITERIA, APPETITE, OPPORTUNITIES })
    if rm == nil then return end
    local ok = true
    local function bad() ok = false end
    local limits = risk_limits(rm, n)

    -- Risk criteria.
    local criteria = rm:get("/method/risk_criteria")
    if not util.is_object(criteria) then
      ctx:fail("/risk_management/method/risk_criteria", "no criteria are set to evaluate AI "
        .. "risks against (method/risk_criteria)", CRITERIA)
      bad()
    else
      local v = criteria.max_acceptable_score
      if limits.max_acceptable == nil then
        ctx:fail(criteria:pointer("max_acceptable_score"), ("max_acceptable_score must be a "
          .. "score from 1 to %d, found %s"):format(max, util.show(v)), CRITERIA)
        bad()
      end
      v = criteria.board_escalation_score
      if v ~= nil then
        if limits.escalation == nil then
          ctx:fail(criteria:pointer("board_escalation_score"), ("board_escalation_score must be "
            .. "a score from 1 to %d, found %s"):format(max, util.show(v)), CRITERIA)
          bad()
        elseif limits.max_acceptable and limits.escalation <= limits.max_acceptable then
          ctx:fail(criteria:pointer("board_escalation_score"), ("risks are escalated to the "
            .. "governing body from score %d, which is not above the acceptable score %d")
            :format(limits.escalation, limits.max_acceptable), CRITERIA)
          bad()
        end
      end
      if limits.authority == nil then
        ctx:fail(criteria:pointer("acceptance_authority"), "the criteria do not say who may "
          .. "accept a risk above the acceptable score (acceptance_authority)", CRITERIA)
        bad()
      end
    end

    -- Risk appetite, approved by top management.
    local appetite = rm.risk_appetite
    if not util.is_object(appetite) then
      ctx:fail(rm:pointer("risk_appetite"), "the organisation has not stated its appetite for AI "
        .. "risk (risk_appetite)", APPETITE)
      bad()
    else
      if not util.need_text(ctx, appetite, "statement", "the risk appetite is not stated in words "
          .. "(statement)", APPETITE) then bad() end
      local v = appetite.max_residual_score
      if limits.appetite == nil then
        ctx:fail(appetite:pointer("max_residual_score"), ("the risk appetite must set the "
          .. "highest accepted residual score, from 1 to %d; found %s"):format(max, util.show(v)),
          APPETITE)
        bad()
      elseif limits.escalation and limits.appetite >= limits.escalation then
        ctx:fail(appetite:pointer("max_residual_score"), ("the risk appetite accepts residual "
          .. "scores up to %d, at or above the score %d that must be escalated to the governing "
          .. "body"):format(limits.appetite, limits.escalation), APPETITE)
        bad()
      end
      if util.need_text(ctx, appetite, "approved_by", "nobody is recorded as approving the risk "
          .. "appetite (approved_by)", APPETITE) then
        local top = util.top_authorities(doc)
        if top and not top[util.compact_name(appetite.approved_by)] then
          ctx:fail(appetite:pointer("approved_by"), ("the risk appetite was approved by %s, who "
            .. "is not top management or the governing body"):format(
            util.quote(appetite.approved_by)), APPETITE)
          bad()
        end
      else
        bad()
      end
      if util.need_date(ctx, appetite, "approved", "the risk appetite", APPETITE) == nil then
        bad()
      end
    end

    -- Opportunities and the actions planned on them.
    local opps = rm.opportunities
    local open = 0
    if not util.is_list(opps) then
      ctx:fail(rm:pointer("opportunities"), "no opportunities are recorded with actions to take "
        .. "them (opportunities)", OPPORTUNITIES)
      bad()
    else
      local today = util.today(ctx)
      for i = 1, #opps do
        local o, at = opps[i], opps:pointer(i)
        local name = util.label("opportunity", o, i)
        if not util.is_object(o) then
          ctx:fail(at, name .. " must be an object, found " .. util.show(o), OPPORTUNITIES)
          bad()
        else
          for _, f in ipairs(OPPORTUNITY_FIELDS) do
            if not util.need_field(ctx, o, f[1], name, f[2], OPPORTUNITIES) then bad() end
          end
          if o.status == "planned" or o.status == "in_progress" then
            open = open + 1
            local due = util.day(o.due)
            if o.due == nil then
              ctx:fail(at .. "/due", name .. " is " .. o.status .. " but has no due date",
                OPPORTUNITIES)
              bad()
            elseif not due then
              ctx:fail(at .. "/due", name .. ": due " .. util.show(o.due) .. " is not a date",
                OPPORTUNITIES)
              bad()
            elseif due < today then
              ctx:fail(at .. "/due", ("%s was due %s and is still %s, %d days later")
                :format(name, o.due, o.status, today - due), OPPORTUNITIES)
              bad()
            end
          elseif o.status == nil then
            ctx:fail(at .. "/status", name .. " does not say how far its action is (status)",
              OPPORTUNITIES)
            bad()
          end
        end
      end
    end

    if ok then
      ctx:pass(("acceptable score %d, escalation from %s, appetite %d approved by %s; %s (%d "
        .. "open, none overdue)"):format(limits.max_acceptable, limits.escalation and
        tostring(limits.escalation) or "-", limits.appetite, util.quote(appetite.approved_by),
        util.plural(#opps, "opportunity", "opportunities"), open))
    end
  end,
  remediation = {
    { key = CRITERIA, owner = "risk-management",
      title = "Set the risk criteria: the highest acceptable score, the score escalated to the "
        .. "governing body, and who may accept risks above the acceptable score" },
    { key = APPETITE, owner = "top-management",
      title = "State the AI risk appetite with the highest accepted residual score, approved by "
        .. "top management or the governing body" },
    { key = OPPORTUNITIES, owner = "ai-governance",
      title = "Record the opportunities the AIMS should act on, each with an action, an owner "
        .. "and a due date, and keep the actions on time" },
  },
}

---------------------------------------------------------------------------------------------------
-- 6.1.3

local TREAT = "treat-risks"
local CONTROLS = "reference-annex-a-controls"
local RESIDUAL = "accept-residual-risk"
local PLAN = "approve-treatment-plan"
local SOA = "complete-soa"
local SOA_APPROVAL = "approve-soa"

-- Checks the Annex A controls that treat a risk: valid identifiers, included in the SoA.
local function check_treatment_controls(ctx, controls, name, soa)
  local ok = true
  for j = 1, #controls do
    local id, at = controls[j], controls:pointer(j)
    if not util.is_annex_a(id) then
      ctx:fail(at, ("%s is treated with %s, which is not an Annex A control of ISO/IEC 42001")
        :format(name, util.show(id)), CONTROLS)
      ok = false
    elseif soa then
      local entry = soa[id]
      if entry == nil then
        ctx:fail(at, ("%s is treated with %s, which the Statement of Applicability does not list")
          :format(name, id), CONTROLS)
        ok = false
      elseif entry.status ~= "included" then
        ctx:fail(at, ("%s is treated with %s, which the Statement of Applicability marks %s")
          :format(name, id, util.show(entry.status)), CONTROLS)
        ok = false
      end
    end
  end
  return ok
end

local PARTICIPLE = { reduce = "reduced", avoid = "avoided", share = "shared" }

-- Checks the treatment and residual risk of one risk of the register. Returns true when fine.
local function check_treated_risk(ctx, risk, at, i, n, limits, soa)
  local name = util.label("risk", risk, i)
  local ok = true
  local score = risk.score
  if not util.is_integer(score) and util.is_integer(risk.likelihood)
      and util.is_integer(risk.impact) then
    score = risk.likelihood * risk.impact
  end
  score = util.is_integer(score) and math.tointeger(score) or nil
  local needs = score and limits.max_acceptable and score > limits.max_acceptable

  local t = risk.treatment
  if not util.is_object(t) then
    if needs then
      ctx:fail(at .. "/treatment", ("%s scores %d, above the acceptable %d, but has no "
        .. "treatment"):format(name, score, limits.max_acceptable), TREAT)
      ok = false
    end
  else
    if t.option == nil then
      ctx:fail(at .. "/treatment/option", name .. ": the treatment option (avoid, reduce, share, "
        .. "accept) is not chosen", TREAT)
      ok = false
    end
    if not util.is_text(t.owner) then
      ctx:fail(at .. "/treatment/owner", name .. ": nobody owns the treatment", TREAT)
      ok = false
    end
    local controls = t.controls
    local has_controls = util.is_list(controls)
    if has_controls and not check_treatment_controls(ctx, controls, name, soa) then ok = false end
    if needs and t.option ~= nil and t.option ~= "accept" then
      if not has_controls and not util.is_list(t.other_controls) then
        ctx:fail(at .. "/treatment/controls", ("%s scores %d and is to be %s, but no control is "
          .. "chosen to treat it (controls or other_controls)"):format(name, score,
          PARTICIPLE[t.option] or util.show(t.option)), TREAT)
        ok = false
      end
      if not util.is_text(t.plan) then
        ctx:fail(at .. "/treatment/plan", name .. ": the treatment has no plan", TREAT)
        ok = false
      end
    end
  end

  local r = risk.residual
  if not util.is_object(r) then
    if needs then
      ctx:fail(at .. "/residual", ("%s scores %d, above the acceptable %d, but its residual risk "
        .. "is not recorded or accepted"):format(name, score, limits.max_acceptable), RESIDUAL)
      ok = false
    end
    return ok
  end
  local rscore = r.score
  if not util.is_integer(rscore) then
    ctx:fail(at .. "/residual/score", name .. ": the residual risk has no score (found "
      .. util.show(rscore) .. ")", RESIDUAL)
    return false
  end
  rscore = math.tointeger(rscore)
  if util.is_integer(r.likelihood) and util.is_integer(r.impact)
      and r.likelihood * r.impact ~= rscore then
    ctx:fail(at .. "/residual/score", ("%s: residual score %d is not likelihood %d x impact %d "
      .. "= %d"):format(name, rscore, r.likelihood, r.impact, r.likelihood * r.impact), RESIDUAL)
    ok = false
  end
  if score and rscore > score then
    ctx:fail(at .. "/residual/score", ("%s: residual score %d is above the score %d before "
      .. "treatment"):format(name, rscore, score), RESIDUAL)
    ok = false
  end
  if not util.is_text(r.accepted_by) then
    ctx:fail(at .. "/residual/accepted_by", name .. ": nobody has accepted the residual risk "
      .. "(accepted_by)", RESIDUAL)
    ok = false
  end
  if r.accepted == nil then
    ctx:fail(at .. "/residual/accepted", name .. ": the acceptance of the residual risk is not "
      .. "dated (accepted)", RESIDUAL)
    ok = false
  elseif util.age_in_days(ctx, r.accepted, at .. "/residual/accepted",
      name .. ": residual risk accepted", RESIDUAL) == nil then
    ok = false
  elseif util.day(risk.identified)
      and dates.day(r.accepted) < dates.day(risk.identified) then
    ctx:fail(at .. "/residual/accepted", ("%s: the residual risk was accepted %s, before the "
      .. "risk was identified %s"):format(name, r.accepted, risk.identified), RESIDUAL)
    ok = false
  end
  local appetite = limits.appetite or limits.max_acceptable
  if appetite and rscore > appetite then
    local authority = limits.authority
    if authority == nil then
      ctx:fail(at .. "/residual/accepted_by", ("%s: residual score %d is above the appetite %d, "
        .. "and no acceptance authority is set in the risk criteria"):format(name, rscore,
        appetite), RESIDUAL)
      ok = false
    elseif util.is_text(r.accepted_by) and not util.same_compact(r.accepted_by, authority) then
      ctx:fail(at .. "/residual/accepted_by", ("%s: residual score %d is above the appetite %d "
        .. "but was accepted by %s, not by the acceptance authority %s"):format(name, rscore,
        appetite, util.quote(r.accepted_by), util.quote(authority)), RESIDUAL)
      ok = false
    end
    if not util.is_text(r.justification) then
      ctx:fail(at .. "/residual/justification", ("%s: residual score %d is above the appetite "
        .. "%d without a justification"):format(name, rscore, appetite), RESIDUAL)
      ok = false
    end
  end
  return ok
end

-- Checks the Statement of Applicability; returns the number of included controls, or nil.
local function check_soa(ctx, doc, register)
  local soa = util.require_object(doc, ctx, "/statement_of_applicability",
    "Statement of Applicability", { SOA, SOA_APPROVAL })
  if soa == nil then return nil end
  local ok = true
  local controls = util.require_list(doc, ctx, "/statement_of_applicability/controls",
    "Statement of Applicability controls", SOA)
  local included = 0
  if controls == nil then
    ok = false
  else
    local seen = {}
    for i = 1, #controls do
      local c = controls[i]
      if not util.is_object(c) then
        ctx:fail(controls:pointer(i), ("SoA entry #%d must be an object, found %s")
          :format(i, util.show(c)), SOA)
        ok = false
      else
        local id = c.control
        local name = type(id) == "string" and id or ("SoA entry #" .. i)
        if not util.is_annex_a(id) then
          ctx:fail(c:pointer("control"), ("SoA entry #%d names %s, which is not one of the %d "
            .. "Annex A controls"):format(i, util.show(id), util.ANNEX_A_COUNT), SOA)
          ok = false
        elseif seen[id] then
          ctx:fail(c:pointer("control"), ("%s is listed twice in the SoA (entries #%d and #%d)")
            :format(id, seen[id], i), SOA)
          ok = false
        else
          seen[id] = i
        end
        local status = c.status
        if status == "included" then
          included = included + 1
          if not util.is_text(c.justification) then
            ctx:fail(c:pointer("justification"), name .. " is included in the SoA without a "
              .. "justification", SOA)
            ok = false
          end
        elseif status == "excluded" then
          if not util.is_text(c.justification) then
            ctx:fail(c:pointer("justification"), name .. " is excluded from the SoA without a "
              .. "justification", SOA)
            ok = false
          end
        else
          ctx:fail(c:pointer("status"), ("%s must be included or excluded in the SoA, found %s")
            :format(name, util.show(status)), SOA)
          ok = false
        end
      end
    end
    local missing = {}
    for _, id in ipairs(registry.annex_a) do
      if not seen[id] then missing[#missing + 1] = id end
    end
    if #missing > 0 then
      ctx:fail("/statement_of_applicability/controls", ("the SoA does not list %s of the %d "
        .. "Annex A controls as included or excluded: %s"):format(#missing, util.ANNEX_A_COUNT,
        table.concat(missing, ", ")), SOA)
      ok = false
    end
  end
  if not util.check_document_ref(ctx, soa, "document", register, "the Statement of Applicability",
      true, SOA_APPROVAL) then ok = false end
  if not util.need_text(ctx, soa, "approved_by", "nobody is recorded as approving the Statement "
      .. "of Applicability (approved_by)", SOA_APPROVAL) then ok = false end
  if soa.approved == nil then
    ctx:fail(soa:pointer("approved"), "the approval of the Statement of Applicability is not "
      .. "dated (approved)", SOA_APPROVAL)
    ok = false
  end
  if not util.check_review(ctx, soa, "the Statement of Applicability",
      { cycle = ctx.params.soa_review_months, tasks = SOA_APPROVAL }) then ok = false end
  return ok and included or nil
end

control "6.1.3" {
  title = "AI risk treatment and the Statement of Applicability",
  description = "Every AI risk above the acceptable score has an owned treatment with a plan and "
    .. "Annex A controls cited by valid identifiers that the SoA includes, and a residual risk "
    .. "accepted in line with the appetite; the treatment plan is approved after the latest "
    .. "assessment; the SoA lists all " .. util.ANNEX_A_COUNT .. " Annex A controls once, each "
    .. "included or excluded with a justification, and is approved and current.",
  citations = { "6.1.3", "8.3", "6.1.1" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "critical",
  crosswalk = { eu_ai_act = { "Art. 9" } },
  params = {
    -- The Statement of Applicability is reviewed at least this often, in months.
    soa_review_months = 12,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "RSK-02" })
    end
    local n = ctx.params.risk_scale_max
    local register = util.document_register(doc)
    local included = check_soa(ctx, doc, register)

    local rm = util.require_object(doc, ctx, "/risk_management", "risk management record",
      { TREAT, RESIDUAL, PLAN })
    if rm == nil then return end
    local limits = risk_limits(rm, n)
    if limits.max_acceptable == nil then
      ctx:insufficient("/risk_management/method/risk_criteria/max_acceptable_score", "the risk "
        .. "criteria set no acceptable score, so it cannot be told which risks need treatment",
        TREAT)
    end
    local risks = util.require_list(doc, ctx, "/risk_management/risk_register", "risk register",
      { TREAT, RESIDUAL })
    local treated, needing = 0, 0
    local ok = included ~= nil and limits.max_acceptable ~= nil
    if risks then
      local soa = util.soa(doc)
      for i = 1, #risks do
        local risk, at = risks[i], risks:pointer(i)
        if util.is_object(risk) then
          if check_treated_risk(ctx, risk, at, i, n, limits, soa) then
            treated = treated + 1
          else
            ok = false
          end
          local s = risk.score
          if util.is_integer(s) and limits.max_acceptable and s > limits.max_acceptable then
            needing = needing + 1
          end
        end
      end
    else
      ok = false
    end

    -- The treatment plan, approved once the latest assessment is known.
    local plan = rm.treatment_plan
    if not util.is_object(plan) then
      ctx:fail(rm:pointer("treatment_plan"), "there is no approved AI risk treatment plan "
        .. "(treatment_plan)", PLAN)
      ok = false
    else
      if not util.check_document_ref(ctx, plan, "document", register, "the risk treatment plan",
          true, PLAN) then ok = false end
      if not util.need_text(ctx, plan, "approved_by", "nobody is recorded as approving the risk "
          .. "treatment plan (approved_by)", PLAN) then ok = false end
      local _, age = util.need_date(ctx, plan, "approved", "the risk treatment plan", PLAN)
      if age == nil then
        ok = false
      else
        local last = rm.last_assessment
        if util.day(last)
            and dates.day(plan.approved) < dates.day(last) then
          ctx:fail(plan:pointer("approved"), ("the risk treatment plan was approved %s, before "
            .. "the latest AI risk assessment %s; update it and have it approved again")
            :format(plan.approved, last), PLAN)
          ok = false
        end
      end
    end

    if ok then
      ctx:pass(("%d of %s above the acceptable score %d treated with SoA-included controls and "
        .. "accepted residual risk; SoA lists all %d Annex A controls (%d included); plan "
        .. "approved %s"):format(needing, util.plural(#risks, "risk"), limits.max_acceptable,
        util.ANNEX_A_COUNT, included, plan.approved))
    end
  end,
  remediation = {
    util.vendor_task("AI risk treatment with residual risk accepted by an owner"),
    { key = TREAT, owner = "risk-management",
      title = "Give every risk above the acceptable score a treatment option, an owner, a plan "
        .. "and the controls that treat it" },
    { key = CONTROLS, owner = "risk-management",
      title = "Cite treating controls by valid Annex A identifiers that the Statement of "
        .. "Applicability includes" },
    { key = RESIDUAL, owner = "risk-management",
      title = "Record and score the residual risk of every treated risk and have it accepted, by "
        .. "the acceptance authority with a justification when it exceeds the risk appetite" },
    { key = PLAN, owner = "risk-management",
      title = "Have the risk treatment plan approved after each AI risk assessment" },
    { key = SOA, owner = "ai-governance",
      title = "List every one of the " .. util.ANNEX_A_COUNT .. " Annex A controls once in the "
        .. "Statement of Applicability, included or excluded, each with a justification" },
    { key = SOA_APPROVAL, owner = "ai-governance",
      title = "Keep the Statement of Applicability in a controlled document, approved and "
        .. "reviewed at least yearly" },
  },
}

---------------------------------------------------------------------------------------------------
-- 6.1.4

local IA_PROCESS = "define-ia-process"
local IA_REGISTER = "keep-ia-register"
local IA_COVERAGE = "assess-every-system"
local IA_RECORD = "complete-impact-assessment"
local IA_BEFORE = "assess-before-deployment"

-- Checks that the newest assessment `a` (at `at`) of AI system `sys` is still current.
local function check_latest_assessment(ctx, a, at, sys, cycle, today)
  local ok = true
  local next_due = a.next_review_due
  local nd = util.day(next_due)
  if next_due ~= nil and not nd then
    ctx:fail(at .. "/next_review_due", ("impact assessment %s: next_review_due %s is not a date")
      :format(util.show(a.id), util.show(next_due)), IA_COVERAGE)
    ok = false
  elseif nd and nd < today then
    ctx:fail(at .. "/next_review_due", ("the latest impact assessment of %s, %s, was due for "
      .. "review %s, %d days before %s"):format(util.quote(sys), util.show(a.id), next_due,
      today - nd, ctx.as_of), IA_COVERAGE)
    ok = false
  end
  if cycle then
    local by = util.add_months(a.date, cycle)
    if dates.day(by) < today then
      ctx:fail(at .. "/date", ("the latest impact assessment of %s, %s of %s, is older than the "
        .. "%d-month reassessment cycle (due by %s)"):format(util.quote(sys), util.show(a.id),
        a.date, cycle, by), IA_COVERAGE)
      ok = false
    end
  end
  return ok
end

-- The organisation: the process and the register of assessments made with it.
local function impact_process(doc, ctx)
  local p = ctx.params
  local process = util.require_object(doc, ctx, "/impact_assessment_process",
    "AI system impact assessment process", { IA_PROCESS, IA_REGISTER })
  if process == nil then return end
  local ok = true
  local function bad() ok = false end

  if not util.check_document_ref(ctx, process, "document", util.document_register(doc),
      "the impact assessment process", true, IA_PROCESS) then bad() end
  if not util.need_text(ctx, process, "owner", "the impact assessment process has no owner",
      IA_PROCESS) then bad() end
  local assesses = process.assesses
  local whom = {}
  if util.is_list(assesses) then
    for i = 1, #assesses do
      if type(assesses[i]) == "string" then whom[assesses[i]] = true end
    end
  end
  if not (whom.individuals or whom.groups) then
    ctx:fail(process:pointer("assesses"), "the process does not assess the consequences for "
      .. "individuals or groups of individuals (assesses)", IA_PROCESS)
    bad()
  end
  if not whom.society then
    ctx:fail(process:pointer("assesses"), "the process does not assess the consequences for "
      .. "society (assesses)", IA_PROCESS)
    bad()
  end
  if process.feeds_risk_assessment ~= true then
    ctx:fail(process:pointer("feeds_risk_assessment"), "the results of impact assessments are "
      .. "not taken into the AI risk assessment (feeds_risk_assessment is "
      .. util.show(process.feeds_risk_assessment) .. ")", IA_PROCESS)
    bad()
  end
  if not util.is_list(process.reviewers) then
    ctx:fail(process:pointer("reviewers"), "the process names nobody who reviews assessments "
      .. "(reviewers)", IA_PROCESS)
    bad()
  end
  local cycle, problem, months = util.cycle_months(process.reassessment_cycle_months,
    p.max_reassessment_cycle_months)
  if problem == "implausible" then
    ctx:fail(process:pointer("reassessment_cycle_months"), "the process's reassessment interval: "
      .. util.implausible_months("a reassessment cycle", months), IA_PROCESS)
    bad()
  elseif problem == "too_long" then
    ctx:fail(process:pointer("reassessment_cycle_months"), ("AI systems are reassessed every %d "
      .. "months; at most %d are allowed"):format(months, p.max_reassessment_cycle_months),
      IA_PROCESS)
    bad()
  elseif problem then
    ctx:fail(process:pointer("reassessment_cycle_months"), "the process states no interval for "
      .. "reassessing an AI system (reassessment_cycle_months, found "
      .. util.show(process.reassessment_cycle_months) .. ")", IA_PROCESS)
    bad()
  end

  -- The register: each assessment complete; the latest per system current.
  local list = util.require_list(doc, ctx, "/impact_assessment_process/assessments",
    "register of impact assessments", IA_REGISTER)
  if list == nil then return end
  local inventory = util.inventory(doc)
  local today = util.today(ctx)
  local latest = {}   -- ai_system -> index of its newest assessment
  local ids = {}      -- assessment id -> ai_system
  for i = 1, #list do
    local a, at = list[i], list:pointer(i)
    local name = util.label("impact assessment", a, i)
    if not util.is_object(a) then
      ctx:fail(at, name .. " must be an object, found " .. util.show(a), IA_REGISTER)
      bad()
    else
      if type(a.id) ~= "string" or not present(a.id) then
        ctx:fail(at .. "/id", name .. " has no id", IA_REGISTER)
        bad()
      elseif ids[a.id] ~= nil then
        ctx:fail(at .. "/id", name .. " is registered twice", IA_REGISTER)
        bad()
      else
        ids[a.id] = a.ai_system or false
      end
      local sys = a.ai_system
      if not util.is_text(sys) then
        ctx:fail(at .. "/ai_system", name .. " does not say which AI system it assessed",
          IA_REGISTER)
        bad()
        sys = nil
      elseif inventory and not inventory[sys] then
        ctx:fail(at .. "/ai_system", ("%s assessed AI system %s, which is not in the AI system "
          .. "inventory"):format(name, util.quote(sys)), IA_REGISTER)
        bad()
      end
      if a.result == nil then
        ctx:fail(at .. "/result", name .. " records no impact rating (result)", IA_REGISTER)
        bad()
      end
      if not util.is_text(a.document) then
        ctx:fail(at .. "/document", name .. " has no assessment record (document)", IA_REGISTER)
        bad()
      end
      local _, age = util.need_date(ctx, a, "date", name, IA_REGISTER)
      if age == nil then
        bad()
      elseif sys then
        local prev = latest[sys]
        if prev == nil or dates.day(a.date) >= dates.day(list[prev].date) then latest[sys] = i end
      end
    end
  end
  -- Only the newest assessment of each system must be current (in document order, so that
  -- reports are reproducible).
  for i = 1, #list do
    local a = list[i]
    local sys = util.is_object(a) and a.ai_system
    if sys and latest[sys] == i
        and not check_latest_assessment(ctx, a, list:pointer(i), sys, cycle, today) then
      bad()
    end
  end

  -- Every AI system in scope has been assessed; the inventory's references hold.
  local inv = doc.ai_system_inventory
  local covered = 0
  if util.is_list(inv) then
    for i = 1, #inv do
      local s = inv[i]
      if util.is_object(s) and s.in_scope ~= false and util.is_text(s.id) then
        local name = util.label("AI system", s, i)
        if latest[s.id] == nil then
          ctx:fail(inv:pointer(i), name .. " is in scope but has no impact assessment in the "
            .. "register", IA_COVERAGE)
          bad()
        else
          covered = covered + 1
        end
        local ref = s:get("/impact_assessment/id")
        if ref ~= nil and ids[ref] == nil then
          ctx:fail(inv:pointer(i) .. "/impact_assessment/id", ("%s refers to impact assessment "
            .. "%s, which is not in the register"):format(name, util.show(ref)), IA_REGISTER)
          bad()
        elseif ref ~= nil and ids[ref] ~= s.id then
          ctx:fail(inv:pointer(i) .. "/impact_assessment/id", ("%s refers to impact assessment "
            .. "%s, which the register records for %s"):format(name, util.show(ref),
            util.show(ids[ref] or nil)), IA_REGISTER)
          bad()
        end
      end
    end
  end

  if ok then
    ctx:pass(("process owned by %s covers individuals, groups and society and feeds the risk "
      .. "assessment; %s, every in-scope system (%d) assessed within %d months")
      :format(util.quote(process.owner), util.plural(#list, "assessment"), covered, cycle))
  end
end

-- A model card: its own impact assessment, complete and done before deployment.
local function card_assessment(doc, ctx)
  local ia = util.require_object(doc, ctx, "/impact_assessment", "impact assessment",
    { IA_RECORD, IA_BEFORE })
  if ia == nil then return end
  local ok = true
  local function bad() ok = false end
  local name = util.is_text(ia.id) and ("impact assessment " .. util.quote(ia.id))
    or "the impact assessment"

  if not util.need_text(ctx, ia, "id", "the impact assessment has no id to find it in the "
      .. "organisation's register", IA_RECORD) then bad() end
  local _, date_age = util.need_date(ctx, ia, "date", name, IA_RECORD)
  if date_age == nil then bad() end
  if not util.need_text(ctx, ia, "performed_by", name .. " does not say who performed it",
      IA_RECORD) then bad() end
  if not util.is_list(ia.reviewers) then
    ctx:fail(ia:pointer("reviewers"), name .. " names no reviewers", IA_RECORD)
    bad()
  end
  if util.need_text(ctx, ia, "approved_by", name .. " is not approved (approved_by)",
      IA_RECORD) then
    if util.is_text(ia.performed_by) and util.same_compact(ia.approved_by, ia.performed_by) then
      ctx:fail(ia:pointer("approved_by"), ("%s was approved by %s, who also performed it; "
        .. "approval must come from someone else"):format(name, util.quote(ia.approved_by)),
        IA_RECORD)
      bad()
    end
  else
    bad()
  end
  local _, approved_age = util.need_date(ctx, ia, "approved", name, IA_RECORD)
  if approved_age == nil then
    bad()
  elseif date_age and approved_age > date_age then
    ctx:fail(ia:pointer("approved"), ("%s was approved %s, before it was completed %s")
      :format(name, ia.approved, ia.date), IA_RECORD)
    bad()
  end
  if ia.result == nil then
    ctx:fail(ia:pointer("result"), name .. " records no impact rating (result)", IA_RECORD)
    bad()
  end
  local nd = util.day(ia.next_review_due)
  if ia.next_review_due == nil then
    ctx:fail(ia:pointer("next_review_due"), name .. " sets no date for its next review "
      .. "(next_review_due)", IA_RECORD)
    bad()
  elseif not nd then
    ctx:fail(ia:pointer("next_review_due"), name .. ": next_review_due "
      .. util.show(ia.next_review_due) .. " is not a date", IA_RECORD)
    bad()
  elseif nd < util.today(ctx) then
    ctx:fail(ia:pointer("next_review_due"), ("%s was due for review %s, before %s")
      :format(name, ia.next_review_due, ctx.as_of), IA_RECORD)
    bad()
  end
  for _, part in ipairs({ { "individuals_and_groups", "individuals and groups of individuals" },
                          { "society", "society" } }) do
    local section = ia[part[1]]
    if not util.is_object(section) then
      ctx:fail(ia:pointer(part[1]), ("%s does not assess the consequences for %s (%s)")
        :format(name, part[2], part[1]), IA_RECORD)
      bad()
    elseif not util.is_text(section.summary) then
      ctx:fail(section:pointer("summary"), ("%s records no finding on the consequences for %s")
        :format(name, part[2]), IA_RECORD)
      bad()
    end
  end

  -- Done and approved before the system went into operation.
  local deployed = doc:get("/deployment/deployed")
  local dd = util.day(deployed)
  if dd then
    for _, key in ipairs({ "date", "approved" }) do
      local v = ia[key]
      local d = util.day(v)
      if d and d > dd then
        ctx:fail(ia:pointer(key), ("%s was %s %s, after the deployment of %s it should precede")
          :format(name, key == "date" and "completed" or "approved", v, deployed), IA_BEFORE)
        bad()
      end
    end
  end

  if ok then
    ctx:pass(("%s of %s covers individuals, groups and society; approved by %s %s%s; next "
      .. "review due %s"):format(name, ia.date, util.quote(ia.approved_by), ia.approved,
      dd and (", before deployment " .. deployed) or "", ia.next_review_due))
  end
end

control "6.1.4" {
  title = "Assessing the impacts of AI systems on people and society",
  description = "The organisation runs a documented, owned process that assesses the "
    .. "consequences of its AI systems for individuals, groups and society and feeds the risk "
    .. "assessment; every system in scope has a current assessment in the register. A system's "
    .. "own assessment is complete, reviewed, approved by someone other than its author and "
    .. "done before the system was deployed.",
  citations = { "6.1.4", "8.4", "6.1.2" },
  applies_to = { "organization", "model_card" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.1" } },
  params = {
    -- The longest interval accepted between two assessments of one AI system, in months.
    max_reassessment_cycle_months = 24,
  },
  check = function(doc, ctx)
    if doc.kind == "model_card" then
      card_assessment(doc, ctx)
    else
      impact_process(doc, ctx)
    end
  end,
  remediation = {
    { key = IA_PROCESS, owner = "ai-governance",
      title = "Document an owned impact assessment process that covers individuals, groups and "
        .. "society, names its reviewers, sets a reassessment interval and feeds the AI risk "
        .. "assessment" },
    { key = IA_REGISTER, owner = "ai-governance",
      title = "Keep a register of impact assessments, each with an id, the AI system, a date, "
        .. "a rating and its record" },
    { key = IA_COVERAGE, owner = "ai-governance",
      title = "Assess every AI system in scope and reassess each before its review date" },
    { key = IA_RECORD, owner = "ai-governance",
      title = "Complete the system's impact assessment for individuals, groups and society, "
        .. "have it reviewed and approved by someone other than its author, and set its next "
        .. "review date" },
    { key = IA_BEFORE, owner = "ml-engineering",
      title = "Complete and approve the impact assessment before the system is deployed" },
  },
}

---------------------------------------------------------------------------------------------------
-- 6.2

local MEASURABLE = "make-objectives-measurable"
local PLAN_OBJECTIVES = "plan-objectives"
local TRACK = "track-objectives"

-- What every item must state, and how a message says it is missing.
local OBJECTIVE_FIELDS = {
  { "plan", "has no plan for achieving it" },
  { "resources", "does not say what resources it needs" },
  { "owner", "has no owner" },
  { "evaluation", "does not say how results will be evaluated" },
}

-- Checks one objective; returns true when it is measurable, planned and tracked.
local function check_objective(ctx, o, at, i, inventory, seen, max_age)
  local name = util.label("objective", o, i)
  if not util.is_object(o) then
    ctx:fail(at, name .. " must be an object, found " .. util.show(o), MEASURABLE)
    return false
  end
  local ok = true
  if type(o.id) == "string" then
    if seen[o.id] then
      ctx:fail(at .. "/id", ("%s duplicates the id of objective #%d"):format(name, seen[o.id]),
        MEASURABLE)
      ok = false
    else
      seen[o.id] = i
    end
  end
  -- Measurable: what is measured, a numeric target, and which way it must go.
  if not util.need_text(ctx, o, "objective", name .. " does not state the objective", MEASURABLE)
    then ok = false end
  if not util.need_text(ctx, o, "measure", name .. " does not say what is measured to tell "
      .. "whether it is met (measure)", MEASURABLE) then ok = false end
  local target = o.target
  if type(target) ~= "number" then
    ctx:fail(at .. "/target", ("%s has no numeric target (found %s)"):format(name,
      util.show(target)), MEASURABLE)
    ok = false
    target = nil
  end
  local direction = o.direction or "min"
  if direction ~= "min" and direction ~= "max" then
    ctx:fail(at .. "/direction", ('%s: direction must be "min" or "max", found %s')
      :format(name, util.show(o.direction)), MEASURABLE)
    ok = false
    target = nil
  end
  -- Planned: what, with what, who, by when, and how results are evaluated.
  for _, f in ipairs(OBJECTIVE_FIELDS) do
    if not util.need_field(ctx, o, f[1], name, f[2], PLAN_OBJECTIVES) then ok = false end
  end
  local due = util.day(o.due)
  if o.due == nil then
    ctx:fail(at .. "/due", name .. " has no date by which it is to be achieved (due)",
      PLAN_OBJECTIVES)
    ok = false
  elseif not due then
    ctx:fail(at .. "/due", name .. ": due " .. util.show(o.due) .. " is not a date",
      PLAN_OBJECTIVES)
    ok = false
  end
  if o.communicated == nil then
    ctx:fail(at .. "/communicated", name .. " has not been communicated to those concerned "
      .. "(communicated)", PLAN_OBJECTIVES)
    ok = false
  elseif util.age_in_days(ctx, o.communicated, at .. "/communicated", name .. " communicated",
      PLAN_OBJECTIVES) == nil then
    ok = false
  end
  local systems = o.ai_systems
  if inventory and util.is_list(systems) then
    for j = 1, #systems do
      if not inventory[systems[j]] then
        ctx:fail(systems:pointer(j), ("%s applies to AI system %s, which is not in the AI system "
          .. "inventory"):format(name, util.show(systems[j])), PLAN_OBJECTIVES)
        ok = false
      end
    end
  end
  -- Tracked: a recent measurement, and a status that agrees with it and with the due date.
  local status = o.status
  if status == nil then
    ctx:fail(at .. "/status", name .. " does not say where it stands (status)", TRACK)
    ok = false
  end
  local current = o.current
  if status ~= "cancelled" then
    if type(current) ~= "number" then
      ctx:fail(at .. "/current", ("%s has no measured value (current, found %s)")
        :format(name, util.show(current)), TRACK)
      ok = false
      current = nil
    end
    if o.measured == nil then
      ctx:fail(at .. "/measured", name .. " does not say when it was last measured (measured)",
        TRACK)
      ok = false
    else
      local age = util.age_in_days(ctx, o.measured, at .. "/measured", name .. " measured", TRACK)
      if age == nil or util.too_old(ctx, age, max_age, at .. "/measured",
          name .. " was last measured", o.measured, TRACK) then
        ok = false
      end
    end
  end
  if status == "achieved" and current and target
      and not util.meets(current, target, direction) then
    local c, t = util.nums(current, target)
    ctx:fail(at .. "/status", ("%s is marked achieved but its measure is %s against a target of "
      .. "%s %s"):format(name, c, direction == "max" and "at most" or "at least", t), TRACK)
    ok = false
  end
  if due and due < util.today(ctx) and (status == "on_track" or status == "at_risk") then
    ctx:fail(at .. "/status", ("%s was due %s and is still %s; record whether it was achieved or "
      .. "missed, or re-plan it"):format(name, o.due, status), TRACK)
    ok = false
  end
  return ok
end

control "6.2" {
  title = "Measurable AI objectives with plans to achieve them",
  description = "Every AI objective can be measured (a measure, a numeric target and a "
    .. "direction), has a plan, resources, an owner, a due date and a way of evaluating results, "
    .. "has been communicated, and is tracked with a recent measurement and a status that "
    .. "agrees with it.",
  citations = { "6.2", "9.1" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.1" } },
  params = {
    -- An objective's latest measurement may be at most this many days old.
    objective_measurement_max_age_days = 92,
  },
  check = function(doc, ctx)
    local list = util.require_list(doc, ctx, "/objectives", "AI objectives",
      { MEASURABLE, PLAN_OBJECTIVES, TRACK })
    if list == nil then return end
    local inventory = util.inventory(doc)
    local seen, good = {}, 0
    local max_age = ctx.params.objective_measurement_max_age_days
    for i = 1, #list do
      if check_objective(ctx, list[i], list:pointer(i), i, inventory, seen, max_age) then
        good = good + 1
      end
    end
    if good == #list then
      ctx:pass(("%s, each measurable with a target, planned, owned, communicated and measured "
        .. "within %d days"):format(util.plural(#list, "objective"), max_age))
    end
  end,
  remediation = {
    { key = MEASURABLE, owner = "ai-governance",
      title = "State every AI objective with a measure, a numeric target and a direction" },
    { key = PLAN_OBJECTIVES, owner = "ai-governance",
      title = "Plan each AI objective: what will be done, the resources, the owner, the due "
        .. "date and how results are evaluated, and communicate it" },
    { key = TRACK, owner = "ai-governance",
      title = "Measure each AI objective regularly and keep its status in line with the "
        .. "measurement and the due date" },
  },
}

---------------------------------------------------------------------------------------------------
-- 6.3

local CHANGE_PROCEDURE = "define-change-procedure"
local CHANGE_PLAN = "plan-changes"
local CHANGE_APPROVAL = "approve-changes"
local RUN_CHANGE = "record-run-change"

-- What a significant change must go through before release, per the change procedure.
local REQUIRED_STEPS = {
  { "impact_assessment", "an impact assessment" },
  { "risk_assessment", "a risk assessment" },
  { "approval", "an approval" },
}

-- Statuses of a change that has been decided on.
local DECIDED = { approved = true, in_progress = true, completed = true }

-- What every item must state, and how a message says it is missing.
local CHANGE_FIELDS = {
  { "change", "does not say what changes" },
  { "purpose", "does not say why it is made" },
  { "consequences", "does not consider its potential consequences" },
  { "owner", "has no owner" },
}

-- Checks one planned change; returns true when it is planned and, once decided, approved.
local function check_change(ctx, c, at, i, seen, assessments)
  local name = util.label("change", c, i)
  if not util.is_object(c) then
    ctx:fail(at, name .. " must be an object, found " .. util.show(c), CHANGE_PLAN)
    return false
  end
  local ok = true
  if type(c.id) == "string" then
    if seen[c.id] then
      ctx:fail(at .. "/id", ("%s duplicates the id of change #%d"):format(name, seen[c.id]),
        CHANGE_PLAN)
      ok = false
    else
      seen[c.id] = i
    end
  end
  for _, f in ipairs(CHANGE_FIELDS) do
    if not util.need_field(ctx, c, f[1], name, f[2], CHANGE_PLAN) then ok = false end
  end
  if not util.is_list(c.affected) then
    ctx:fail(at .. "/affected", name .. " does not say which AIMS elements or AI systems it "
      .. "affects", CHANGE_PLAN)
    ok = false
  end
  local planned = util.day(c.planned_date)
  if not planned then
    ctx:fail(at .. "/planned_date", ("%s has no planned date (found %s)"):format(name,
      util.show(c.planned_date)), CHANGE_PLAN)
    ok = false
  end
  local status = c.status
  if status == nil then
    ctx:fail(at .. "/status", name .. " does not say where it stands (status)", CHANGE_PLAN)
    return false
  end
  if not DECIDED[status] then return ok end

  -- Decided changes: approved by someone other than their owner, before they take effect, with
  -- their impact and risks assessed and resources allocated.
  if util.need_text(ctx, c, "approved_by", name .. " is " .. status .. " but nobody is recorded as "
      .. "approving it (approved_by)", CHANGE_APPROVAL) then
    if util.is_text(c.owner) and util.same_compact(c.owner, c.approved_by) then
      ctx:fail(at .. "/approved_by", ("%s was approved by its own owner %s; approval must come "
        .. "from someone else"):format(name, util.quote(c.owner)), CHANGE_APPROVAL)
      ok = false
    end
  else
    ok = false
  end
  local _, approved_age = util.need_date(ctx, c, "approved", name, CHANGE_APPROVAL)
  if approved_age == nil then
    ok = false
  elseif planned and dates.day(c.approved) > planned then
    ctx:fail(at .. "/approved", ("%s was approved %s, after its planned date %s")
      :format(name, c.approved, c.planned_date), CHANGE_APPROVAL)
    ok = false
  end
  if c.impact_assessed ~= true then
    ctx:fail(at .. "/impact_assessed", ("%s is %s but its impact on AI systems and the AIMS has "
      .. "not been assessed (impact_assessed is %s)"):format(name, status,
      util.show(c.impact_assessed)), CHANGE_APPROVAL)
    ok = false
  elseif c.impact_assessment ~= nil and assessments and not assessments[c.impact_assessment] then
    ctx:fail(at .. "/impact_assessment", ("%s refers to impact assessment %s, which is not in the "
      .. "register (/impact_assessment_process/assessments)"):format(name,
      util.show(c.impact_assessment)), CHANGE_APPROVAL)
    ok = false
  end
  if c.risks_assessed ~= true then
    ctx:fail(at .. "/risks_assessed", ("%s is %s but its AI risks have not been assessed "
      .. "(risks_assessed is %s)"):format(name, status, util.show(c.risks_assessed)),
      CHANGE_APPROVAL)
    ok = false
  end
  if not util.need_text(ctx, c, "resources", name .. " has no resources allocated",
      CHANGE_PLAN) then ok = false end
  if status == "approved" and planned and planned < util.today(ctx) then
    ctx:fail(at .. "/status", ("%s was planned for %s and is still only approved; record its "
      .. "progress or re-plan it"):format(name, c.planned_date), CHANGE_PLAN)
    ok = false
  end
  return ok
end

-- The organisation: its change procedure and the changes it plans.
local function org_changes(doc, ctx)
  local ok = true
  local cm = doc.change_management
  if not util.is_object(cm) then
    ctx:insufficient("/change_management", "no change procedure at /change_management: record "
      .. "how changes to AI systems and the AIMS are planned and controlled", CHANGE_PROCEDURE)
    ok = false
  else
    if not util.check_document_ref(ctx, cm, "document", util.document_register(doc),
        "the change procedure", true, CHANGE_PROCEDURE) then ok = false end
    if not util.need_text(ctx, cm, "owner", "the change procedure has no owner", CHANGE_PROCEDURE)
      then ok = false end
    if not util.is_list(cm.significant_change_criteria) then
      ctx:fail(cm:pointer("significant_change_criteria"), "the change procedure does not say "
        .. "what makes a change significant (significant_change_criteria)", CHANGE_PROCEDURE)
      ok = false
    end
    local requires = cm.significant_change_requires
    local has = {}
    if util.is_list(requires) then
      for i = 1, #requires do
        if type(requires[i]) == "string" then has[requires[i]] = true end
      end
    end
    for _, step in ipairs(REQUIRED_STEPS) do
      if not has[step[1]] then
        ctx:fail(cm:pointer("significant_change_requires"), ("the change procedure does not "
          .. "require %s before a significant change is released (significant_change_requires "
          .. "lacks %s)"):format(step[2], step[1]), CHANGE_PROCEDURE)
        ok = false
      end
    end
    if cm.last_reviewed == nil then
      ctx:fail(cm:pointer("last_reviewed"), "the change procedure has no recorded review "
        .. "(last_reviewed)", CHANGE_PROCEDURE)
      ok = false
    elseif not util.check_review(ctx, cm, "the change procedure",
        { cycle = ctx.params.procedure_review_months, tasks = CHANGE_PROCEDURE }) then
      ok = false
    end
  end

  local list = util.require_list(doc, ctx, "/planned_changes", "planned changes to the AIMS or "
    .. "its AI systems", { CHANGE_PLAN, CHANGE_APPROVAL })
  if list == nil then return end
  local assessments = util.by_key(doc:get("/impact_assessment_process/assessments"), "id")
  local seen, good, decided = {}, 0, 0
  for i = 1, #list do
    local c = list[i]
    if check_change(ctx, c, list:pointer(i), i, seen, assessments) then good = good + 1 end
    if util.is_object(c) and DECIDED[c.status] then decided = decided + 1 end
  end
  if ok and good == #list then
    ctx:pass(("change procedure requires impact and risk assessment and approval; %s planned "
      .. "(%d decided, each approved by someone other than its owner before it takes effect)")
      :format(util.plural(#list, "change"), decided))
  end
end

-- A pipeline run: the change it deploys.
local function run_change(doc, ctx)
  local c = util.require_object(doc, ctx, "/change", "change record of the run", RUN_CHANGE)
  if c == nil then return end
  local ok = true
  if not util.need_text(ctx, c, "ticket", "the run's change has no change ticket", RUN_CHANGE) then
    ok = false
  end
  if not util.need_text(ctx, c, "description", "the run's change is not described", RUN_CHANGE)
    then ok = false end
  if type(c.significant) ~= "boolean" then
    ctx:fail(c:pointer("significant"), "the run's change is not rated significant or not "
      .. "(significant, found " .. util.show(c.significant) .. ")", RUN_CHANGE)
    ok = false
  elseif c.significant then
    if not util.need_text(ctx, c, "impact_assessment", ("significant change %s names no impact "
        .. "assessment"):format(util.show(c.ticket)), RUN_CHANGE) then ok = false end
    if c.risk_assessment_updated ~= true then
      ctx:fail(c:pointer("risk_assessment_updated"), ("significant change %s was deployed "
        .. "without updating the AI risk assessment (risk_assessment_updated is %s)")
        :format(util.show(c.ticket), util.show(c.risk_assessment_updated)), RUN_CHANGE)
      ok = false
    end
  end
  if ok then
    ctx:pass(("change %s is recorded%s"):format(util.quote(c.ticket), c.significant
      and (", significant, with impact assessment " .. util.quote(c.impact_assessment)
        .. " and an updated risk assessment") or ", not significant"))
  end
end

control "6.3" {
  title = "Changes planned and controlled",
  description = "Changes to the AIMS and its AI systems follow a reviewed change procedure that "
    .. "requires impact and risk assessment and approval for significant changes; each planned "
    .. "change states its purpose, consequences, owner and date, and once decided is approved "
    .. "by someone other than its owner before it takes effect. A deploying run records its "
    .. "change and, when significant, its impact and risk assessment.",
  citations = { "6.3", "8.1" },
  applies_to = { "organization", "pipeline_run" },
  severity = "medium",
  params = {
    -- The change procedure is reviewed at least this often, in months.
    procedure_review_months = 12,
  },
  check = function(doc, ctx)
    if doc.kind == "pipeline_run" then
      run_change(doc, ctx)
    else
      org_changes(doc, ctx)
    end
  end,
  remediation = {
    { key = CHANGE_PROCEDURE, owner = "ai-governance",
      title = "Keep an owned, reviewed change procedure that defines significant changes and "
        .. "requires impact assessment, risk assessment and approval before their release" },
    { key = CHANGE_PLAN, owner = "ai-governance",
      title = "Record each planned change with its purpose, consequences, what it affects, its "
        .. "owner, resources and planned date, and keep its status current" },
    { key = CHANGE_APPROVAL, owner = "top-management",
      title = "Approve each change before it takes effect, by someone other than its owner, "
        .. "after its impact and risks have been assessed" },
    { key = RUN_CHANGE, owner = "ml-engineering",
      title = "Record the change a pipeline run deploys: its ticket, description, whether it is "
        .. "significant and, if so, its impact assessment and updated risk assessment" },
  },
}
