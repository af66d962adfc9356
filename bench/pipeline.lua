-- wrk script: 24 pipelined "GET / HTTP/1.1" requests per write, as Japronto's misc/pipeline.lua.
-- Usage: wrk -t1 -c100 -d10s -s bench/pipeline.lua http://127.0.0.1:8080/
-- wrk parses the returned buffer once, counts the 24 requests and expects 24 responses per write.

local depth = 24

init = function(args)
  local batch = {}
  for i = 1, depth do
    batch[i] = wrk.format(nil, "/")  -- method GET, wrk's default Host header
  end
  req = table.concat(batch)          -- built once; every write reuses the same string
end

request = function()
  return req
end
