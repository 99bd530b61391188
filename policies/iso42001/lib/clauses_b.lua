-- Helpers shared by the controls of Clauses 8-10 and Annex A.2-A.3: the identifier registry,
-- the Statement of Applicability, frequencies in days, dates and names compared the same way
-- everywhere. Loaded with `local cb = require "clauses_b"`; the returned table is frozen after
-- load, so nothing here keeps state between documents.
local util = require "util"

local cb = {}

-- The ISO/IEC 42001:2023 identifiers (../shared/reference/iso42001.json): the 32 clause
-- requirements and the 38 Annex A controls, in the standard's order.
cb.CLAUSE_IDS = {
  "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3",
  "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3",
  "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3",
  "8.1", "8.2", "8.3", "8.4",
  "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3",
  "10.1", "10.2",
}
cb.ANNEX_A_IDS = {
  "A.2.2", "A.2.3", "A.2.4", "A.3.2", "A.3.3",
  "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
  "A.5.2", "A.5.3", "A.5.4", "A.5.5",
  "A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7",
  "A.6.2.8",
  "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
  "A.8.2", "A.8.3", "A.8.4", "A.8.5",
  "A.9.2", "A.9.3", "A.9.4",
  "A.10.2", "A.10.3", "A.10.4",
}

local KNOWN = {}
for _, id in ipairs(cb.CLAUSE_IDS) do KNOWN[id] = true end
for _, id in ipairs(cb.ANNEX_A_IDS) do KNOWN[id] = true end

-- True when `v` is one of the 70 identifiers of the registry (`A.6.10` is not).
function cb.is_iso_id(v)
  return type(v) == "string" and KNOWN[v] == true
end

-- How many days a recurring `frequency` allows between two occurrences, as docs/evidence.md
-- counts them; nil for `ad_hoc`, a missing value or anything else.
local FREQUENCY_DAYS = {
  continuous = 1, daily = 1, weekly = 7, monthly = 31, quarterly = 92, semiannual = 183,
  annual = 366,
}
function cb.frequency_days(f)
  if type(f) ~= "string" then return nil end
  return FREQUENCY_DAYS[f]
end

-- Looks the control up in the organisation's Statement of Applicability. When the SoA excludes
-- it with a justification, reports the finding as not_applicable and returns true: the check
-- should return. An exclusion without a justification is not a valid exclusion (6.1.3 reports
-- it), so the control is evaluated as if included.
function cb.excluded_by_soa(doc, ctx)
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

