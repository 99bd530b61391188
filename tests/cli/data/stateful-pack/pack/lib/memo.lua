-- A cache private to the module: remembers every id it is given.
local seen = {}
return {
  remember = function(id)
    seen[#seen + 1] = id
    return #seen
  end,
}
