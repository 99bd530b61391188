-- Helpers shared by the controls of the iso42001 pack: telling evidence shapes apart, reading
-- items safely, and wording values in messages the same way everywhere.
-- Loaded with `local util = require "util"`; the returned table is frozen after load.
local util = {}

-- The shape of an evidence value: "object", "array", "empty" (an empty object or array: the
-- binding cannot tell which, and no control needs to), or the Lua type of a scalar
-- ("string", "number", "boolean", "nil").
function util.shape(v)
  if type(v) ~= "userdata" then return type(v) end
  local k = next_member(v)
  if k == nil then return "empty" end
  if math.type(k) == "integer" then return "array" end
  return "object"
end

-- True for an integral number (JSON 3 or 3.0).
function util.is_integer(v)
  if math.type(v) == "integer" then return true end
  return math.type(v) == "float" and v == math.floor(v) and v > -2^53 and v < 2^53
end

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
    if d == 0 and util.is_integer(x) then
      out[i] = string.format("%d", math.tointeger(x))
    else
      out[i] = string.format("%." .. d .. "f", x)
    end
  end
  return table.unpack(out, 1, xs.n)
end

-- A string in double quotes, shortened past 60 characters, with quotes and control characters
-- escaped, so a message stays on one line.
function util.quote(s)
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
  if util.shape(item) == "object" then
    for _, key in ipairs({ "id", "name" }) do
      local v = item[key]
      if type(v) == "string" and present(v) then return noun .. " " .. util.quote(v) end
    end
  end
  return noun .. " #" .. i
end

-- Reads the list at `pointer` of `doc` for a control that cannot judge without it. Returns the
-- list handle, or nil after reporting insufficient evidence (missing, empty or not a list).
-- `what` names the list in messages ("risk register"). An empty list counts as missing: it gives
-- the control nothing to judge. `tasks` (optional) are the remediation keys of the report.
function util.require_list(doc, ctx, pointer, what, tasks)
  local v = doc:get(pointer)
  local s = util.shape(v)
  if s == "array" then return v end
  if s == "nil" then
    ctx:insufficient(pointer, "no " .. what .. " at " .. pointer, tasks)
  elseif s == "empty" then
    ctx:insufficient(pointer, "no " .. what .. " at " .. pointer .. " (the list is empty)", tasks)
  else
    ctx:insufficient(pointer, what .. " at " .. pointer .. " must be a list, found "
      .. util.show(v), tasks)
  end
  return nil
end

-- Reads the object at `pointer` like require_list does.
function util.require_object(doc, ctx, pointer, what, tasks)
  local v = doc:get(pointer)
  local s = util.shape(v)
  if s == "object" then return v end
  if s == "nil" then
    ctx:insufficient(pointer, "no " .. what .. " at " .. pointer, tasks)
  elseif s == "empty" then
    ctx:insufficient(pointer, "no " .. what .. " at " .. pointer .. " (the object is empty)", tasks)
  else
    ctx:insufficient(pointer, what .. " at " .. pointer .. " must be an object, found "
      .. util.show(v), tasks)
  end
  return nil
end

-- Whole days from a date to --as-of. Returns the age, or nil after reporting a failure at
-- `pointer`: a value that is not a date, or a date after --as-of. `what` names the date;
-- `tasks` (optional) are the remediation keys of the report.
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

local function days_in_month(y, m)
  local lengths = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  if m == 2 and (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)) then return 29 end
  return lengths[m]
end

-- The calendar date `months` after the date (YYYY-MM-DD or RFC 3339) `s`, as YYYY-MM-DD, the
-- day clamped to the end of a shorter month; nil if `s` is not a date.
function util.add_months(s, months)
  if type(s) ~= "string" or dates.day(s) == nil then return nil end
  local y, m, d = s:match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if y == nil then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  local total = y * 12 + (m - 1) + months
  y, m = total // 12, total % 12 + 1
  d = math.min(d, days_in_month(y, m))
  return string.format("%04d-%02d-%02d", y, m, d)
end

-- "1 risk", "3 risks".
function util.plural(n, noun, nouns)
  return string.format("%d %s", n, n == 1 and noun or (nouns or noun .. "s"))
end

return util