-- Names compared as people write them: case, surrounding and repeated blanks ignored.
function cb.same_name(a, b)
  if type(a) ~= "string" or type(b) ~= "string" then return false end
  local function norm(s) return (s:lower():gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end
  return norm(a) == norm(b)
end

-- Days since 1970-01-01 of --as-of.
function cb.today(ctx)
  return dates.day(ctx.as_of)
end

-- Reads a date that may lie in the future (a due date). Returns its day number, or nil after
-- failing at `pointer` when it is not a date. A nil value returns nil without a report.
function cb.day_of(ctx, value, pointer, what, tasks)
  if value == nil then return nil end
  local day = type(value) == "string" and dates.day(value) or nil
  if day == nil then
    ctx:fail(pointer, what .. " " .. util.show(value) .. " is not a date (YYYY-MM-DD)", tasks)
  end
  return day
end

-- Reads a date that must not lie after --as-of (when something happened). Returns its day
-- number and its age in days, or nil after failing at `pointer`. A nil value returns nil
-- without a report: the caller decides whether a missing date is a gap.
function cb.past_day(ctx, value, pointer, what, tasks)
  if value == nil then return nil end
  local age = util.age_in_days(ctx, value, pointer, what, tasks)
  if age == nil then return nil end
  return dates.day(value), age
end

-- The day number of the date `months` after `date`, and that date as YYYY-MM-DD.
function cb.months_after(date, months)
  local due = util.add_months(date, months)
  if due == nil then return nil end
  return dates.day(due), due
end

-- Checks that `list` is a non-empty list of non-blank strings, failing at its own pointer or at
-- each blank entry. Returns the number of usable entries (0 when the list is unusable) and
-- whether every entry was usable (false for a missing or empty list).
-- `owner_name` names the thing the list belongs to, `what` the list in messages.
function cb.check_strings(ctx, list, pointer, owner_name, what, tasks)
  local s = util.shape(list)
  if s == "nil" then
    ctx:fail(pointer, owner_name .. " states no " .. what, tasks)
    return 0, false
  end
  if s == "empty" then
    ctx:fail(pointer, owner_name .. " states no " .. what .. " (the list is empty)", tasks)
    return 0, false
  end
  if s ~= "array" then
    ctx:fail(pointer, owner_name .. ": " .. what .. " must be a list, found " .. util.show(list),
      tasks)
    return 0, false
  end
  local usable = 0
  for i = 1, #list do
    local v = list[i]
    if type(v) == "string" and present(v) then
      usable = usable + 1
    else
      ctx:fail(list:pointer(i), ("%s: entry #%d of its %s says nothing (found %s)")
        :format(owner_name, i, what, util.show(v)), tasks)
    end
  end
  return usable, usable == #list
end

-- Requires a non-blank string member `key` of `obj`; fails at its pointer with
-- "<name> <missing>" when it is absent or blank. Returns true when present.
function cb.require_text(ctx, obj, key, name, missing, tasks)
  local v = obj[key]
  if type(v) == "string" and present(v) then return true end
  if v ~= nil and type(v) ~= "string" then
    ctx:fail(obj:pointer(key), ("%s: %s must be text, found %s"):format(name, key, util.show(v)),
      tasks)
  else
    ctx:fail(obj:pointer(key), name .. " " .. missing, tasks)
  end
  return false
end

-- A set of the string members `key` of the objects in the list at `pointer` of `doc`
-- (e.g. the ids of the supplier register); nil when there is no such list.
function cb.id_set(doc, pointer, key)
  local list = doc:get(pointer)
  if util.shape(list) ~= "array" then return nil end
  local set = {}
  for i = 1, #list do
    local item = list[i]
    if util.shape(item) == "object" then
      local v = item[key or "id"]
      if type(v) == "string" then set[v] = item end
    end
  end
  return set
end

-- Lists ids in a message: the first `max` (default 8), then "and N more".
function cb.id_list(ids, max)
  max = max or 8
  if #ids <= max then return table.concat(ids, ", ") end
  return table.concat(ids, ", ", 1, max) .. (", and %d more"):format(#ids - max)
end

-- Where a record (a nonconformity, an improvement) came from, when it names an id that a
-- register of the organisation holds: returns the register's description and the set of its
-- ids (built on first use into `cache`), or nil for a source without a register.
local SOURCE_REGISTERS = {
  internal_audit = { what = "internal audit", article = "an", build = function(doc)
    local audits = doc:get("/internal_audit/audits")
    if util.shape(audits) ~= "array" then return nil end
    local set = {}
    for i = 1, #audits do
      local a = audits[i]
      if util.shape(a) == "object" then
        if type(a.id) == "string" then set[a.id] = true end
        local findings = a.findings
        if util.shape(findings) == "array" then
          for j = 1, #findings do
            local f = findings[j]
            if util.shape(f) == "object" and type(f.id) == "string" then set[f.id] = true end
          end
        end
      end
    end
    return set
  end },
  management_review = { what = "management review", article = "a", build = function(doc)
    return cb.id_set(doc, "/management_review/reviews")
  end },
  incident = { what = "incident", article = "an", build = function(doc)
    return cb.id_set(doc, "/incident_management/incidents")
  end },
}

-- Checks that the `source_ref` of `item` (at `at`) names an existing audit (or audit finding),
-- management review or incident when its `source` is one of those. `cache` is a table local to
-- the check. Returns true when it resolves or there is nothing to resolve.
function cb.check_source_ref(doc, ctx, item, at, name, cache, tasks)
  local source = item.source
  local reg = type(source) == "string" and SOURCE_REGISTERS[source] or nil
  if reg == nil then return true end
  local ref = item.source_ref
  if type(ref) ~= "string" or not present(ref) then
    ctx:fail(at .. "/source_ref", ("%s comes from %s %s but does not say which (source_ref)")
      :format(name, reg.article, reg.what), tasks)
    return false
  end
  local set = cache[source]
  if set == nil then
    set = reg.build(doc) or false
    cache[source] = set
  end
  if set == false then
    ctx:fail(at .. "/source_ref", ("%s comes from %s %s, but the organisation records no %ss")
      :format(name, reg.what, util.quote(ref), reg.what), tasks)
    return false
  end
  if not set[ref] then
    ctx:fail(at .. "/source_ref", ("%s comes from %s %s, which is not on record")
      :format(name, reg.what, util.quote(ref)), tasks)
    return false
  end
  return true
end

return cb
