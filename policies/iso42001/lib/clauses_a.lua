-- Helpers for the Clause 4-7 controls of the iso42001 pack: the identifier registry, reviews
-- within a cycle, recurring activities within their frequency, names compared loosely, and
-- lookups built once per check (document register, AI system inventory, SoA, top management).
-- Loaded with `local ca = require "clauses_a"`; the returned table is frozen after load.
local util = require "util"

local ca = {}

-- The 38 Annex A controls of ISO/IEC 42001:2023, in order.
ca.ANNEX_A = {
  "A.2.2", "A.2.3", "A.2.4",
  "A.3.2", "A.3.3",
  "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
  "A.5.2", "A.5.3", "A.5.4", "A.5.5",
  "A.6.1.2", "A.6.1.3",
  "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8",
  "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
  "A.8.2", "A.8.3", "A.8.4", "A.8.5",
  "A.9.2", "A.9.3", "A.9.4",
  "A.10.2", "A.10.3", "A.10.4",
}

-- The 32 leaf requirements of Clauses 4-10, in order.
ca.CLAUSES = {
  "4.1", "4.2", "4.3", "4.4",
  "5.1", "5.2", "5.3",
  "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3",
  "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3",
  "8.1", "8.2", "8.3", "8.4",
  "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3",
  "10.1", "10.2",
}

-- The clause requirements that themselves call for documented information to be kept or
-- available (scope, policy, risk assessment and treatment processes and results, impact
-- assessment results, objectives, evidence of competence, operational control, monitoring
-- results, the audit programme and results, management review results, nonconformities).
ca.DOCUMENTED_CLAUSES = {
  "4.3", "5.2", "6.1.2", "6.1.3", "6.1.4", "6.2", "7.2",
  "8.1", "8.2", "8.3", "8.4", "9.1", "9.2.2", "9.3.3", "10.2",
}

local annex_set, iso_set = {}, {}
for _, id in ipairs(ca.ANNEX_A) do annex_set[id] = true; iso_set[id] = true end
for _, id in ipairs(ca.CLAUSES) do iso_set[id] = true end

-- True when `id` is one of the 38 Annex A controls of the registry (so also of the form
-- A.<n>.<n>[.<n>]); a lookup, not a pattern, so A.6.10 is refused.
function ca.is_annex_a(id)
  return annex_set[id] == true
end

-- True when `id` is a clause requirement or an Annex A control of the registry.
function ca.is_iso(id)
  return type(id) == "string" and iso_set[id] == true
end

-- Days a recurring activity may take between two occurrences, by frequency; `ad_hoc` has none.
ca.FREQUENCY_DAYS = {
  continuous = 1, daily = 1, weekly = 7, monthly = 31, quarterly = 92, semiannual = 183,
  annual = 366,
}

-- How a message says each frequency.
local FREQUENCY_WORDS = {
  continuous = "continuously", daily = "daily", weekly = "weekly", monthly = "monthly",
  quarterly = "quarterly", semiannual = "every six months", annual = "yearly",
}

-- True for a JSON object with at least one member (cheaper than util.shape on evidence).
function ca.is_obj(v)
  return type(v) == "userdata" and v:is_object() and #v > 0
end

-- True for a JSON array with at least one element (an empty list records nothing).
function ca.is_list(v)
  return type(v) == "userdata" and v:is_array() and #v > 0
end

-- True for a string with something in it.
function ca.text(v)
  return type(v) == "string" and present(v)
end

-- A name compared loosely: in lower case with every blank dropped, so "Chief  Risk Officer" and
-- "chief risk officer" are one name. nil for anything but a string.
function ca.norm(s)
  if type(s) ~= "string" then return nil end
  return (s:lower():gsub("%s+", ""))
end

-- True when two names are the same person, post or body (compared loosely, see ca.norm).
function ca.same_name(a, b)
  if a == b then return type(a) == "string" end
  return type(a) == "string" and type(b) == "string" and ca.norm(a) == ca.norm(b)
end

-- util.label with a fast path for the usual plain id: `risk "R-01"`, or `risk #3`.
function ca.label(noun, item, i)
  if ca.is_obj(item) then
    local v = item.id
    if type(v) ~= "string" or not v:find("%S") then v = item.name end
    if type(v) == "string" and #v <= 60 and v:find("%S") and not v:find('[%c"\\]') then
      return noun .. ' "' .. v .. '"'
    end
  end
  return util.label(noun, item, i)
end

-- Fails at obj/key, with `message`, unless obj[key] is a non-blank string. Returns it or nil.
function ca.need_text(ctx, obj, key, message, tasks)
  local v = obj[key]
  if ca.text(v) then return v end
  if v ~= nil and type(v) ~= "string" then
    message = message .. " (found " .. util.show(v) .. ")"
  end
  ctx:fail(obj:pointer(key), message, tasks)
  return nil
end

