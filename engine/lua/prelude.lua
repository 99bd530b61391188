-- The aimsgate prelude: the policy DSL every pack runs against.
-- It runs once in each Lua state, before the pack, with the host's functions as its argument.
-- Its globals are frozen with all the others before the first line of the pack runs.
local host = ...

-- Declares the pack. Exactly one call, in pack.lua:
--   pack { id = "iso42001", title = ..., version = "1.0.0", modules = { "clauses/c06_planning.lua" } }
function pack(spec)
  host.register_pack(spec)
end

-- Declares a control:
--   control "A.6.2.4" { title = ..., citations = {...}, applies_to = {...}, severity = "high",
--                       check = function(doc, ctx) ... end, remediation = {...} }
function control(id)
  if type(id) ~= "string" then
    error('control: expected an id string, as in control "A.6.2.4" { ... }', 2)
  end
  return function(spec)
    host.register_control(id, spec)
  end
end

-- Changes an inherited control, in a pack that extends another:
--   override "A.6.2.4" { severity = "critical", enforcement = "hard", params = { min_metrics = 3 },
--                        applies_to = { "model_card" }, when = function(doc, ctx) ... end }
function override(id)
  if type(id) ~= "string" then
    error('override: expected a control id, as in override "A.6.2.4" { ... }', 2)
  end
  return function(spec)
    host.register_override(id, spec)
  end
end

-- Switches an inherited control off; its findings become not_applicable with the reason:
--   switch_off "A.10.4" { justification = "We have no customers of our AI systems" }
function switch_off(id)
  if type(id) ~= "string" then
    error('switch_off: expected a control id, as in switch_off "A.10.4" { ... }', 2)
  end
  return function(spec)
    host.register_switch_off(id, spec)
  end
end

-- Raises an error naming `name` unless a and b are numbers and tol is a number or nil.
local function number_args(name, a, b, tol)
  local args = { a, b, tol or 0 }
  for i = 1, 3 do
    local v = args[i]
    if type(v) ~= "number" then
      error(("%s: argument #%d must be a number, got %s"):format(name, i, type(v)), 3)
    end
  end
  if tol and tol < 0 then error(name .. ": the tolerance must not be negative", 3) end
end

-- The tolerance used when none is given: a few units in the last place of the larger value.
local function default_tol(a, b)
  return 1e-9 * math.max(1, math.abs(a), math.abs(b))
end

-- True when |a - b| <= tol (default: 1e-9 relative to the larger magnitude, at least 1e-9).
function approx(a, b, tol)
  number_args("approx", a, b, tol)
  return math.abs(a - b) <= (tol or default_tol(a, b))
end

-- True when value >= threshold - tol: a reported 0.8 meets a threshold of 0.8000000001.
function at_least(value, threshold, tol)
  number_args("at_least", value, threshold, tol)
  return value >= threshold - (tol or default_tol(value, threshold))
end

-- True when value <= threshold + tol.
function at_most(value, threshold, tol)
  number_args("at_most", value, threshold, tol)
  return value <= threshold + (tol or default_tol(value, threshold))
end

-- Dates found in evidence. Both return nil for anything that is not a valid date.
dates = {
  -- "YYYY-MM-DD" or an RFC 3339 date-time -> whole days since 1970-01-01 (UTC)
  day = host.parse_day,
  -- the same -> seconds since 1970-01-01T00:00:00Z
  time = host.parse_time,
}

-- True when `v` holds something: not nil, not a blank string, not an empty array or object.
function present(v)
  local t = type(v)
  if t == "nil" then return false end
  if t == "string" then return v:find("%S") ~= nil end
  if t == "userdata" or t == "table" then return #v > 0 or next_member(v) ~= nil end
  return true
end

-- The first key of an evidence object or table, or nil.
function next_member(v)
  for k in pairs(v) do return k end
  return nil
end

-- The number of elements of an evidence array (0 for nil).
function count(v)
  if v == nil then return 0 end
  return #v
end
