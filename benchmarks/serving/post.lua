-- wrk script for benchmarks/serving: POST the file named by WB_BODY as text/csv (or WB_TYPE) to /invocations (or
-- WB_PATH, e.g. /invocations?probabilities=true; Accept WB_ACCEPT, else application/json), count every response that is not 2xx (wrk's own error count misses
-- 1xx/3xx and says nothing per status), and print one JSON line with the figures run.sh and formats.sh collect.
local body_path = os.getenv("WB_BODY") or error("set WB_BODY to the request body file")
local file = assert(io.open(body_path, "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.path = os.getenv("WB_PATH") or "/invocations"
wrk.body = body
wrk.headers["Content-Type"] = os.getenv("WB_TYPE") or "text/csv"
wrk.headers["Accept"] = os.getenv("WB_ACCEPT") or "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  first_bad = ""
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == "" then
      first_bad = status .. " " .. string.sub(body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local bad, sample = 0, ""
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    local first = thread:get("first_bad")
    if sample == "" and first ~= nil then
      sample = first
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'WB_RESULT {"requests":%d,"duration_s":%.6f,"requests_per_s":%.3f,"bytes":%d,' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f},' ..
    '"non2xx":%d,"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"wrk_status_errors":%d,"first_non2xx":"%s"}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean,
    bad, e.connect, e.read, e.write, e.timeout, e.status, string.gsub(sample, '["\\%c]', "?")))
end