-- Like need_text for items of a list: the message, `name .. " " .. what`, is only built when the
-- field is missing. Returns the value or nil.
function ca.need_field(ctx, obj, key, name, what, tasks)
  local v = obj[key]
  if type(v) == "string" and v:find("%S") then return v end
  local message = name .. " " .. what
  if v ~= nil and type(v) ~= "string" then
    message = message .. " (found " .. util.show(v) .. ")"
  end
  ctx:fail(obj:pointer(key), message, tasks)
  return nil
end

-- Fails unless obj[key] is a non-empty list of non-blank strings; each blank entry fails at its
-- own pointer. Returns the list and whether every entry was usable, or nil.
function ca.need_strings(ctx, obj, key, message, tasks)
  local list = obj[key]
  if not ca.is_list(list) then
    ctx:fail(obj:pointer(key), message, tasks)
    return nil, false
  end
  local ok = true
  for i = 1, #list do
    if not ca.text(list[i]) then
      ctx:fail(list:pointer(i), ("entry %d of %s is blank (found %s)")
        :format(i, key, util.show(list[i])), tasks)
      ok = false
    end
  end
  return list, ok
end

-- Checks that the date at obj/key is present and a date on or before --as-of. Returns its age in
-- days, or nil after failing with `what` named.
function ca.need_past_date(ctx, obj, key, what, tasks)
  local v = obj[key]
  if v == nil then
    ctx:fail(obj:pointer(key), what .. " is not dated (" .. key .. ")", tasks)
    return nil
  end
  return util.age_in_days(ctx, v, obj:pointer(key), what .. " " .. key, tasks)
end

local MONTH_DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

-- util.add_months for a date already known to be valid, without allocating: the YYYY-MM-DD
-- `months` after `s`, the day clamped to the end of a shorter month.
local function add_months(s, months)
  local y, m, d = tonumber(s:sub(1, 4)), tonumber(s:sub(6, 7)), tonumber(s:sub(9, 10))
  local total = y * 12 + (m - 1) + months
  y, m = total // 12, total % 12 + 1
  local last = MONTH_DAYS[m]
  if m == 2 and y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) then last = 29 end
  if d > last then d = last end
  return string.format("%04d-%02d-%02d", y, m, d)
end

-- The day number of the date at obj[key] when it is a date on or before `today`, and the date;
-- nil when the member is absent; false after reporting a value that is not a date or is after
-- --as-of. `what` names the object in messages.
local function past_day(ctx, obj, key, what, today, tasks)
  local v = obj[key]
  if v == nil then return nil end
  local d = type(v) == "string" and dates.day(v)
  if d and d <= today then return d, v end
  util.age_in_days(ctx, v, obj:pointer(key), what .. " " .. key, tasks)  -- reports why
  return false
end

-- Checks that `obj` (its `what` named in messages) is reviewed within its cycle.
--   opts.max_cycle     the longest review_cycle_months accepted
--   opts.cycle         a cycle in months to use when the data model has no review_cycle_months
--                      for this object (then obj.review_cycle_months is not read)
--   opts.tasks         remediation keys
-- The review is counted from the later of last_reviewed and approved (an approval of a new
-- version is a review). Returns the date the next review is due, or nil after reporting why
-- it is not on time or cannot be told.
function ca.check_review(ctx, obj, what, opts)
  local tasks = opts.tasks
  local cycle = opts.cycle
  if cycle == nil then
    cycle = obj.review_cycle_months
    if cycle == nil then
      ctx:fail(obj:pointer("review_cycle_months"), what .. " states no review cycle "
        .. "(review_cycle_months)", tasks)
      return nil
    elseif not util.is_integer(cycle) or cycle < 1 then
      ctx:fail(obj:pointer("review_cycle_months"), what .. ": review_cycle_months must be a "
        .. "whole number of months, found " .. util.show(cycle), tasks)
      return nil
    elseif opts.max_cycle and cycle > opts.max_cycle then
      ctx:fail(obj:pointer("review_cycle_months"), ("%s is reviewed every %d months; at most %d "
        .. "are allowed"):format(what, math.tointeger(cycle), opts.max_cycle), tasks)
      return nil
    end
    cycle = math.tointeger(cycle)
  end
  local today = dates.day(ctx.as_of)
  local dl, last = past_day(ctx, obj, "last_reviewed", what, today, tasks)
  if dl == false then return nil end
  local da, approved = past_day(ctx, obj, "approved", what, today, tasks)
  if da == false then return nil end
  local since, key
  if dl and (da == nil or dl >= da) then
    since, key = last, "last_reviewed"
  elseif da then
    since, key = approved, "approved"
  else
    ctx:insufficient(obj:pointer("last_reviewed"), what .. " is not dated (last_reviewed or "
      .. "approved), so its review cannot be checked", tasks)
    return nil
  end
  local due = add_months(since, cycle)
  local late = today - dates.day(due)
  if late > 0 then
    ctx:fail(obj:pointer(key), ("%s was due for review by %s (%s %s, every %d months), %d days "
      .. "before %s"):format(what, due, key == "approved" and "approved" or "last reviewed", since,
      cycle, late, ctx.as_of), tasks)
    return nil
  end
  return due
