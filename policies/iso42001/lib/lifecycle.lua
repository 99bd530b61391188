-- Helpers shared by the Annex A.4-A.6 controls of the iso42001 pack (resources, impact
-- assessment, life cycle): Statement of Applicability look-up, required texts, lists and dates,
-- review cycles, risk tier and comparisons of names.
-- Loaded with `local lc = require "lifecycle"`; the returned table is frozen after load.
local util = require "util"

local lc = {}

-- Life-cycle stages in which an AI system is not (yet, or any longer) in operation: controls on
-- deployment and monitoring do not apply to a card at one of them that records neither.
lc.NOT_IN_OPERATION = {
  inception = true, design = true, development = true, validation = true, retired = true,
}

-- Days of one period of each `frequency` of the data model (docs/evidence.md); ad_hoc has none.
lc.FREQUENCY_DAYS = {
  continuous = 1, daily = 1, weekly = 7, monthly = 31, quarterly = 92, semiannual = 183,
  annual = 366,
}

-- For an organization document: if its Statement of Applicability excludes the control being
-- evaluated with a justification, reports not_applicable with that justification and returns
-- true. An exclusion without a justification is not a valid exclusion: the control is evaluated
-- (6.1.3 reports the missing justification). Other kinds carry no SoA and are always evaluated.
function lc.excluded_by_soa(doc, ctx)
  if doc.kind ~= "organization" then return false end
  local entries = doc:get("/statement_of_applicability/controls")
  if util.shape(entries) ~= "array" then return false end
  local id = ctx.control
  for i = 1, #entries do
    local entry = entries[i]
    if util.shape(entry) == "object" and entry.control == id then
      local why = entry.justification
      if entry.status == "excluded" and type(why) == "string" and present(why) then
        ctx:not_applicable("excluded in the Statement of Applicability: " .. why)
        return true
      end
      return false
    end
  end
  return false
end

-- The non-blank string member `key` of `node`, or nil after failing at its pointer with
-- `message` (and what was found, when it is not a string).
function lc.text(ctx, node, key, message, task)
  local v = node[key]
  if type(v) == "string" and present(v) then return v end
  if v ~= nil and type(v) ~= "string" then message = message .. ", found " .. util.show(v) end
  ctx:fail(node:pointer(key), message, task)
  return nil
end

-- Checks that member `key` of `node` is a non-empty list of non-blank strings. A missing or
-- empty list fails with `missing`; each blank entry fails at its own pointer, called `noun #i`.
-- Returns the list (or nil), the number of usable entries, and whether every entry was usable.
function lc.strings(ctx, node, key, missing, noun, task)
  local list = node[key]
  local s = util.shape(list)
  if s == "nil" or s == "empty" then
    ctx:fail(node:pointer(key), missing, task)
    return nil, 0, false
  end
  if s ~= "array" then
    ctx:fail(node:pointer(key), missing .. ": expected a list, found " .. util.show(list), task)
    return nil, 0, false
  end
  local usable = 0
  for i = 1, #list do
    local entry = list[i]
    if type(entry) == "string" and present(entry) then
      usable = usable + 1
    else
      ctx:fail(list:pointer(i), ("%s #%d says nothing (found %s)"):format(noun, i,
        util.show(entry)), task)
    end
  end
  return list, usable, usable == #list
end

-- A date (YYYY-MM-DD or RFC 3339) as days since 1970-01-01, or nil.
function lc.day(v)
  if type(v) ~= "string" then return nil end
  return dates.day(v)
end

-- Reads the date member `key` of `node` that must not lie after --as-of. A missing date fails
-- with "<what> is not recorded (<key>)" when `required`; a value that is not a date or lies in
-- the future fails. Returns the day number and the age in days, or nil.
function lc.past_date(ctx, node, key, what, task, required)
  local v = node[key]
  if v == nil then
    if required then
      ctx:fail(node:pointer(key), ("%s is not recorded (%s)"):format(what, key), task)
    end
    return nil
  end
  local age = util.age_in_days(ctx, v, node:pointer(key), what, task)
  if age == nil then return nil end
  return dates.day(v), age
end

-- Normalised form of a name for comparisons: lower case, blanks collapsed, trimmed.
local function norm(s)
  s = s:lower():gsub("%s+", " ")
  s = s:gsub("^ ", ""):gsub(" $", "")
  return s
end
lc.norm = norm

-- True when `a` and `b` are strings naming the same person, post or body.
function lc.same(a, b)
  return type(a) == "string" and type(b) == "string" and present(a) and norm(a) == norm(b)
end

-- True when the risk tier `tier` is the pack's high_risk_tier.
function lc.is_high_risk(tier, ctx)
  return type(tier) == "string"
    and tier:lower() == tostring(ctx.params.high_risk_tier):lower()
end

-- Checks a periodic activity against its cycle: `cycle_key` of `node` holds the planned interval
-- in months (at most `max_months`), `since_key` the date of the latest occurrence (`fallback_key`,
-- e.g. the approval date, when there is none). `what` names the activity ("the development
-- process review"). Returns the date the next one is due, or nil after reporting why not.
function lc.within_cycle(ctx, node, since_key, fallback_key, cycle_key, max_months, what, tasks)
  local cycle = node[cycle_key]
  local cycle_at = node:pointer(cycle_key)
  if cycle == nil then
    ctx:fail(cycle_at, ("%s has no planned interval (%s)"):format(what, cycle_key), tasks.plan)
    return nil
  elseif not util.is_integer(cycle) or cycle < 1 then
    ctx:fail(cycle_at, ("%s must be a whole number of months, found %s")
      :format(cycle_key, util.show(cycle)), tasks.plan)
    return nil
  elseif cycle > max_months then
    ctx:fail(cycle_at, ("%s is planned every %d months; at most %d are allowed")
      :format(what, math.tointeger(cycle), max_months), tasks.plan)
    return nil
  end
  cycle = math.tointeger(cycle)
  local key = since_key
  if node[key] == nil and fallback_key then key = fallback_key end
  local since = node[key]
  if since == nil then
    ctx:insufficient(node:pointer(since_key), ("%s is not dated (%s)"):format(what, since_key),
      tasks.due)
    return nil
  end
  if util.age_in_days(ctx, since, node:pointer(key), key, tasks.due) == nil then return nil end
  local due = util.add_months(since, cycle)
  if dates.day(due) < dates.day(ctx.as_of) then
    ctx:fail(node:pointer(key), ("%s was due by %s (%s %s, every %d months), %d days before %s")
      :format(what, due, key, since, cycle, dates.day(ctx.as_of) - dates.day(due), ctx.as_of),
      tasks.due)
    return nil
  end
  return due
end

-- True for "sha256:" followed by 64 hex digits.
function lc.is_sha256(v)
  return type(v) == "string" and re.full(v, "sha256:[0-9a-fA-F]{64}")
end

return lc
