-- Helpers shared by every control of the iso42001 pack: telling evidence shapes apart, wording
-- values in messages the same way everywhere, reading required evidence, dates, review cycles
-- and freshness, thresholds, registers and the Statement of Applicability.
-- Loaded with `local util = require "util"`; the returned table is frozen after load, so nothing
-- here keeps state between documents.
local util = {}

---------------------------------------------------------------------------------------------------
-- Values and shapes

-- The shape of an evidence value: "object", "array", "empty" (an empty object or array: the
-- binding cannot tell which, and no control needs to), or the Lua type of a scalar
-- ("string", "number", "boolean", "nil").
function util.shape(v)
  if type(v) ~= "userdata" then return type(v) end
  if #v == 0 then return "empty" end
  if v:is_array() then return "array" end
  return "object"
end

-- True for a JSON object with at least one member (util.shape(v) == "object", but cheaper).
function util.is_object(v)
  return type(v) == "userdata" and v:is_object() and #v > 0
end

-- True for a JSON array with at least one element (util.shape(v) == "array"): an empty list
-- records nothing.
function util.is_list(v)
  return type(v) == "userdata" and v:is_array() and #v > 0
end

-- True for a string with something in it (a non-blank string).
function util.is_text(v)
  return type(v) == "string" and v:find("%S") ~= nil
end

-- True for an integral number (JSON 3 or 3.0).
function util.is_integer(v)
  if math.type(v) == "integer" then return true end
  return math.type(v) == "float" and v == math.floor(v) and v > -2^53 and v < 2^53
end

---------------------------------------------------------------------------------------------------
-- Messages

-- The fewest decimals (0-6) that print `x` back exactly.
local function decimals(x)
  if math.type(x) ~= "float" then return 0 end
  for d = 0, 6 do
    if tonumber(string.format("%." .. d .. "f", x)) == x then return d end
  end
  return 6
end

-- Formats numbers so that a value and its threshold read alike: each gets its own decimals,
-- but at least as many as the others have, up to 2: nums(0.68, 0.7) -> "0.68", "0.70";
-- nums(0.81234, 0.9) -> "0.81234", "0.90".
function util.nums(...)
  local xs = table.pack(...)
  local shared = 0
  for i = 1, xs.n do shared = math.max(shared, math.min(decimals(xs[i]), 2)) end
  local out = {}
  for i = 1, xs.n do
    local x = xs[i]
    local d = math.max(decimals(x), shared)
    if x ~= x or math.abs(x) >= 1e15 then
      -- Past 15 digits, or NaN and infinities: an exponent reads better than every digit.
      out[i] = string.format("%.6g", x)
    elseif d == 0 and util.is_integer(x) then
      out[i] = string.format("%d", math.tointeger(x))
    else
      out[i] = string.format("%." .. d .. "f", x)
    end
  end
  return table.unpack(out, 1, xs.n)
end

-- A string in double quotes, shortened past 60 characters, with quotes and control characters
-- escaped, so a message stays on one line. Anything but a string or a number is worded as
-- util.show words it ("a list", "an object", "null or missing"), never as the binding's
-- internal name of a node.
function util.quote(s)
  local t = type(s)
  if t ~= "string" and t ~= "number" then return util.show(s) end
  s = tostring(s)
  if #s > 60 then s = s:sub(1, 57) .. "..." end
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' or c == "\\" then return "\\" .. c end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end

-- A value as a message shows it: `"high"`, `3`, `true`, `an object`, `a list`, `null or missing`.
function util.show(v)
  local s = util.shape(v)
  if s == "string" then return util.quote(v) end
  if s == "number" then return (util.nums(v)) end
  if s == "boolean" then return tostring(v) end
  if s == "nil" then return "null or missing" end
  if s == "object" then return "an object" end
  if s == "array" then return "a list" end
  return "an empty list or object"
end

-- What to call item `i` of a list in messages: `risk "R-01"`, or `risk #3` when it has no id.
-- Looks at `id`, then `name`, when the item is an object.
function util.label(noun, item, i)
  if util.is_object(item) then
    -- The usual case, a short plain id, without util.quote's work.
    local v = item.id
    if type(v) ~= "string" or not v:find("%S") then v = item.name end
    if type(v) == "string" and #v <= 60 and v:find("%S") and not v:find('[%c"\\]') then
      return noun .. ' "' .. v .. '"'
    end
    for _, key in ipairs({ "id", "name" }) do
      v = item[key]
      if util.is_text(v) then return noun .. " " .. util.quote(v) end
    end
  end
  return noun .. " #" .. i
end

-- "1 risk", "3 risks", "2.5 risks" (a count read from evidence need not be whole).
function util.plural(n, noun, nouns)
  return (util.nums(n)) .. " " .. (n == 1 and noun or (nouns or noun .. "s"))
end