end

-- Checks that a recurring activity dated obj[key] took place within its frequency (plus
-- `grace` days). `ad_hoc` activities are not timed. Returns true when on time (or untimed).
function ca.check_recurrence(ctx, obj, key, frequency, grace, what, tasks)
  local days = ca.FREQUENCY_DAYS[frequency]
  local v = obj[key]
  if v == nil then
    if frequency == "ad_hoc" then return true end
    ctx:fail(obj:pointer(key), what .. " has no record of when it last took place (" .. key .. ")",
      tasks)
    return false
  end
  local age = util.age_in_days(ctx, v, obj:pointer(key), what .. " " .. key, tasks)
  if age == nil then return false end
  if days and age > days + grace then
    ctx:fail(obj:pointer(key), ("%s last took place %s, %d days before %s; it is planned %s "
      .. "(every %d days, %d days of grace)"):format(what, v, age, ctx.as_of,
      FREQUENCY_WORDS[frequency], days, grace), tasks)
    return false
  end
  return true
end

-- The names of top management and the governing body, normalised, as a set: the leadership's
-- top_management, its accountable executive, and the body it reports to. nil when the record
-- names none.
function ca.top_authorities(doc)
  local set, n = {}, 0
  local function add(v)
    local k = ca.norm(v)
    if k and k ~= "" and not set[k] then set[k] = true; n = n + 1 end
  end
  local leadership = doc.leadership
  if not ca.is_obj(leadership) then return nil end
  local top = leadership.top_management
  if ca.is_list(top) then
    for i = 1, #top do add(top[i]) end
  end
  add(leadership.accountable_executive)
  local board = leadership.board_reporting
  if ca.is_obj(board) then add(board.body) end
  if n == 0 then return nil end
  return set
end

-- The controlled documents by id: { [id] = entry }, or nil when the register is absent.
function ca.document_register(doc)
  local docs = doc:get("/documented_information/documents")
  if not ca.is_list(docs) then return nil end
  local by_id = {}
  for i = 1, #docs do
    local d = docs[i]
    if type(d) == "userdata" then
      local id = d.id
      if type(id) == "string" and by_id[id] == nil then by_id[id] = d end
    end
  end
  return by_id
end

-- The document id of a reference such as "HSI-AIMS-PRC-005 v1.3": its first word.
function ca.document_id(ref)
  if type(ref) ~= "string" then return nil end
  return ref:match("^%s*(%S+)")
end

-- Checks the reference obj[key] to a controlled document ("HSI-AIMS-PRC-005 v1.3") against the
-- register `register` (from ca.document_register; nil skips the cross-check): the document must
-- be registered, approved, and in the version referred to. `required` fails a missing reference.
-- Returns true when the reference holds.
function ca.check_document_ref(ctx, obj, key, register, what, required, tasks)
  local ref = obj[key]
  local at = obj:pointer(key)
  if ref == nil then
    if required then
      ctx:fail(at, what .. " is not held in a controlled document (" .. key .. ")", tasks)
      return false
    end
    return true
  end
  local id = ca.document_id(ref)
  if id == nil then
    ctx:fail(at, what .. ": " .. key .. " must name a controlled document, found "
      .. util.show(ref), tasks)
    return false
  end
  if register == nil then return true end
  local d = register[id]
  if d == nil then
    ctx:fail(at, ("%s is held in %s, which is not in the register of controlled documents "
      .. "(/documented_information/documents)"):format(what, util.quote(id)), tasks)
    return false
  end
  if d.status ~= nil and d.status ~= "approved" then
    ctx:fail(at, ("%s is held in %s, whose status in the register is %s, not approved")
      :format(what, util.quote(id), util.show(d.status)), tasks)
    return false
  end
  local version = ref:match("^%s*%S+%s+[vV](%S+)")
  if version and type(d.version) == "string" and d.version ~= version then
    ctx:fail(at, ("%s refers to %s version %s, but the version in force is %s")
      :format(what, util.quote(id), version, d.version), tasks)
    return false
  end
  return true
end

-- The AI systems of the inventory by id: { [id] = item }, or nil when there is no inventory.
function ca.inventory(doc)
  local inv = doc.ai_system_inventory
  if not ca.is_list(inv) then return nil end
  local by_id = {}
  for i = 1, #inv do
    local s = inv[i]
    if type(s) == "userdata" then
      local id = s.id
      if type(id) == "string" and by_id[id] == nil then by_id[id] = s end
    end
  end
  return by_id
end

-- The Statement of Applicability by control: { [id] = its entry (status, justification) }, or
-- nil when the organisation has none.
function ca.soa(doc)
  local controls = doc:get("/statement_of_applicability/controls")
  if not ca.is_list(controls) then return nil end
  local by_id = {}
  for i = 1, #controls do
    local c = controls[i]
    if type(c) == "userdata" then
      local id = c.control
      if type(id) == "string" and by_id[id] == nil then by_id[id] = c end
    end
  end
  return by_id
end

return ca
