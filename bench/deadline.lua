-- wrk script: the last hour before a support deadline.
-- Logged-in citizens browse the proposal lists and proposals and support them; anonymous
-- visitors read the same pages. Proposal pages are read in proportion to their supports
-- (data.visited, unless load_test.py --uniform). bench/load_test.py writes bench/deadline_data.lua (sessions,
-- proposal ids, list URLs) before starting wrk.
--
-- Every support POST uses a (citizen, proposal) pair that no other request uses, so each one
-- that is accepted must add exactly one row: the Python side checks this in the database. The
-- POSTs still unanswered when wrk stops may or may not have been stored: they are counted apart.

local data = dofile("bench/deadline_data.lua")
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  accepted = 0
  refused = 0
  other = 0
  math.randomseed(1000 + thread_index)
  -- wrk sets thread_count only in the main state: the Lua script passes it in the data file.
  stride = data.threads
end

local function session_headers(user)
  return {
    ["Cookie"] = "sessionid=" .. user.session .. "; csrftoken=" .. user.csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
end

local function support_request()
  local i = counter * stride + thread_index
  counter = counter + 1
  local users, proposals = #data.users, #data.proposals
  local user = data.users[(i % users) + 1]
  local proposal = data.proposals[(math.floor(i / users) % proposals) + 1]
  return wrk.format("POST", "/partecipa/proposte/" .. proposal .. "/sostieni/",
    session_headers(user), "csrfmiddlewaretoken=" .. user.csrf)
end

local function browse_request(logged_in)
  local r = math.random()
  local path
  if r < 0.6 then
    path = data.lists[math.random(#data.lists)]
  elseif r < 0.8 then
    path = "/partecipa/proposte/" .. data.visited[math.random(#data.visited)] .. "/"
  else
    path = data.anonymous[math.random(#data.anonymous)]
  end
  if logged_in then
    local user = data.users[math.random(#data.users)]
    return wrk.format("GET", path, session_headers(user))
  end
  return wrk.format("GET", path, {})
end

function request()
  local r = math.random()
  if r < data.support_share then
    return support_request()
  elseif r < data.support_share + data.logged_in_share then
    return browse_request(true)
  end
  return browse_request(false)
end

function response(status, headers, body)
  if status == 302 then
    local location = headers["Location"] or ""
    if string.find(location, "/partecipa/proposte/", 1, true) then
      accepted = accepted + 1
    else
      other = other + 1
    end
  elseif status == 403 then
    refused = refused + 1
  elseif status ~= 200 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total_accepted, total_refused, total_other, total_sent = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("counter")
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
    total_other = total_other + thread:get("other")
  end
  io.write("RESULT requests=", summary.requests, "\n")
  io.write("RESULT duration_us=", summary.duration, "\n")
  io.write("RESULT sent_supports=", total_sent, "\n")
  io.write("RESULT accepted_supports=", total_accepted, "\n")
  io.write("RESULT refused_supports=", total_refused, "\n")
  io.write("RESULT unexpected_responses=", total_other, "\n")
  io.write("RESULT socket_errors=", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, "\n")
  io.write("RESULT status_errors=", summary.errors.status, "\n")
  for _, p in ipairs({50, 75, 90, 95, 99}) do
    io.write("RESULT latency_p", p, "_ms=", latency:percentile(p) / 1000, "\n")
  end
  io.write("RESULT latency_max_ms=", latency.max / 1000, "\n")
end
