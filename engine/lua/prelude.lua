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
