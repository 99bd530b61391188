-- Annex A.6: the AI system life cycle. Verification and validation.
local util = require "util"

-- Remediation keys: which task fixes which violation.
local RECORD = "record-thresholds"
local MEET = "meet-thresholds"
local PER_GROUP = "report-per-group"
local TIER = "state-risk-tier"

-- The group a metric was computed on (CycloneDX `slice`, or our `group`), or nil.
local function group_of(m)
  for _, key in ipairs({ "slice", "group" }) do
    local v = m[key]
    if type(v) == "string" and present(v) then return v end
  end
  return nil
end

-- Checks one metric; returns true when it is complete and meets its threshold.
local function check_metric(m, at, i, ctx)
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
    incomplete(at .. "/value", name .. " has no value")
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
    if direction == "min" and value < threshold then
      ctx:fail(at, ("%s = %s is below its threshold %s"):format(name, v, t), MEET)
      ok = false
    elseif direction == "max" and value > threshold then
      ctx:fail(at, ("%s = %s is above its threshold %s"):format(name, v, t), MEET)
      ok = false
    end
  end
  return ok
end

control "A.6.2.4" {
  title = "AI system verification and validation",
  description = "The AI system was validated against acceptance criteria set in advance: every "
    .. "recorded metric has a value, a threshold and a direction, and meets its threshold; a "
    .. "high-risk system also reports its metrics separately for the groups of people it affects.",
  citations = { "A.6.2.4", "8.1", "9.1" },
  applies_to = { "model_card" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MEASURE 2.1" } },
  params = {
    -- At least this many metrics must be recorded.
    min_metrics = 1,
    -- A model whose risk_tier is the pack's high_risk_tier must report metrics per group...
    require_fairness_for_high_risk = true,
    -- ... for at least this many distinct groups (slices), so that groups can be compared.
    min_fairness_groups = 2,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local pointer = "/quantitative_analysis/performance_metrics"
    local metrics = util.require_list(doc, ctx, pointer, "verification and validation metrics",
      RECORD)

    local met, groups, group_count = 0, {}, 0
    if metrics then
      if #metrics < p.min_metrics then
        ctx:fail(pointer, ("only %s recorded; at least %d are required")
          :format(util.plural(#metrics, "metric"), p.min_metrics), RECORD)
      end
      for i = 1, #metrics do
        local m = metrics[i]
        if check_metric(m, metrics:pointer(i), i, ctx) then met = met + 1 end
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
      local tier = doc.risk_tier
      if tier == nil then
        ctx:insufficient("/risk_tier", "the model card states no risk tier, so it cannot be told "
          .. "whether metrics per group are required", TIER)
      elseif type(tier) ~= "string" then
        ctx:insufficient("/risk_tier", "risk_tier must be a string, found " .. util.show(tier),
          TIER)
      elseif tier:lower() == tostring(p.high_risk_tier):lower() then
        high = true
        if metrics and group_count < p.min_fairness_groups then
          ctx:fail(pointer, ("risk tier is %s but metrics are reported for %s; a high-risk "
            .. "system must report them for at least %d groups (slice)")
            :format(util.quote(tier), util.plural(group_count, "group"), p.min_fairness_groups),
            PER_GROUP)
        end
      end
    end

    if metrics and met == #metrics and #metrics >= p.min_metrics then
      ctx:pass(("%d/%d metrics meet their thresholds%s"):format(met, #metrics,
        high and (", reported for " .. util.plural(group_count, "group")) or ""))
    end
  end,
  remediation = {
    { key = RECORD, owner = "ml-engineering",
      title = "Record a type, a value, an acceptance threshold and a direction for every "
        .. "validation metric" },
    { key = MEET, owner = "ml-engineering",
      title = "Bring the metrics that miss their thresholds within them, or re-approve the "
        .. "thresholds with a recorded rationale" },
    { key = PER_GROUP, owner = "ml-engineering",
      title = "Report validation metrics for each affected group of a high-risk AI system" },
    { key = TIER, owner = "ai-governance",
      title = "State the risk tier of the AI system in its model card" },
  },
}
