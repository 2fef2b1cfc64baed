-- wrk script: every request comes from a fresh X-Forwarded-For address, so per-address rate limits
-- (as a young person on their own phone meets them) never cut a run short. Threads use distinct ranges.
local next_thread = 0
local counter = 0
local thread_number = 0

function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

function request()
  counter = counter + 1
  local address = string.format("10.%d.%d.%d", thread_number % 250, math.floor(counter / 250) % 250, counter % 250 + 1)
  wrk.headers["X-Forwarded-For"] = address
  return wrk.format(nil, nil, wrk.headers)
end