-- Lists ids in a message: the first `max` (default 8), then "and N more".
function util.id_list(ids, max)
  max = max or 8
  if #ids <= max then return table.concat(ids, ", ") end
  return table.concat(ids, ", ", 1, max) .. (", and %d more"):format(#ids - max)
end

---------------------------------------------------------------------------------------------------
-- Identifiers and vocabularies of the data model (docs/evidence.md)

local ANNEX_A, ISO = {}, {}
-- How many Annex A controls the registry has (38), for messages: taken from the registry, never
-- written out.
util.ANNEX_A_COUNT = 0
for _, id in ipairs(registry.annex_a) do
  ANNEX_A[id] = true; ISO[id] = true
  util.ANNEX_A_COUNT = util.ANNEX_A_COUNT + 1
end
for _, id in ipairs(registry.clauses) do ISO[id] = true end

-- True when `id` is one of the Annex A controls of the registry (a lookup, not a pattern, so
-- A.6.10 is refused).
function util.is_annex_a(id)
  return ANNEX_A[id] == true
end

-- True when `id` is one of the 70 identifiers of the registry (a clause requirement or an Annex
-- A control).
function util.is_iso_id(id)
  return type(id) == "string" and ISO[id] == true
end

-- Days one period of each recurring `frequency` allows; `ad_hoc` has none.
local FREQUENCY_DAYS = {
  continuous = 1, daily = 1, weekly = 7, monthly = 31, quarterly = 92, semiannual = 183,
  annual = 366,
}

-- How a message says each frequency.
local FREQUENCY_WORDS = {
  continuous = "continuously", daily = "daily", weekly = "weekly", monthly = "monthly",
  quarterly = "quarterly", semiannual = "every six months", annual = "yearly",
}

-- The days one period of `frequency` allows; nil for `ad_hoc`, a missing value or anything else.
function util.frequency_days(f)
  if type(f) ~= "string" then return nil end
  return FREQUENCY_DAYS[f]
end

-- Life-cycle stages in which an AI system is in operation.
util.OPERATING = { deployment = true, production = true }

-- Life-cycle stages in which an AI system is not (yet, or any longer) in operation: controls on
-- deployment and monitoring do not apply to a card at one of them that records neither.
util.NOT_IN_OPERATION = {
  inception = true, design = true, development = true, validation = true, retired = true,
}

-- True when the risk tier `tier` is the pack's high_risk_tier, compared case-insensitively.
function util.is_high_risk(tier, ctx)
  return type(tier) == "string"
    and tier:lower() == tostring(ctx.params.high_risk_tier):lower()
end

-- True for "sha256:" followed by 64 hex digits.
function util.is_sha256(v)
  return type(v) == "string" and re.full(v, "sha256:[0-9a-fA-F]{64}")
end

---------------------------------------------------------------------------------------------------
-- Names of people, posts and bodies. Three ways of comparing them are in use; they differ only
-- in how blanks inside a name count.

-- A name with every blank dropped, in lower case: "Chief  Risk Officer" and "chiefriskofficer"
-- are one name. nil for anything but a string.
function util.compact_name(s)
  if type(s) ~= "string" then return nil end
  return (s:lower():gsub("%s+", ""))
end

-- True when two names are the same once compacted (util.compact_name).
function util.same_compact(a, b)
  if a == b then return type(a) == "string" end
  return type(a) == "string" and type(b) == "string"
    and util.compact_name(a) == util.compact_name(b)
end

-- A name as people write it, compared loosely: lower case, blanks collapsed, trimmed.
function util.normal_name(s)
  return (s:lower():gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- True when two strings name the same person, post or body (util.normal_name).
function util.same_name(a, b)
  if type(a) ~= "string" or type(b) ~= "string" then return false end
  return util.normal_name(a) == util.normal_name(b)
end

-- A name trimmed of surrounding blanks, in lower case.
local function trimmed_name(s)
  local core = re.match(s, "^\\s*(.*?)\\s*$")
  return (core or s):lower()
end

-- True when two strings designate the same party: case and surrounding blanks ignored, blanks
-- inside kept.
function util.same_party(a, b)
  if type(a) ~= "string" or type(b) ~= "string" then return false end
  return trimmed_name(a) == trimmed_name(b)
end

---------------------------------------------------------------------------------------------------
-- Required evidence. `tasks` (optional everywhere) are the remediation keys of the report.

-- The value at `pointer` of `doc` when it has the shape `want` ("array" or "object"), or nil
-- after reporting insufficient evidence: it is missing, empty, or of another shape.
local function require_shape(doc, ctx, pointer, what, tasks, want)
  local v = doc:get(pointer)
  local s = util.shape(v)
  if s == want then return v end
  local kind = want == "array" and "list" or "object"
  if s == "nil" then
    ctx:insufficient(pointer, "no " .. what .. " at " .. pointer, tasks)
  elseif s == "empty" then
    ctx:insufficient(pointer, "no " .. what .. " at " .. pointer .. " (the " .. kind
      .. " is empty)", tasks)
  else
    ctx:insufficient(pointer, what .. " at " .. pointer .. " must be "
      .. (kind == "list" and "a list" or "an object") .. ", found " .. util.show(v), tasks)
  end
  return nil
end

-- Reads the list at `pointer` of `doc` for a control that cannot judge without it. Returns the
-- list handle, or nil after reporting insufficient evidence (missing, empty or not a list).
-- `what` names the list in messages ("risk register"). An empty list counts as missing: it gives
-- the control nothing to judge.
function util.require_list(doc, ctx, pointer, what, tasks)
  return require_shape(doc, ctx, pointer, what, tasks, "array")
end

-- Reads the object at `pointer` like require_list does.
function util.require_object(doc, ctx, pointer, what, tasks)
  return require_shape(doc, ctx, pointer, what, tasks, "object")
end

-- The non-blank string obj[key], or nil after failing at obj/key with `message`; a value of
-- another type is named after it, in the form `found` (default " (found %s)").
function util.need_text(ctx, obj, key, message, tasks, found)
  local v = obj[key]
  if type(v) == "string" and v:find("%S") then return v end
  if v ~= nil and type(v) ~= "string" then
    message = message .. (found or " (found %s)"):format(util.show(v))
  end
  ctx:fail(obj:pointer(key), message, tasks)
  return nil
end

-- util.need_text for the fields of list items: the message, `name .. " " .. what`, is only built
-- when the field is missing.
function util.need_field(ctx, obj, key, name, what, tasks)
  local v = obj[key]
  if type(v) == "string" and v:find("%S") then return v end
  return util.need_text(ctx, obj, key, name .. " " .. what, tasks)
end

-- Requires a non-blank string obj[key]: fails at its pointer with "<name> <missing>" when it is
-- absent or blank, or "<name>: <key> must be text, found ..." for another type. Returns true
-- when it is there.
function util.require_text(ctx, obj, key, name, missing, tasks)
  local v = obj[key]
  if type(v) == "string" and v:find("%S") then return true end
  if v ~= nil and type(v) ~= "string" then
    ctx:fail(obj:pointer(key), ("%s: %s must be text, found %s"):format(name, key, util.show(v)),
      tasks)
  else
    ctx:fail(obj:pointer(key), name .. " " .. missing, tasks)
  end
  return false
end

-- Fails every field of `fields` that `item` (at pointer `at`) does not record (util `present`:
-- any type will do). `fields` is a list of { key, what } pairs, `what` naming the field in
-- messages; `name` names the item. Returns the number of fields missing.
function util.require_fields(item, at, name, fields, ctx, tasks)
  local missing = 0
  for _, f in ipairs(fields) do
    local key, what = f[1], f[2]
    if not present(item[key]) then
      ctx:fail(at .. "/" .. key, ("%s does not record %s (%s)"):format(name, what, key), tasks)
      missing = missing + 1
    end
  end
  return missing
end

-- Fails each entry of the list `list` that is not a non-blank string, at its own pointer, with
-- `before .. i .. after .. util.show(entry) .. ")"`. Returns the number of usable entries.
function util.blank_entries(ctx, list, before, after, tasks)
  local usable = 0
  for i = 1, #list do
    local v = list[i]
    if type(v) == "string" and v:find("%S") then
      usable = usable + 1
    else
      ctx:fail(list:pointer(i), before .. i .. after .. util.show(v) .. ")", tasks)
    end
  end
  return usable
end

-- Requires obj[key] to be a non-empty list of non-blank strings: anything else fails at obj/key
-- with `message`, each blank entry as "entry <i> of <key> is blank". Returns the list (or nil)
-- and whether every entry was usable.
function util.need_strings(ctx, obj, key, message, tasks)
  local list = obj[key]
  if not util.is_list(list) then
    ctx:fail(obj:pointer(key), message, tasks)
    return nil, false
  end
  local usable = util.blank_entries(ctx, list, "entry ", " of " .. key .. " is blank (found ",
    tasks)
  return list, usable == #list
end

-- Like util.need_strings, worded for Annex A.5-A.6: a missing or empty list fails with `missing`,
-- another value with `missing .. ": expected a list, found ..."`, each blank entry as
-- "<noun> #<i> says nothing". Returns the list (or nil), the number of usable entries, and
-- whether every entry was usable.
function util.strings(ctx, obj, key, missing, noun, tasks)
  local list = obj[key]
  local s = util.shape(list)
  if s == "nil" or s == "empty" then
    ctx:fail(obj:pointer(key), missing, tasks)
    return nil, 0, false
  end
  if s ~= "array" then
    ctx:fail(obj:pointer(key), missing .. ": expected a list, found " .. util.show(list), tasks)
    return nil, 0, false
  end
  local usable = util.blank_entries(ctx, list, noun .. " #", " says nothing (found ", tasks)
  return list, usable, usable == #list
end

-- Checks that `list` (at pointer `at`) is a non-empty list of non-blank strings, failing the list
-- or each blank entry at its own pointer. `what` names the list ("preparation steps"), `name`
-- its holder ("dataset \"ds-1\""). A missing list fails as "<name> states no <what>" (an empty
-- one adds "(the list is empty)"), or as "<name> records no <what>" for both when `records`
-- is true. Returns the number of usable entries (0 when the list is unusable) and whether
-- every entry was usable (false for a missing or empty list).
function util.check_strings(ctx, list, at, name, what, tasks, records)
  local s = util.shape(list)
  if s == "nil" or s == "empty" then
    local message = name .. (records and " records no " or " states no ") .. what
    if s == "empty" and not records then message = message .. " (the list is empty)" end
    ctx:fail(at, message, tasks)
    return 0, false
  end
  if s ~= "array" then
    ctx:fail(at, name .. ": " .. what .. " must be a list, found " .. util.show(list), tasks)
    return 0, false
  end
  local usable = util.blank_entries(ctx, list, name .. ": entry #",
    " of its " .. what .. " says nothing (found ", tasks)
  return usable, usable == #list
end

---------------------------------------------------------------------------------------------------
-- Dates. A date is YYYY-MM-DD or RFC 3339; a day number counts days since 1970-01-01.

-- The day number of --as-of.
function util.today(ctx)
  return dates.day(ctx.as_of)
end

-- The day number of a date string, or nil (for anything else too).
function util.day(v)
  if type(v) ~= "string" then return nil end
  return dates.day(v)
end

-- Whole days from a date to --as-of. Returns the age, or nil after reporting a failure at
-- `pointer`: a value that is not a date, or a date after --as-of. `what` names the date.
function util.age_in_days(ctx, value, pointer, what, tasks)
  local age, err = ctx:days_since(value)
  if age == nil then
    ctx:fail(pointer, what .. " " .. util.show(value) .. " is not a date (YYYY-MM-DD or RFC 3339)",
      tasks)
    return nil
  end
  if age < 0 then
    ctx:fail(pointer, what .. " " .. value .. " is after --as-of " .. ctx.as_of, tasks)
    return nil
  end
  return age
end

-- Reads a date that must not lie after --as-of (when something happened), at `at`. A nil value
-- fails with the message `missing` (true: "<what> is not dated"), or is not reported when
-- `missing` is nil (the caller decides whether a missing date is a gap); a value that is not a
-- date, or lies after --as-of, fails as util.age_in_days says, naming it `what`. Returns its day
-- number and its age in days, or nil.
function util.past_date(ctx, value, at, what, tasks, missing)
  if value == nil then
    if missing == true then missing = what .. " is not dated" end
    if missing then ctx:fail(at, missing, tasks) end
    return nil
  end
  local age = util.age_in_days(ctx, value, at, what, tasks)
  if age == nil then return nil end
  return dates.day(value), age
end

-- util.past_date for the member `key` of `obj`. A missing date fails as "<what> is not dated
-- (<key>)", a bad one names it "<what> <key>"; with `recorded`, "<what> is not recorded
-- (<key>)" and "<what>". Returns its day number and age in days, or nil.
function util.need_date(ctx, obj, key, what, tasks, recorded)
  local v = obj[key]
  local at = obj:pointer(key)
  if v == nil then
    ctx:fail(at, what .. (recorded and " is not recorded (" or " is not dated (") .. key .. ")",
      tasks)
    return nil
  end
  return util.past_date(ctx, v, at, recorded and what or (what .. " " .. key), tasks)
end

-- Reads a date that may lie in the future (a due date). Returns its day number, or nil after
-- failing at `pointer` when it is not a date. A nil value returns nil without a report.
function util.day_of(ctx, value, pointer, what, tasks)
  if value == nil then return nil end
  local day = type(value) == "string" and dates.day(value) or nil
  if day == nil then
    ctx:fail(pointer, what .. " " .. util.show(value) .. " is not a date (YYYY-MM-DD)", tasks)
  end
  return day
end

local MONTH_DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

-- The calendar date `months` (a whole number) after the date (YYYY-MM-DD or RFC 3339) `s`, as
-- YYYY-MM-DD, the day clamped to the end of a shorter month; nil if `s` is not a date. A date
-- past the year 9999 (a cycle no one plans: util.cycle_months refuses those from evidence, but a
-- param may allow one) is clamped to 9999-12-31, so callers always get a date they can compare.
function util.add_months(s, months)
  if type(s) ~= "string" or dates.day(s) == nil then return nil end
  local y, m, d = s:match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if y == nil then return nil end
  months = math.floor(months)
  if months > 12 * 10000 then return "9999-12-31" end
  local total = tonumber(y) * 12 + (tonumber(m) - 1) + months
  if total >= 12 * 10000 then return "9999-12-31" end
  y, m, d = total // 12, total % 12 + 1, tonumber(d)
  local last = MONTH_DAYS[m]
  if m == 2 and y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) then last = 29 end
  if d > last then d = last end
  return string.format("%04d-%02d-%02d", y, m, d)
end

-- The day number of the date `months` after `date`, and that date as YYYY-MM-DD; nil when
-- `date` is not a date.
function util.months_after(date, months)
  local due = util.add_months(date, months)
  if due == nil then return nil end
  return dates.day(due), due
end

-- Like util.past_date with the missing message "<what> is not dated", and fails when the date is
-- more than `max_days` before --as-of: "<what> (<date>) was N days before <as-of>; ...". `what` is
-- a noun phrase ("the last review of the incident procedure"). Returns the age when it is within
-- the limit, else nil.
function util.fresh(ctx, value, at, what, max_days, tasks)
  local _, age = util.past_date(ctx, value, at, what, tasks, true)
  if age == nil then return nil end
  if age > max_days then
    ctx:fail(at, ("%s (%s) was %d days before %s; at most %d days are allowed")
      :format(what, value, age, ctx.as_of, max_days), tasks)
    return nil
  end
  return age
end

-- Fails at `at` when `age` (days) is above `max_days`: "<event> <date>, N days before <as-of>; at
-- most M days are allowed", `event` saying what happened ("the policy was last reviewed").
-- Returns true when it failed.
function util.too_old(ctx, age, max_days, at, event, date, tasks)
  if age <= max_days then return false end
  ctx:fail(at, ("%s %s, %d days before %s; at most %d days are allowed")
    :format(event, date, age, ctx.as_of, max_days), tasks)
  return true
end

-- Checks that a model card's record `obj` (named `what` in messages: "the resource record") was
-- last reviewed (obj.last_reviewed) within `max_days` of --as-of, and not before the card's
-- version was trained (/development/training/completed). A missing date is insufficient
-- evidence ("<undated> is not dated ..."); a bad one is named `label`. Returns true when the
-- record is current.
function util.check_current(ctx, doc, obj, what, undated, label, max_days, tasks)
  local last = obj.last_reviewed
  local at = obj:pointer("last_reviewed")
  if last == nil then
    ctx:insufficient(at, undated .. " is not dated (last_reviewed), so it cannot be told whether "
      .. "it is current", tasks)
    return false
  end
  local age = util.age_in_days(ctx, last, at, label, tasks)
  if age == nil then return false end
  if age > max_days then
    ctx:fail(at, ("%s was last reviewed %s, %d days before %s; it must be reviewed at least "
      .. "every %d days"):format(what, last, age, ctx.as_of, max_days), tasks)
    return false
  end
  -- A record reviewed before this version was trained describes an earlier version.
  local trained = doc:get("/development/training/completed")
  local trained_day = util.day(trained)
  if trained_day and dates.day(last) < trained_day then
    ctx:fail(at, ("%s was last reviewed %s, before version %s was trained (%s); review it for the "
      .. "current version"):format(what, last, util.show(doc.version), trained), tasks)
    return false
  end
  return true
end

-- The longest planned interval, in months, that evidence may state (100 years): anything longer
-- is not a cycle anyone plans, and dates computed from it would leave the calendar.
util.MAX_PLAUSIBLE_MONTHS = 1200

-- A planned interval in months (a review or reassessment cycle): returns it as an integer when
-- it is a whole number from 1 to `max` (no upper limit but util.MAX_PLAUSIBLE_MONTHS when `max`
-- is nil); else nil and the problem, "missing", "malformed", "implausible" (longer than
-- util.MAX_PLAUSIBLE_MONTHS, whatever `max` says) or "too_long" (with the number of months for
-- the last two; util.implausible_months words the third).
function util.cycle_months(v, max)
  if v == nil then return nil, "missing" end
  if not util.is_integer(v) or v < 1 then return nil, "malformed" end
  if v > util.MAX_PLAUSIBLE_MONTHS then return nil, "implausible", v end
  if max and v > max then return nil, "too_long", math.tointeger(v) end
  return math.tointeger(v)
end

-- The message for a cycle util.cycle_months found implausible: "<what> of 1000000 months is not
-- a plausible cycle (at most 1200 months, 100 years)". `what` names the cycle ("a refresh
-- cycle").
function util.implausible_months(what, months)
  return ("%s of %s months is not a plausible cycle (at most %d months, %d years)")
    :format(what, (util.nums(months)), util.MAX_PLAUSIBLE_MONTHS, util.MAX_PLAUSIBLE_MONTHS // 12)
end

-- How util.check_review words what it finds, by style (see there).
local REVIEW_WORDS = {
  clause = {
    no_cycle = function(what, key) return what .. " states no review cycle (" .. key .. ")" end,
    malformed = function(what, key, v)
      return what .. ": " .. key .. " must be a whole number of months, found " .. util.show(v)
    end,
    too_long = function(what, months, max)
      return ("%s is reviewed every %d months; at most %d are allowed"):format(what, months, max)
    end,
    undated = function(what)
      return what .. " is not dated (last_reviewed or approved), so its review cannot be checked"
    end,
    overdue = function(what, due, key, since, months, late, as_of)
      return ("%s was due for review by %s (%s %s, every %d months), %d days before %s")
        :format(what, due, key == "approved" and "approved" or "last reviewed", since, months,
          late, as_of)
    end,
  },
  brief = {
    no_cycle = function(what, key) return what .. " states no review cycle (" .. key .. ")" end,
    malformed = function(_, key, v)
      return key .. " must be a whole number of months, found " .. util.show(v)
    end,
    too_long = function(what, months, max)
      return ("%s is reviewed every %d months; at most %d are allowed"):format(what, months, max)
    end,
    undated = function(what) return what .. " is not dated (last_reviewed or approved)" end,
    overdue = function(what, due, key, since, months)
      return ("%s was due for review by %s (%s %s, every %d months)")
        :format(what, due, key == "approved" and "approved" or "last reviewed", since, months)
    end,
  },
  planned = {
    no_cycle = function(what, key) return ("%s has no planned interval (%s)"):format(what, key) end,
    malformed = function(_, key, v)
      return ("%s must be a whole number of months, found %s"):format(key, util.show(v))
    end,
    too_long = function(what, months, max)
      return ("%s is planned every %d months; at most %d are allowed"):format(what, months, max)
    end,
    undated = function(what, since_key) return ("%s is not dated (%s)"):format(what, since_key) end,
    overdue = function(what, due, key, since, months, late, as_of)
      return ("%s was due by %s (%s %s, every %d months), %d days before %s")
        :format(what, due, key, since, months, late, as_of)
    end,
  },
}

-- The day number and value of the date obj[key] when it lies on or before `today`; nil when the
-- member is absent; false after reporting a value that is not a date or lies after --as-of.
local function reviewed_day(ctx, obj, key, what, today, tasks)
  local v = obj[key]
  if v == nil then return nil end
  local d = type(v) == "string" and dates.day(v)
  if d and d <= today then return d, v end
  util.age_in_days(ctx, v, obj:pointer(key), what .. " " .. key, tasks)  -- reports why
  return false
end

-- Checks that `obj` (its `what` named in messages) is reviewed within its cycle, and returns the
-- date the next review is due, or nil after reporting why it is not on time or cannot be told.
--   opts.cycle        the cycle in months, when the data model has no cycle member for `obj`
--                     (then obj[cycle_key] is not read)
--   opts.cycle_key    the member holding the cycle in months (default "review_cycle_months")
--   opts.max_cycle    the longest cycle accepted (none when nil)
--   opts.since_key    the date of the latest review (default "last_reviewed")
--   opts.fallback_key the date counted when there is none (default "approved"; false: none)
--   opts.tasks        remediation keys; opts.cycle_tasks for a missing or bad cycle (default
--                     opts.tasks)
--   opts.style        how it counts and words it:
--     nil (Clauses 4-7): from the later of the two dates (approving a new version is a review),
--       both checked; "<what> was due for review by <date> (...), N days before <as-of>".
--     "brief" (Annex A.5, A.7, A.9): from since_key, else fallback_key; "<what> was due for
--       review by <date> (...)". opts.limit_what names `obj` in the too-long message.
--     "planned" (Annex A.6): like "brief", worded as a planned interval; "<what> was due by
--       <date> (...), N days before <as-of>".
function util.check_review(ctx, obj, what, opts)
  local style = opts.style or "clause"
  local words = REVIEW_WORDS[style]
  local tasks = opts.tasks
  local cycle = opts.cycle
  if cycle == nil then
    local key = opts.cycle_key or "review_cycle_months"
    local v = obj[key]
    local months, problem, too_many = util.cycle_months(v, opts.max_cycle)
    if months == nil then
      local message
      if problem == "missing" then
        message = words.no_cycle(what, key)
      elseif problem == "malformed" then
        message = words.malformed(what, key, v)
      elseif problem == "implausible" then
        message = what .. ": " .. util.implausible_months("a review cycle", too_many)
      else
        message = words.too_long(opts.limit_what or what, too_many, opts.max_cycle)
      end
      ctx:fail(obj:pointer(key), message, opts.cycle_tasks or tasks)
      return nil
    end
    cycle = months
  end
  local since_key = opts.since_key or "last_reviewed"
  local fallback_key = opts.fallback_key
  if fallback_key == nil then fallback_key = "approved" end
  local today = dates.day(ctx.as_of)
  local since, key
  if style == "clause" then
    local dl, last = reviewed_day(ctx, obj, since_key, what, today, tasks)
    if dl == false then return nil end
    local da, approved = reviewed_day(ctx, obj, fallback_key, what, today, tasks)
    if da == false then return nil end
    if dl and (da == nil or dl >= da) then
      since, key = last, since_key
    elseif da then
      since, key = approved, fallback_key
    end
  else
    key = since_key
    if obj[key] == nil and fallback_key then key = fallback_key end
    since = obj[key]
    if since ~= nil and util.age_in_days(ctx, since, obj:pointer(key), key, tasks) == nil then
      return nil
    end
  end
  if since == nil then
    ctx:insufficient(obj:pointer(since_key), words.undated(what, since_key), tasks)
    return nil
  end
  local due = util.add_months(since, cycle)
  local late = today - dates.day(due)
  if late > 0 then
    ctx:fail(obj:pointer(key), words.overdue(what, due, key, since, cycle, late, ctx.as_of), tasks)
    return nil
  end
  return due
end

-- Checks that a recurring activity dated obj[key] took place within its `frequency` (plus
-- `grace` days). `ad_hoc` activities are not timed. Returns true when on time (or untimed).
function util.check_recurrence(ctx, obj, key, frequency, grace, what, tasks)
  local days = util.frequency_days(frequency)
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

-- Sorts dated records ({ day = <day number>, ... }) oldest first, unless they already are (the
-- order documents keep them in).
function util.sort_by_day(records)
  for k = 2, #records do
    if records[k].day < records[k - 1].day then
      table.sort(records, function(x, y) return x.day < y.day end)
      return
    end
  end
end

---------------------------------------------------------------------------------------------------
-- Thresholds

-- Whether `value` meets `threshold` in `direction` ("max": at most; anything else, as "min",
-- the default: at least). Returns true, or false and the side it misses on ("below", "above").
function util.meets(value, threshold, direction)
  if direction == "max" then
    if value > threshold then return false, "above" end
  elseif value < threshold then
    return false, "below"
  end
  return true
end

---------------------------------------------------------------------------------------------------
-- Registers and references

-- The objects of `list` by their string member `key` (default "id"): { [value] = item }, the
-- first item with each value (the last one when `last` is true); nil when `list` is not a
-- non-empty list. Built once per check, so references resolve without nested loops.
function util.by_key(list, key, last)
  if not util.is_list(list) then return nil end
  key = key or "id"
  local out = {}
  for i = 1, #list do
    local item = list[i]
    -- Arrays and empty objects have no members: their `key` reads as nil.
    if type(item) == "userdata" then
      local v = item[key]
      if type(v) == "string" and (last or out[v] == nil) then out[v] = item end
    end
  end
  return out
end

-- A set of the strings in a list (an empty set for anything else).
function util.set_of(list)
  local out = {}
  if util.shape(list) ~= "array" then return out end
  for i = 1, #list do
    local v = list[i]
    if type(v) == "string" then out[v] = true end
  end
  return out
end

-- The controlled documents by id, or nil when the register is absent.
function util.document_register(doc)
  return util.by_key(doc:get("/documented_information/documents"), "id")
end

-- The AI systems of the inventory by id, or nil when there is no inventory.
function util.inventory(doc)
  return util.by_key(doc.ai_system_inventory, "id")
end

-- The document id of a reference such as "HSI-AIMS-PRC-005 v1.3": its first word.
local function document_id(ref)
  if type(ref) ~= "string" then return nil end
  return ref:match("^%s*(%S+)")
end

-- Checks the reference obj[key] to a controlled document ("HSI-AIMS-PRC-005 v1.3") against the
-- register `register` (from util.document_register; nil skips the cross-check): the document
-- must be registered, approved, and in the version referred to. `required` fails a missing
-- reference. Returns true when the reference holds.
function util.check_document_ref(ctx, obj, key, register, what, required, tasks)
  local ref = obj[key]
  local at = obj:pointer(key)
  if ref == nil then
    if required then
      ctx:fail(at, what .. " is not held in a controlled document (" .. key .. ")", tasks)
      return false
    end
    return true
  end
  local id = document_id(ref)
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

-- The names of top management and the governing body, compacted (util.compact_name), as a set:
-- the leadership's top_management, its accountable executive, and the body it reports to. nil
-- when the record names none.
function util.top_authorities(doc)
  local set, n = {}, 0
  local function add(v)
    local k = util.compact_name(v)
    if k and k ~= "" and not set[k] then set[k] = true; n = n + 1 end
  end
  local leadership = doc.leadership
  if not util.is_object(leadership) then return nil end
  local top = leadership.top_management
  if util.is_list(top) then
    for i = 1, #top do add(top[i]) end
  end
  add(leadership.accountable_executive)
  local board = leadership.board_reporting
  if util.is_object(board) then add(board.body) end
  if n == 0 then return nil end
  return set
end

---------------------------------------------------------------------------------------------------
-- The Statement of Applicability (an organisation's /statement_of_applicability/controls)

-- The justification of an SoA entry that validly excludes its control: status "excluded" with a
-- non-blank justification; nil otherwise. An exclusion without a justification is not valid
-- (6.1.3 reports it), so its control is evaluated as if included.
local function exclusion(entry)
  if entry.status ~= "excluded" then return nil end
  local why = entry.justification
  if type(why) == "string" and why:find("%S") then return why end
  return nil
end

-- The SoA entries by control id (the first entry of a control listed twice), or nil when the
-- organisation has no SoA.
function util.soa(doc)
  return util.by_key(doc:get("/statement_of_applicability/controls"), "control")
end

-- The SoA entry of control `id` (the first, when it is listed twice) and its JSON Pointer, or nil.
local function soa_entry(doc, id)
  local controls = doc:get("/statement_of_applicability/controls")
  if not util.is_list(controls) then return nil end
  for i = 1, #controls do
    local entry = controls[i]
    if type(entry) == "userdata" and entry.control == id then return entry, controls:pointer(i) end
  end
  return nil
end

-- For an organization document whose Statement of Applicability validly excludes the control
-- being evaluated: reports not_applicable with the justification, located at the SoA entry that
-- excludes it, and returns true, so the check should return. Otherwise (other kinds carry no
-- SoA) returns false: the control is evaluated.
function util.excluded_by_soa(doc, ctx)
  if doc.kind ~= "organization" then return false end
  local entry, at = soa_entry(doc, ctx.control)
  local why = entry and exclusion(entry)
  if why == nil then return false end
  ctx:not_applicable("excluded in the Statement of Applicability: " .. why, at)
  return true
end

-- The controls the organisation's SoA validly excludes, as a set (by the same rule as
-- util.excluded_by_soa).
function util.soa_exclusions(doc)
  local out = {}
  for id, entry in pairs(util.soa(doc) or {}) do
    if exclusion(entry) then out[id] = true end
  end
  return out
end

---------------------------------------------------------------------------------------------------
-- Vendor questionnaires. A control that applies to vendor_questionnaire judges the vendor's own
-- practice through its answers to the catalogue questions mapped to it (docs/evidence.md):
-- procurement asks "does this supplier do what the control asks of us?".

-- The standard question catalogue, in order: id, what a "yes" means, and whether a "no" to it
-- rules the vendor out on its own (A.10.3).
util.VENDOR_QUESTIONS = {
  { "GOV-01", "an approved, reviewed AI policy", true },
  { "GOV-02", "roles and an accountable executive for AI" },
  { "GOV-03", "a route to report concerns" },
  { "RSK-01", "AI risk assessment with a documented method", true },
  { "RSK-02", "AI risk treatment and accepted residual risk", true },
  { "IMP-01", "impact assessment for individuals, groups and society" },
  { "DEV-01", "a responsible-development process" },
  { "DEV-02", "verification and validation of each release", true },
  { "DEV-03", "notice of material model changes" },
  { "OPS-01", "monitoring of performance and drift" },
  { "OPS-02", "event logs available on request" },
  { "DAT-01", "documented training data provenance", true },
  { "DAT-02", "measured training data quality" },
  { "DAT-03", "rights to use the training data", true },
  { "TRN-01", "technical documentation for customers" },
  { "TRN-02", "documented limitations and intended uses" },
  { "INC-01", "incident notification within an agreed time", true },
  { "HUM-01", "human oversight and override" },
  { "SEC-01", "testing against adversarial attacks and misuse", true },
  { "PRV-01", "no training on customer data without consent", true },
  { "TPM-01", "disclosed and managed subprocessors", true },
  { "TPM-02", "responsibilities allocated in the contract" },
}

local QUESTION_MEANING = {}
for _, q in ipairs(util.VENDOR_QUESTIONS) do QUESTION_MEANING[q[1]] = q[2] end

-- The remediation key of every vendor-side finding, and its task for a control's practice.
util.VENDOR_TASK = "obtain-vendor-assurance"
function util.vendor_task(practice)
  return { key = util.VENDOR_TASK, owner = "procurement",
    title = "Obtain from the vendor evidence of " .. practice
      .. ", or a dated commitment to put it in place, before relying on the product" }
end

-- Judges a vendor's answers to `questions` (catalogue ids). Passes when every one is "yes" with
-- a reference to supporting evidence. Unanswered, or "yes" with nothing to back it, is
-- insufficient evidence (a missing answer is never a yes); "no" and "partial" fail, quoting
-- the vendor's comment; "not_applicable" needs the vendor's reason, and when every question is
-- not applicable so is the finding.
function util.vendor_practice(doc, ctx, questions)
  local task = util.VENDOR_TASK
  local answers = util.require_object(doc, ctx, "/answers", "answers to the questionnaire", task)
  if answers == nil then return end
  local ok, yes, na = true, {}, {}
  for _, id in ipairs(questions) do
    local a, at = answers[id], "/answers/" .. id
    local what = ("%s (%s)"):format(id, QUESTION_MEANING[id])
    if a == nil then
      ctx:insufficient(at, "question " .. what .. " is unanswered", task)
      ok = false
    elseif util.shape(a) ~= "object" then
      ctx:fail(at, "the answer to " .. what .. " must be an object, found " .. util.show(a),
        task)
      ok = false
    elseif a.answer == "yes" then
      if present(a.evidence) then
        yes[#yes + 1] = id
      else
        ctx:insufficient(at .. "/evidence", "the vendor answers yes to " .. what
          .. " but cites no evidence for it", task)
        ok = false
      end
    elseif a.answer == "not_applicable" then
      if present(a.comment) then
        na[#na + 1] = ("%s: %s"):format(id, a.comment)
      else
        ctx:fail(at .. "/comment", "the vendor answers not_applicable to " .. what
          .. " without saying why", task)
        ok = false
      end
    elseif a.answer == "no" or a.answer == "partial" then
      local why = present(a.comment) and (": " .. util.quote(a.comment)) or " with no explanation"
      ctx:fail(at .. "/answer", ("the vendor answers %s to %s%s"):format(a.answer, what, why),
        task)
      ok = false
    else
      ctx:fail(at .. "/answer", ("the answer to %s is %s; expected yes, no, partial or "
        .. "not_applicable"):format(what, util.show(a.answer)), task)
      ok = false
    end
  end
  if not ok then return end
  if #yes == 0 then
    ctx:not_applicable("the vendor says this does not apply to its product: "
      .. table.concat(na, "; "), "/answers/" .. questions[1])
  else
    ctx:pass("the vendor answers yes with supporting evidence to " .. table.concat(yes, ", ")
      .. (#na > 0 and (" (not applicable: " .. table.concat(na, "; ") .. ")") or ""))
  end
end

return util
