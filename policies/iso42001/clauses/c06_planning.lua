-- Clause 6: planning. AI risk assessment.
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

-- Checks one risk of the register; returns true when it is fully scored.
local function check_risk(risk, at, i, ctx, n, seen)
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
    .. "the register has an id, an owner and a consistent likelihood x impact score, and the "
    .. "assessment is recent.",
  citations = { "6.1.2", "8.2", "6.1.1" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 5.1" } },
  check = function(doc, ctx)
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
      local seen = {}
      for i = 1, #register do
        if check_risk(register[i], register:pointer(i), i, ctx, n, seen) then
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
    { key = METHOD, owner = "risk-management",
      title = "Document the AI risk assessment method: its likelihood and impact scale and the "
        .. "criteria for accepting a risk" },
    { key = REGISTER, owner = "risk-management",
      title = "Keep a risk register in which every AI risk has an id, a description, an owner, "
        .. "likelihood and impact ratings, and score = likelihood x impact" },
    { key = REASSESS, owner = "risk-management",
      title = "Repeat the AI risk assessment and record its date" },
  },
}
