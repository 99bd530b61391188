-- Annex A.5: assessing the impacts of AI systems.
local util = require "util"

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
  local usable = 0
  for i = 1, #list do
    local entry = list[i]
    local s_entry = util.shape(entry)
    -- An entry is a sentence, or an object that says something in its description.
    if (s_entry == "string" and present(entry))
        or (s_entry == "object" and present(entry.description)) then
      usable = usable + 1
    else
      ctx:fail(list:pointer(i),
        ("%s #%d says nothing (found %s)"):format(noun, i, util.show(entry)), DOCUMENT)
    end
  end
  return usable, usable == #list
end

-- Checks the review cycle and whether the latest review (or the approval) is within it.
-- Returns the date the next review is due, or nil after reporting why it cannot be told.
local function check_review(process, ctx)
  local cycle = process.review_cycle_months
  local cycle_at = process:pointer("review_cycle_months")
  local max_cycle = ctx.params.max_review_cycle_months
  if cycle == nil then
    ctx:fail(cycle_at, "the impact assessment process states no review cycle "
      .. "(review_cycle_months)", DOCUMENT)
    return nil
  elseif not util.is_integer(cycle) or cycle < 1 then
    ctx:fail(cycle_at, "review_cycle_months must be a whole number of months, found "
      .. util.show(cycle), DOCUMENT)
    return nil
  elseif cycle > max_cycle then
    ctx:fail(cycle_at, ("the process is reviewed every %d months; at most %d are allowed")
      :format(math.tointeger(cycle), max_cycle), DOCUMENT)
    return nil
  end
  cycle = math.tointeger(cycle)
  local key = process.last_reviewed ~= nil and "last_reviewed" or "approved"
  local since = process[key]
  local since_at = process:pointer(key)
  if since == nil then
    ctx:insufficient(process:pointer("last_reviewed"),
      "the impact assessment process is not dated (last_reviewed or approved)", REVIEW)
    return nil
  end
  if util.age_in_days(ctx, since, since_at, key, REVIEW) == nil then return nil end
  local due = util.add_months(since, cycle)
  if dates.day(due) < dates.day(ctx.as_of) then
    ctx:fail(since_at, ("the impact assessment process was due for review by %s (%s %s, every "
      .. "%d months)"):format(due, key == "approved" and "approved" or "last reviewed", since,
      cycle), REVIEW)
    return nil
  end
  return due
end

control "A.5.2" {
  title = "Process for assessing the impacts of AI systems",
  description = "A documented process decides when the consequences of an AI system for people, "
    .. "groups and society must be assessed: it has an owner, the events that trigger an "
    .. "assessment, criteria for calling an impact high, and a review cycle that is being kept.",
  citations = { "A.5.2", "6.1.4", "8.4" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MAP 1.1", "MAP 5.1" } },
  params = {
    -- The longest review cycle accepted for the process, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
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
    local due = check_review(process, ctx)

    if owner_ok and triggers_ok and criteria_ok and due then
      ctx:pass(("owned by %s; %s, %s; next review due %s")
        :format(type(owner) == "string" and util.quote(owner) or "a named owner",
          util.plural(triggers, "trigger"),
          util.plural(criteria, "high-impact criterion", "high-impact criteria"), due))
    end
  end,
  remediation = {
    { key = DOCUMENT, owner = "ai-governance",
      title = "Document the AI system impact assessment process: its owner, the events that "
        .. "trigger an assessment, the criteria for a high impact, and its review cycle" },
    { key = REVIEW, owner = "ai-governance",
      title = "Review the impact assessment process on its stated cycle and record the date" },
  },
}
