-- wrk script of EndpointBenchmark: sends the requests of a file written beforehand (lines of body, then the
-- signature header's value), each once, in order; prints one line of figures at the end.
-- Usage: wrk -t1 -c32 -d10s -s wrk-requests.lua URL -- REQUESTS_FILE
local requests = {}
local count = 0
local nextIndex = 1
wrapped = 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  while true do
    local body = file:read("*l")
    if not body then break end
    local signature = file:read("*l")
    count = count + 1
    requests[count] = wrk.format("POST", nil,
      { ["Content-Type"] = "application/json", ["X-HumanChat-Signature"] = signature }, body)
  end
  file:close()
  initClock = os.clock() -- the process's CPU time so far: reading the requests is not part of the load
end

function request()
  local r = requests[nextIndex]
  nextIndex = nextIndex + 1
  if nextIndex > count then
    nextIndex = 1
    wrapped = wrapped + 1
  end
  return r
end

function done(summary, latency, _)
  local wraps = 0
  local setupClock = 0
  for _, thread in ipairs(threads) do
    wraps = wraps + thread:get("wrapped")
    setupClock = math.max(setupClock, thread:get("initClock"))
  end
  local e = summary.errors
  io.write(string.format("WRK requests=%d micros=%d failed=%d p50=%d p99=%d wrapped=%d cpumicros=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99), wraps, (os.clock() - setupClock) * 1000000))
end
