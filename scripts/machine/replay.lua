-- Replays a plan of advance inputs and inspect queries against a stored Cartesi machine snapshot, through the
-- emulator's cmio interface, the same calls cartesi-machine.lua makes for --cmio-advance-state and
-- --cmio-inspect-state (send_cmio_response, then run, saving every tx-output and tx-report yield until the next
-- manual yield), with the same rollback: the machine server is forked before each request, and a rejected
-- advance, an exception or any inspect goes back to the fork, as a Rollups node does. Unlike the command line
-- (all advances first, then at most one inspect), inspects can sit anywhere in the plan.
--
-- Usage: lua5.4 replay.lua <snapshot dir> <plan file> <results file> [<max cycles per request>]
--   plan: one request a line, "A <hex of the EvmAdvance calldata>" or "I <hex of the query payload>"
--   results: one JSON line per request:
--     {"step":n,"kind":"A"|"I","status":"accepted"|"rejected"|"exception","cycles":c,"outputs":["0x.."],"reports":["0x.."]}
-- The first line of the results describes the snapshot: {"snapshot":dir,"mcycle":m,"hash":"0x.."}.
local cartesi = require("cartesi")
local jsonrpc = require("cartesi.jsonrpc")

local snapshot, plan_path, results_path, max_cycles = arg[1], arg[2], arg[3], tonumber(arg[4] or "") or 4000000000
assert(snapshot and plan_path and results_path, "usage: lua5.4 replay.lua <snapshot dir> <plan file> <results file> [max cycles]")

local function tohex(data)
    return "0x" .. (data:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
local function fromhex(hex)
    return (hex:gsub("^0x", ""):gsub("%x%x", function(h) return string.char(tonumber(h, 16)) end))
end
local function json_list(items)
    local quoted = {}
    for i, v in ipairs(items) do quoted[i] = '"' .. v .. '"' end
    return "[" .. table.concat(quoted, ",") .. "]"
end

local server <close>, address = jsonrpc.spawn_server()
server:set_cleanup_call(jsonrpc.NOTHING)
local machine = server:load(snapshot, { skip_root_hash_check = true, skip_version_check = false })
local results = assert(io.open(results_path, "w"))
results:write(string.format('{"snapshot":"%s","mcycle":%d,"hash":"%s"}\n', snapshot, machine:read_reg("mcycle"),
    tohex(machine:get_root_hash())))
results:flush()

-- Runs until the next manual yield (or halt), collecting automatic tx-output and tx-report yields.
local function run_request(m, limit)
    local outputs, reports = {}, {}
    while true do
        m:run(limit)
        if m:read_reg("iflags_H") ~= 0 then return "halted", outputs, reports end
        if m:read_reg("iflags_Y") ~= 0 then
            local _, reason = m:receive_cmio_request()
            if reason == cartesi.CMIO_YIELD_MANUAL_REASON_RX_ACCEPTED then return "accepted", outputs, reports end
            if reason == cartesi.CMIO_YIELD_MANUAL_REASON_RX_REJECTED then return "rejected", outputs, reports end
            if reason == cartesi.CMIO_YIELD_MANUAL_REASON_TX_EXCEPTION then return "exception", outputs, reports end
            error("unexpected manual yield reason " .. tostring(reason))
        elseif m:read_reg("iflags_X") ~= 0 then
            local _, reason, data = m:receive_cmio_request()
            if reason == cartesi.CMIO_YIELD_AUTOMATIC_REASON_TX_OUTPUT then
                outputs[#outputs + 1] = tohex(data)
            elseif reason == cartesi.CMIO_YIELD_AUTOMATIC_REASON_TX_REPORT then
                reports[#reports + 1] = tohex(data)
            end
        elseif m:read_reg("mcycle") >= limit then
            return "cycle-limit", outputs, reports
        end
    end
end

-- The snapshot sits at the back-end's first /finish: a manual rx-accepted yield.
assert(machine:read_reg("iflags_Y") ~= 0, "the snapshot is not at a manual yield")

local step = 0
for line in io.lines(plan_path) do
    local kind, hex = line:match("^([AI]) (0x%x*)$")
    if kind then
        step = step + 1
        local backup = machine:fork_server()
        local start = machine:read_reg("mcycle")
        machine:send_cmio_response(
            kind == "A" and cartesi.CMIO_YIELD_REASON_ADVANCE_STATE or cartesi.CMIO_YIELD_REASON_INSPECT_STATE,
            fromhex(hex)
        )
        local status, outputs, reports = run_request(machine, start + max_cycles)
        local cycles = machine:read_reg("mcycle") - start
        results:write(string.format('{"step":%d,"kind":"%s","status":"%s","cycles":%d,"outputs":%s,"reports":%s}\n', step,
            kind, status, cycles, json_list(outputs), json_list(reports)))
        results:flush()
        if status == "halted" or status == "cycle-limit" then
            backup:shutdown_server()
            error(string.format("request %d: the machine %s", step, status))
        end
        if kind == "A" and status == "accepted" then
            backup:shutdown_server()
        else -- rejected, exception, or an inspect: back to the state before the request
            local addr = machine:get_server_address()
            machine:shutdown_server()
            machine:swap(backup)
            machine:rebind_server(addr)
        end
    end
end
results:close()
machine:shutdown_server()
io.stderr:write(string.format("replayed %d requests\n", step))
