#!/usr/bin/env bash
# The farm's benchmark (docs/farm.md, "Figures"): not part of the test suite. Run from anywhere;
# each part writes its log and results under OUT (default: bench-out/farm in the repository).
#
#   bench/farm/measure.sh regress [N]    blitz regress --nets N (default 10000) on golden, engine, iss:rv32im,
#                                        iss:rv32im_zbb, iss:rv32im_xbnn (100 mixed vectors each)
#   bench/farm/measure.sh rtl [N]        blitz regress --nets N (default 100) --shapes small --targets golden,rtl
#   bench/farm/measure.sh members [N]    the same regression (default 200 networks, 20 vectors, golden,engine,
#                                        iss:rv32im) on one member, then on two members on the loopback
#                                        (a 'blitz worker' started here)
#   bench/farm/measure.sh overhead [N]   Hazelcast farm vs a plain ExecutorService on the same N jobs
#                                        (bench/farm/FarmOverhead.java), then on 2000 jobs of milliseconds
#   bench/farm/measure.sh status DIR     networks finished so far in DIR/results.jsonl, rate and mismatches
#                                        (for a run still going or stopped: results are appended as they finish)
#
# On a shared machine run the long ones detached and niced, and poll the log:
#   setsid nohup nice -n 10 bench/farm/measure.sh regress 10000 > /tmp/regress.log 2>&1 &
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/bench-out/farm}"
# BLITZ_JAR: a copy of the tool's jar to run (so rebuilding the worktree cannot disturb a long run).
jar="${BLITZ_JAR:-$root/cli/target/blitz.jar}"
mkdir -p "$out"
[ -n "${BLITZ_JAR:-}" ] || "$root/blitz" --version >/dev/null   # builds the jar when the sources changed
blitz() { java -jar "$jar" "$@"; }

timed() {  # timed NAME COMMAND...: runs it, printing wall time and the load average around it
  local name="$1"; shift
  echo "== $name: $* (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  local start end
  start=$(date +%s.%N)
  "$@" || echo "(exit status $?)"
  end=$(date +%s.%N)
  echo "== $name: wall $(echo "$end - $start" | bc) s (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
}

case "${1:-}" in
  regress)
    n="${2:-10000}"
    mkdir -p "$out/regress-$n" && date +%s > "$out/regress-$n/started"
    timed "regress $n" blitz regress --nets "$n" --targets golden,engine,iss:rv32im,iss:rv32im_zbb,iss:rv32im_xbnn \
      -o "$out/regress-$n"
    ;;
  rtl)
    n="${2:-100}"
    mkdir -p "$out/rtl-$n" && date +%s > "$out/rtl-$n/started"
    timed "rtl $n" blitz regress --nets "$n" --shapes small --vectors 20 --targets golden,rtl -o "$out/rtl-$n"
    ;;
  members)
    n="${2:-200}"
    args=(--nets "$n" --vectors 20 --targets golden,engine,iss:rv32im)
    timed "one member" blitz regress "${args[@]}" -o "$out/members-one-$n"
    name="bench-$$"
    port=$((5800 + $$ % 100))
    # java itself in the background (not the blitz function, whose subshell a kill would leave the JVM of)
    java -jar "$jar" worker --port "$port" --cluster-name "$name" > "$out/worker.log" 2>&1 &
    worker=$!
    trap 'kill "$worker" 2>/dev/null || true' EXIT
    for _ in $(seq 1 300); do
      grep -q '^worker ' "$out/worker.log" && break
      sleep 1
    done
    cat "$out/worker.log"
    address=$(sed -n 's/^worker \([^ ]*\) .*/\1/p' "$out/worker.log")
    timed "two members" blitz regress "${args[@]}" --cluster "$address" --cluster-name "$name" -o "$out/members-two-$n"
    kill "$worker"
    wait "$worker" 2>/dev/null || true
    python3 - "$out/members-one-$n" "$out/members-two-$n" <<'PY'
import json, sys
a, b = ([(r["seed"], json.dumps(r["verdicts"])) for r in sorted((json.loads(l) for l in open(d + "/results.jsonl")),
        key=lambda r: r["seed"])] for d in sys.argv[1:])
print("same verdicts for every network on one and two members:", a == b)
PY
    ;;
  overhead)
    n="${2:-200}"
    timed "overhead $n" java -cp "$jar" "$root/bench/farm/FarmOverhead.java" "$n" 20 2 2
    # jobs of milliseconds: the farm's cost per job, not the simulator's speed
    timed "overhead small jobs" java -cp "$jar" "$root/bench/farm/FarmOverhead.java" 2000 20 2 3 golden,engine small
    ;;
  status)
    python3 - "${2:?directory of a regress run}" <<'PY'
import json, os, sys, time
f = os.path.join(sys.argv[1], "results.jsonl")
rows = [json.loads(l) for l in open(f)]
started = os.path.join(sys.argv[1], "started")
elapsed = os.path.getmtime(f) - float(open(started).read()) if os.path.exists(started) else float("nan")
bad = {}
for r in rows:
    for v in r["verdicts"]:
        bad[v["target"]] = bad.get(v["target"], 0) + v["mismatches"] + (1 if v["crash"] else 0)
print(f"{len(rows)} networks finished, {sum(r['vectors'] for r in rows)} vectors; "
      f"mismatching vectors + crashes per target: {bad}")
members = {}
for r in rows:
    members[r["member"]] = members.get(r["member"], 0) + 1
print("jobs per member:", members, "; job time sum", sum(r["ms"] for r in rows) / 1000, "s")
print(f"{elapsed:.0f} s from the start to the last result (member start included): "
      f"{len(rows) / elapsed:.3f} networks/s")
PY
    ;;
  *)
    sed -n '2,20p' "$0"
    exit 2
    ;;
esac
