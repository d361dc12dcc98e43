"""The Redis backend's Lua scripts: each runs atomically inside Redis.

Every key a script touches is passed in KEYS, as Redis asks
(https://redis.io/docs/latest/develop/interact/programmability/eval-intro/).
A window's running set holds every view of its hours from its start (kept in the
``starts`` hash, as a Unix time) on; a window without a start is not built yet and
is left alone by RECORD.
"""

# Counting one view, from KEYS[k + 1] and ARGV[a + 1] on (``_record_body``):
# KEYS: hour set, pending hash, starts hash, then one running set per window.
# ARGV: count, page id, hour set expiry (Unix time), pending field, hour (Unix time),
#       then the window names, in the order of their sets in KEYS.
_RECORD_BODY = """
local count, page, hour = ARGV[{a} + 1], ARGV[{a} + 2], tonumber(ARGV[{a} + 5])
redis.call('ZINCRBY', KEYS[{k} + 1], count, page)
redis.call('EXPIREAT', KEYS[{k} + 1], ARGV[{a} + 3])
redis.call('HINCRBY', KEYS[{k} + 2], ARGV[{a} + 4], count)
for i = {a} + 6, #ARGV do
  local start = redis.call('HGET', KEYS[{k} + 3], ARGV[i])
  if start and hour >= tonumber(start) then
    redis.call('ZINCRBY', KEYS[i - {a} + {k} - 2], count, page)
  end
end
"""


def _record_body(*, keys: int, args: int) -> str:
    return _RECORD_BODY.format(k=keys, a=args)


RECORD = _record_body(keys=0, args=0) + "return 1\n"

# One reader's beacon in one round trip: the rate limit, the repeat filter, the view.
# KEYS: the client's counter for this minute, its key for this story, then RECORD's keys.
# ARGV: the limit per minute, the counter's lifetime and the repeat filter's (seconds),
#       then RECORD's arguments.
# Returns 0 when counted, 1 for a repeat (not counted), 2 over the limit (not counted).
# Every beacon past the filters counts towards the limit, repeats too, as before.
BEACON = (
    """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
if hits > tonumber(ARGV[1]) then
  return 2
end
if not redis.call('SET', KEYS[2], 1, 'NX', 'EX', ARGV[3]) then
  return 1
end
"""
    + _record_body(keys=2, args=3)
    + "return 0\n"
)

# KEYS: the window's running set, the starts hash, then hour sets.
# ARGV: window name, the start this move was computed from ("" for none), the new
#       start, and 1 to recount from the hour sets given (the new window's hours)
#       or 0 to subtract them (the hours that left the window).
# Returns 0 without a change when another process moved the window meanwhile.
ADVANCE = """
local current = redis.call('HGET', KEYS[2], ARGV[1]) or ''
if current ~= ARGV[2] then
  return 0
end
if ARGV[4] == '1' then
  redis.call('DEL', KEYS[1])
  if #KEYS > 2 then
    local hours = {}
    for i = 3, #KEYS do
      hours[#hours + 1] = KEYS[i]
    end
    redis.call('ZUNIONSTORE', KEYS[1], #hours, unpack(hours))
  end
else
  for i = 3, #KEYS do
    local members = redis.call('ZRANGE', KEYS[i], 0, -1, 'WITHSCORES')
    for j = 1, #members, 2 do
      redis.call('ZINCRBY', KEYS[1], -tonumber(members[j + 1]), members[j])
    end
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', 0)
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1
"""
