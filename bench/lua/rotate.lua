-- wrk script: GET a different path on each request, from a list, for cold renders.
--
-- Arguments (after wrk's "--"): PATHS
--   PATHS  a file with one path per line (bench/pages.py writes it: live stories that the
--          run's other requests do not touch)
--
-- Each thread starts at its own eighth of the list and walks it in order, so with more
-- paths than requests no page is asked for twice in a run. done() prints
-- "status <code> <count>" lines and "sent <n>", which bench/common.py reads.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
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
  codes[status] = (codes[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals, sent_total = {}, 0
  for _, thread in ipairs(threads) do
    sent_total = sent_total + thread:get("sent")
    for code, count in pairs(thread:get("codes")) do
      totals[code] = (totals[code] or 0) + count
    end
  end
  for code, count in pairs(totals) do
    io.write(string.format("status %d %d\n", code, count))
  end
  io.write(string.format("sent %d\n", sent_total))
end
