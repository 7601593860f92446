-- Code -> token exchange with pre-seeded codes "bench-<run><thread>-<n>" (one per
-- request); the run prefix (script argument) keeps warm-up and measured runs apart.
local counter = 0
local thread_id = 0
local run = "m"
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  thread_id = tid
  run = args[1] or "m"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function request()
  counter = counter + 1
  local body = "grant_type=authorization_code&code=bench-" .. run .. thread_id .. "-" .. counter ..
    "&client_id=bgmbench&client_secret=bench-secret&redirect_uri=bangumi%3A%2F%2Foauth%2Fcallback"
  return wrk.format(nil, nil, nil, body)
end
