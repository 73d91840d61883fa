-- wrk script of the load test: one page (GET) or one form (POST) per run, configured by
-- environment variables that run.py sets. Prints one line "LOADTEST {json}" at the end.
--
--   LT_METHOD   GET or POST            LT_PATH     path (with query string)
--   LT_COOKIE   Cookie header          LT_EXPECT   the status every response must have
--   LT_FORM     desk | ballot | ""     LT_BODY     fixed part of a POSTed form
--   LT_SESSIONS file of session keys, one per line (ballot: one key per request)
--   LT_SESSION_COOKIE, LT_CSRF_COOKIE  cookie names; LT_CSRF the CSRF secret
--   LT_MARKER   tag of this run in titles and addresses (counted afterwards)

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  method = os.getenv("LT_METHOD") or "GET"
  path = os.getenv("LT_PATH") or "/"
  form = os.getenv("LT_FORM") or ""
  expect = tonumber(os.getenv("LT_EXPECT") or "200")
  marker = os.getenv("LT_MARKER") or "run"
  fixed_body = os.getenv("LT_BODY") or ""
  csrf = os.getenv("LT_CSRF") or ""
  session_cookie = os.getenv("LT_SESSION_COOKIE") or "sessionid"
  csrf_cookie = os.getenv("LT_CSRF_COOKIE") or "csrftoken"
  base_cookie = os.getenv("LT_COOKIE") or ""
  referer = os.getenv("LT_REFERER") or ""
  statuses = {}
  unexpected = 0
  wrapped = 0
  sent = 0
  keys = {}
  local nthreads = tonumber(os.getenv("LT_THREADS") or "1")
  local file = os.getenv("LT_SESSIONS")
  if file and file ~= "" then
    -- Each thread takes its own keys (every n-th line), so no two requests share one.
    local index = 0
    for line in io.lines(file) do
      if index % nthreads == id then table.insert(keys, line) end
      index = index + 1
    end
  end
end

function request()
  counter = counter + 1
  sent = sent + 1
  local headers = {
    ["X-Forwarded-Proto"] = "https",
    -- A different client address each time (TEST-NET-3), as the proxy would write it.
    ["X-Forwarded-For"] = string.format("203.0.113.%d", counter % 250 + 1),
  }
  local cookie = base_cookie
  local body = nil
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Referer"] = referer
    cookie = cookie .. "; " .. csrf_cookie .. "=" .. csrf
    body = "csrfmiddlewaretoken=" .. csrf .. "&" .. fixed_body
    if form == "desk" then
      local tag = string.format("%s-%d-%d", marker, id, counter)
      body = body .. "&title=" .. urlencode("Load test " .. tag) ..
        "&contact_email=" .. urlencode("lt-" .. tag .. "@example.org")
    elseif form == "ballot" then
      local index = counter
      if index > #keys then
        wrapped = wrapped + 1
        index = (counter - 1) % #keys + 1
      end
      cookie = cookie .. "; " .. session_cookie .. "=" .. keys[index]
    end
  end
  if cookie ~= "" then headers["Cookie"] = cookie:gsub("^; ", "") end
  return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= expect then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local counts, bad, over, total = {}, 0, 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("sent")
    for code, n in pairs(thread:get("statuses")) do counts[code] = (counts[code] or 0) + n end
    bad = bad + thread:get("unexpected")
    over = over + thread:get("wrapped")
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, string.format('"%d": %d', code, n)) end
  local e = summary.errors
  io.write(string.format(
    'LOADTEST {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"unexpected": %d, "socket_errors": %d, "timeouts": %d, "wrapped": %d, "sent": %d, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, e.connect + e.read + e.write, e.timeout, over, total,
    table.concat(parts, ", ")))
end
