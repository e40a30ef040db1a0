-- wrk script for benchmarks/belasting.py.
-- WRK_PADEN (optional): comma-separated paths to rotate over (a mixed run); otherwise wrk's URL is used.
-- At the end one line "WRKJSON {...}" with the counts and latency percentiles (microseconds).

local paden = {}
local tekst = os.getenv("WRK_PADEN")
if tekst and #tekst > 0 then
  for pad in string.gmatch(tekst, "[^,]+") do
    table.insert(paden, pad)
  end
end
local teller = 0

request = function()
  if #paden == 0 then
    return wrk.request()
  end
  teller = teller + 1
  return wrk.format("GET", paden[(teller % #paden) + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p95_us":%d,"p99_us":%d,'
      .. '"max_us":%d,"mean_us":%.1f,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
