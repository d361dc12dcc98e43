-- wrk script: POST valid, signed view beacons, each one a view that should count.
--
-- Arguments (after wrk's "--"): DATA TAG PER_CLIENT
--   DATA        a Lua file returning a list of form bodies "page=<id>&sig=<signature>"
--               (bench/views_ingest.py writes it from the stack's own signatures)
--   TAG         a hex word that keeps this run's readers apart from earlier runs'
--   PER_CLIENT  how many different stories each simulated reader views (default 10)
--
-- The app recognises a reader by address and browser (salted hash) and counts a
-- story once per reader in 30 minutes; it also limits each reader to
-- DATELINE_VIEWS_RATE_LIMIT beacons a minute. One load generator has one address,
-- so each simulated reader sends its address in X-Real-IP (the app runs with
-- DATELINE_VIEWS_CLIENT_IP_HEADER=HTTP_X_REAL_IP, as it would behind nginx) and
-- views PER_CLIENT different stories: no repeat, no flood, every beacon a view.
-- done() prints "status <code> <count>" lines and "sent <n>" (requests written,
-- answered or not: wrk stops with up to one request per connection in flight),
-- which bench/common.py reads.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  bodies = dofile(args[1])
  tag = args[2] or "0"
  per_client = tonumber(args[3] or "10")
  sent = 0
  codes = {}
  host = wrk.headers["Host"]
  origin = "http://" .. host
end

function request()
  local reader = math.floor(sent / per_client)
  local body = bodies[((reader + sent % per_client) % #bodies) + 1]
  sent = sent + 1
  return wrk.format("POST", wrk.path, {
    ["Host"] = host,
    ["Origin"] = origin,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    ["X-Real-IP"] = string.format("fd00:%s:%x::%x", tag, id, reader),
  }, body)
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
