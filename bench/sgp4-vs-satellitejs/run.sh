#!/usr/bin/env bash
# SGP4 throughput, Steppe against satellite.js, on the same 1,000 element sets x 1,440 minutes, single-threaded,
# in the same run. Installs satellite.js into a temporary folder.
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

# Alternate the two sides for ROUNDS rounds (each a warm-up pass and the best of three timed passes) and keep
# each side's best rate, so that a burst of load on a shared machine does not decide the ratio.
rounds="${ROUNDS:-3}"
steppe_rate=0
satjs_rate=0
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds: Steppe"
  steppe_out="$(dotnet "$root/bench/Steppe.Benchmarks/bin/Release/net10.0/Steppe.Benchmarks.dll" sgp4-rate "$work/elements.tle" "$work/steppe.csv")"
  echo "$steppe_out" | grep -v '^RATE'
  steppe_rate=$(echo "$steppe_out" | awk -v best="$steppe_rate" '/^RATE/ { print ($3 > best ? $3 : best) }')
  echo "== round $round of $rounds: satellite.js"
  satjs_out="$(cd "$work" && node propagate.mjs elements.tle satjs.csv)"
  echo "$satjs_out" | grep -v '^RATE'
  satjs_rate=$(echo "$satjs_out" | awk -v best="$satjs_rate" '/^RATE/ { print ($3 > best ? $3 : best) }')
done

echo "== agreement"
(cd "$work" && node compare.mjs steppe.csv satjs.csv)

echo "== result (best of $rounds rounds each, single thread)"
awk -v a="$steppe_rate" -v b="$satjs_rate" 'BEGIN { printf "Steppe %.0f propagations/s, satellite.js %.0f propagations/s, ratio Steppe/satellite.js = %.2f\n", a, b, a / b }'
