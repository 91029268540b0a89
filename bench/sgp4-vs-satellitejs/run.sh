#!/usr/bin/env bash
# SGP4 throughput, Steppe against satellite.js, on the same 1,000 element sets x 1,440 minutes, in the same run:
# satellite.js, Steppe's scalar propagator and Steppe's batch propagator (one thread and every core), near-Earth and
# deep-space sets apart, in propagations per second per core. Installs satellite.js into a temporary folder.
# Usage: [ROUNDS=3] bench/sgp4-vs-satellitejs/run.sh [COUNT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== installing satellite.js"
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund satellite.js@7 >/dev/null)
cp "$here/propagate.mjs" "$here/compare.mjs" "$work/"
echo "satellite.js $(node -p "require('$work/node_modules/satellite.js/package.json').version"), node $(node --version)"

# The element sets: line pairs of data/elements/*.tle in file order, repeated from the start if there are fewer
# than COUNT (the bundled files hold 903).
awk -v n="$count" '
  BEGIN { k = 0 }
  /^1 / { l1[k] = $0; next }
  /^2 / { l2[k++] = $0 }
  END { for (i = 0; i < n; i++) { j = i % k; print l1[j]; print l2[j] } }
' <(cat "$root"/data/elements/*.tle | tr -d '\r') > "$work/elements.tle"
pairs=$(cat "$root"/data/elements/*.tle | tr -d '\r' | grep -c '^2 ')
echo "element sets: $count from data/elements/*.tle ($pairs in the files, taken in file order and repeated from the start)"

echo "== building Steppe (Release)"
dotnet build "$root/bench/Steppe.Benchmarks" -c Release --nologo -v quiet >/dev/null

# Alternate the two sides for ROUNDS rounds (each measurement a warm-up pass and the best of timed passes over at least
# a second) and keep each measurement's best rate, so that a burst of load on a shared machine does not decide the
# ratios.
rounds="${ROUNDS:-3}"
: > "$work/rates"
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds: Steppe"
  steppe_out="$(dotnet "$root/bench/Steppe.Benchmarks/bin/Release/net10.0/Steppe.Benchmarks.dll" sgp4-rate "$work/elements.tle" "$work/steppe.csv")"
  echo "$steppe_out" | grep -v '^RATE'
  echo "$steppe_out" | grep '^RATE' >> "$work/rates"
  echo "== round $round of $rounds: satellite.js"
  satjs_out="$(cd "$work" && node propagate.mjs elements.tle satjs.csv)"
  echo "$satjs_out" | grep -v '^RATE'
  echo "$satjs_out" | grep '^RATE' >> "$work/rates"
done

echo "== agreement (scalar Steppe against satellite.js at the sample minutes)"
(cd "$work" && node compare.mjs steppe.csv satjs.csv)

echo "== result (best of $rounds rounds; propagations per second per core, millions)"
awk '
  $1 == "RATE" {
    k = $2 " " $3
    if (!(k in wall) || $4 > wall[k]) wall[k] = $4
    if (!(k in cpu) || $5 > cpu[k]) cpu[k] = $5
    threads[$2] = $6
  }
  END {
    names[1] = "satellitejs"; names[2] = "steppe-scalar"; names[3] = "steppe-batch-1"; names[4] = "steppe-batch-all"
    label[1] = "satellite.js (1 thread)"; label[2] = "Steppe scalar (1 thread)"; label[3] = "Steppe batch (1 thread)"
    label[4] = "Steppe batch (" threads["steppe-batch-all"] " threads, per core)"
    for (pass = 1; pass <= 2; pass++) {
      if (pass == 1) print "wall clock:"; else print "CPU time (steadier when other work shares the machine):"
      printf "  %-36s %12s %10s %12s %10s\n", "", "near-Earth", "ratio", "deep-space", "ratio"
      for (i = 1; i <= 4; i++) {
        n = names[i]
        rn = (pass == 1 ? wall[n " near"] : cpu[n " near"]); rd = (pass == 1 ? wall[n " deep"] : cpu[n " deep"])
        bn = (pass == 1 ? wall["satellitejs near"] : cpu["satellitejs near"]); bd = (pass == 1 ? wall["satellitejs deep"] : cpu["satellitejs deep"])
        printf "  %-36s %12.2f %9.1fx %12.2f %9.1fx\n", label[i], rn / 1e6, rn / bn, rd / 1e6, rd / bd
      }
    }
    print "(ratio: against satellite.js on the same sets; target for the batch: at least 30 million near-Earth propagations per second per core, 15x satellite.js)"
  }
' "$work/rates"
