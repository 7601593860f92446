-- POST a fixed form body (BODY env via the script argument).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
function init(args) wrk.body = args[1] end
