-- What the wrk scripts of bench/ share: per-thread counters, summed and printed in done().
--
-- Each wrk thread runs the script in a Lua state of its own; setup() (in the main state)
-- keeps the threads, and done() reads each one's globals with thread:get(). The lines
-- printed, "status <code> <count>" and "<counter> <n>", are read by bench/common.py.
--
-- A script loads it with
--   package.path = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "?.lua;" .. package.path
--   local report = require "report"

local report = {}
local threads = {}
local next_id = 0

-- wrk's setup(thread): number the threads from `first` (0 or 1) and keep them for done().
function report.setup(thread, first)
  thread:set("id", next_id + (first or 0))
  next_id = next_id + 1
  table.insert(threads, thread)
end

-- In response(): count one answer with this status in the thread's global `codes`.
function report.count(status)
  codes[status] = (codes[status] or 0) + 1
end

-- In done(): print every status's total over the threads, then each named counter's.
function report.write(counters)
  local totals, sums = {}, {}
  for _, name in ipairs(counters) do
    sums[name] = 0
  end
  for _, thread in ipairs(threads) do
    for _, name in ipairs(counters) do
      sums[name] = sums[name] + thread:get(name)
    end
    for code, count in pairs(thread:get("codes")) do
      totals[code] = (totals[code] or 0) + count
    end
  end
  for code, count in pairs(totals) do
    io.write(string.format("status %d %d\n", code, count))
  end
  for _, name in ipairs(counters) do
    io.write(string.format("%s %d\n", name, sums[name]))
  end
end

return report
