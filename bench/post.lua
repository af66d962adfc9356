-- wrk script: POST /echo with a 4096-byte body, one request at a time per connection; the server
-- answers with the body. wrk.format adds the Content-Length of wrk.body to the request once, in init.
-- Usage: wrk -t1 -c100 -d10s -s bench/post.lua http://127.0.0.1:8080/echo

local size = 4096
local pattern = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"  -- 64 bytes

wrk.method = "POST"
wrk.body = string.rep(pattern, size / #pattern)
wrk.headers["Content-Type"] = "application/octet-stream"
