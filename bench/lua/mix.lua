-- wrk script: a news site's traffic mix for `make stress` (bench/stress.py).
--
-- Argument (after wrk's "--"): DATA, a Lua file returning a table with
--   articles  paths of the top stories, hottest first (90% of requests, skewed to the top)
--   home      the front page's path (5%)
--   searches  search paths (3%)
--   comments  {path=, body=} signed comment forms without their text (2%; POSTed with a
--             text of their own, "Stress comment <tag> <thread>-<n>")
--   tag       a word that keeps this run's comments apart from earlier runs'
--   origin    the Origin a browser on the site sends with the form (scheme, host, port)
--
-- done() prints lines bench/stress.py reads: "status <code> <count>", "sent <n>",
-- "comments_sent <n>", "comments_saved <n>" (303 to ?comment=sent), "comments_kept <n>"
-- (503 whose page gives the reader's text back), "page_5xx <n>" (any other 5xx of a
-- cacheable page: articles, home), "uncached_5xx <n>" (5xx of pages the app never caches,
-- X-Dateline-Cache: BYPASS, e.g. search, which needs the database),
-- "p95_ms <x>" and "p99_ms <x>".

package.path = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "?.lua;" .. package.path
local report = require "report"

function setup(thread)
  report.setup(thread, 1)
end

function init(args)
  data = dofile(args[1])
  sent, comments_sent, comments_saved, comments_kept, page_5xx, uncached_5xx = 0, 0, 0, 0, 0, 0
  codes = {}
  host = wrk.headers["Host"]
  origin = data.origin
  math.randomseed(os.time() + id * 7919)
end

local function pick_article()
  -- squared uniform: the first stories get most of the reads, as on a news morning
  local n = #data.articles
  local index = math.floor(n * math.random() ^ 2) + 1
  return data.articles[math.min(index, n)]
end

function request()
  sent = sent + 1
  local roll = math.random(100)
  if roll <= 90 then
    return wrk.format("GET", pick_article(), {["Host"] = host})
  elseif roll <= 95 then
    return wrk.format("GET", data.home, {["Host"] = host})
  elseif roll <= 98 then
    return wrk.format("GET", data.searches[math.random(#data.searches)], {["Host"] = host})
  end
  comments_sent = comments_sent + 1
  local form = data.comments[math.random(#data.comments)]
  local text = string.format("Stress+comment+%s+%d-%d", data.tag, id, comments_sent)
  return wrk.format("POST", form.path, {
    ["Host"] = host,
    ["Origin"] = origin,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, form.body .. "&text=" .. text)
end

function response(status, headers, body)
  report.count(status)
  if status == 303 then
    local location = headers["Location"] or headers["location"] or ""
    if string.find(location, "comment=sent", 1, true) then
      comments_saved = comments_saved + 1
    end
  elseif status >= 500 then
    if status == 503 and body and string.find(body, "Stress comment", 1, true) then
      comments_kept = comments_kept + 1
    elseif (headers["X-Dateline-Cache"] or headers["x-dateline-cache"]) == "BYPASS" then
      uncached_5xx = uncached_5xx + 1
    else
      page_5xx = page_5xx + 1
    end
  end
end

function done(summary, latency, requests)
  report.write({
    "sent", "comments_sent", "comments_saved", "comments_kept", "page_5xx", "uncached_5xx",
  })
  io.write(string.format("p95_ms %.3f\n", latency:percentile(95) / 1000))
  io.write(string.format("p99_ms %.3f\n", latency:percentile(99) / 1000))
end
