-- wrk script: GET a different path on each request, from a list, for cold renders.
--
-- Arguments (after wrk's "--"): PATHS
--   PATHS  a file with one path per line (bench/pages.py writes it: live stories that the
--          run's other requests do not touch)
--
-- Each thread starts at its own eighth of the list and walks it in order, so with more
-- paths than requests no page is asked for twice in a run. done() prints
-- "status <code> <count>" lines and "sent <n>", which bench/common.py reads.

package.path = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "?.lua;" .. package.path
local report = require "report"

function setup(thread)
  report.setup(thread, 0)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  position = (id * math.floor(#paths / 8)) % #paths  -- apart for up to 8 threads
  sent = 0
  codes = {}
end

function request()
  position = position % #paths + 1
  sent = sent + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  report.count(status)
end

function done(summary, latency, requests)
  report.write({"sent"})
end
