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

package.path = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "?.lua;" .. package.path
local report = require "report"

function setup(thread)
  report.setup(thread, 1)
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
  report.count(status)
end

function done(summary, latency, requests)
  report.write({"sent"})
end
