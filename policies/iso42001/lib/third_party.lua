-- Helpers shared by the Annex A.7 to A.10 controls of the iso42001 pack (data, information for
-- interested parties, use, third-party and customer relationships): the Statement of
-- Applicability, required fields and lists, dates in order, review cycles and thresholds.
-- Loaded with `local tp = require "third_party"`; the returned table is frozen after load.
local util = require "util"

local M = {}

-- Days in one period of a frequency (docs/evidence.md); continuous and ad_hoc have none.
M.FREQUENCY_DAYS = {
  daily = 1, weekly = 7, monthly = 31, quarterly = 92, semiannual = 183, annual = 366,
}

-- Incident and finding severities, lowest first.
M.SEVERITY_RANK = { low = 1, medium = 2, high = 3, critical = 4 }

-- For an organization document whose Statement of Applicability excludes the running control
-- with a justification: reports not_applicable and returns true. An exclusion without a
-- justification is not a valid exclusion (6.1.3 reports it), so the control is evaluated.
-- Other kinds carry no SoA: returns false.
function M.excluded(doc, ctx)
  if doc.kind ~= "organization" then return false end
  local controls = doc:get("/statement_of_applicability/controls")
  if util.shape(controls) ~= "array" then return false end
  local id = ctx.control
  for i = 1, #controls do
    local entry = controls[i]
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

-- Fails every field of `fields` that `item` (at pointer `at`) does not record. `fields` is a
-- list of { key, what } pairs, `what` naming the field in messages; `name` names the item.
-- Returns the number of fields missing.
function M.require_fields(item, at, name, fields, ctx, task)
  local missing = 0
  for _, f in ipairs(fields) do
    local key, what = f[1], f[2]
    if not present(item[key]) then
      ctx:fail(at .. "/" .. key, ("%s does not record %s (%s)"):format(name, what, key), task)
      missing = missing + 1
    end
  end
  return missing
end

-- Checks that `list` (at `at`) is a non-empty list of non-blank strings, failing the list or
-- each bad entry at its own pointer. `what` names the list ("preparation steps") and `name` its
-- holder ("dataset \"ds-1\""). Returns the number of usable entries (0 when none), and
-- whether every entry was usable.
function M.string_list(list, at, what, name, ctx, task)
  local s = util.shape(list)
  if s == "nil" or s == "empty" then
    ctx:fail(at, ("%s records no %s"):format(name, what), task)
    return 0, false
  end
  if s ~= "array" then
    ctx:fail(at, ("%s: %s must be a list, found %s"):format(name, what, util.show(list)), task)
    return 0, false
  end
  local usable = 0
  for i = 1, #list do
    local v = list[i]
    if type(v) == "string" and present(v) then
      usable = usable + 1
    else
      ctx:fail(list:pointer(i), ("%s: entry #%d of its %s says nothing (found %s)")
        :format(name, i, what, util.show(v)), task)
    end
  end
  return usable, usable == #list
end

-- Days since 1970-01-01 of a date string, or nil.
function M.day(v)
  if type(v) ~= "string" then return nil end
  return dates.day(v)
end

-- Reads a date that must exist and must not be after --as-of; `what` is a noun phrase for the
-- dated event ("the acquisition of dataset \"ds-1\""). A missing date is a failure (`missing` =
-- "fail", the default) or insufficient evidence (`missing` = "insufficient"). Returns the age
-- in days, or nil after reporting.
function M.dated(ctx, value, at, what, task, missing)
  if value == nil then
    if missing == "insufficient" then
      ctx:insufficient(at, what .. " is not dated", task)
    else
      ctx:fail(at, what .. " is not dated", task)
    end
    return nil
  end
  return util.age_in_days(ctx, value, at, what, task)
end

-- Like `dated`, and fails when the date is more than `max_days` before --as-of. `what` is a
-- noun phrase ("the last review of the incident procedure"). Returns the age when it is within
-- the limit, else nil.
function M.fresh(ctx, value, at, what, max_days, task, missing)
  local age = M.dated(ctx, value, at, what, task, missing)
  if age == nil then return nil end
  if age > max_days then
    ctx:fail(at, ("%s (%s) was %d days before %s; at most %d days are allowed")
      :format(what, value, age, ctx.as_of, max_days), task)
    return nil
  end
  return age
end

-- Checks the review cycle of a documented procedure `obj` and whether its latest review (else
-- its approval) is within it. `what` names it in messages. Returns the date the next review is
-- due, or nil after reporting why it cannot be told or is overdue.
function M.check_review(obj, ctx, what, max_cycle, doc_task, review_task)
  local cycle = obj.review_cycle_months
  local cycle_at = obj:pointer("review_cycle_months")
  if cycle == nil then
    ctx:fail(cycle_at, what .. " states no review cycle (review_cycle_months)", doc_task)
    return nil
  elseif not util.is_integer(cycle) or cycle < 1 then
    ctx:fail(cycle_at, "review_cycle_months must be a whole number of months, found "
      .. util.show(cycle), doc_task)
    return nil
  elseif cycle > max_cycle then
    ctx:fail(cycle_at, ("%s is reviewed every %d months; at most %d are allowed")
      :format(what, math.tointeger(cycle), max_cycle), doc_task)
    return nil
  end
  cycle = math.tointeger(cycle)
  local key = obj.last_reviewed ~= nil and "last_reviewed" or "approved"
  local since = obj[key]
  local since_at = obj:pointer(key)
  if since == nil then
    ctx:insufficient(obj:pointer("last_reviewed"),
      what .. " is not dated (last_reviewed or approved)", review_task)
    return nil
  end
  if util.age_in_days(ctx, since, since_at, key, review_task) == nil then return nil end
  local due = util.add_months(since, cycle)
  if dates.day(due) < dates.day(ctx.as_of) then
    ctx:fail(since_at, ("%s was due for review by %s (%s %s, every %d months)")
      :format(what, due, key == "approved" and "approved" or "last reviewed", since, cycle),
      review_task)
    return nil
  end
  return due
end

-- Checks a measured value against a threshold in a direction ("min", the default: at least;
-- "max": at most). Returns true when met, or false and the words for the miss
-- ("below", "above").
function M.meets(value, threshold, direction)
  if direction == "max" then
    if value > threshold then return false, "above" end
  elseif value < threshold then
    return false, "below"
  end
  return true
end

-- A lookup of the string `key` of each object in `list` -> its index (first occurrence).
-- Built once per check, so references can be resolved without nested loops.
function M.index(list, key)
  local out = {}
  if util.shape(list) ~= "array" then return out end
  for i = 1, #list do
    local item = list[i]
    if util.shape(item) == "object" then
      local v = item[key]
      if type(v) == "string" and out[v] == nil then out[v] = i end
    end
  end
  return out
end

-- A set of the strings in a list (or {} for anything else).
function M.set(list)
  local out = {}
  if util.shape(list) ~= "array" then return out end
  for i = 1, #list do
    local v = list[i]
    if type(v) == "string" then out[v] = true end
  end
  return out
end

-- True when two names designate the same party (case and surrounding blanks ignored).
function M.same_party(a, b)
  if type(a) ~= "string" or type(b) ~= "string" then return false end
  local function norm(s)
    local core = re.match(s, "^\\s*(.*?)\\s*$")
    return (core or s):lower()
  end
  return norm(a) == norm(b)
end

return M
