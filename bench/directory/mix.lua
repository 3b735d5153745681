-- wrk script: each request a path drawn at random from the file named after
-- "--" on wrk's command line (one path per line; see mix.mjs).
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 1000)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
