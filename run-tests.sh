#!/usr/bin/env bash
# Runs every Steppe test: restores, builds, runs all test projects and prints "N passed, N failed[, N skipped]".
# System packages the tests need (Node.js/npm for the web page, PostgreSQL server, Chromium for the browser tests) are
# installed when missing and this runs as root.
set -uo pipefail
cd "$(dirname "$0")"

need=()
# The web page of 'steppe serve' is built by npm during 'dotnet build' (src/Steppe.Server/Steppe.Server.csproj).
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
# The browser tests drive Debian's Chromium through Playwright; Playwright never downloads a browser of its own.
[ -x "${STEPPE_CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# The catalog tests run against a real PostgreSQL server (Debian's 'postgresql' brings initdb and pg_ctl).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A throwaway PostgreSQL server for the catalog tests (unless STEPPE_TEST_POSTGRES names one), stopped at the end.
if [ -z "${STEPPE_TEST_POSTGRES:-}" ]; then
  pg_dir=$(mktemp -u -t steppe-pg.XXXXXX)
  if conn=$(scripts/postgres-for-tests.sh start "$pg_dir"); then
    export STEPPE_TEST_POSTGRES="$conn"
    trap 'scripts/postgres-for-tests.sh stop "$pg_dir"' EXIT
    echo "PostgreSQL for the catalog tests: $conn"
  else
    echo "PostgreSQL could not be started: the PostgreSQL catalog tests will fail." >&2
  fi
fi

log=$(mktemp)
dotnet test Steppe.slnx -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
shots=tests/Steppe.Browser.Tests/bin/Release/net10.0/TestResults/screenshots
[ -d "$shots" ] && echo "Browser screenshots: $shots/ ($(ls "$shots" | wc -l) files)"

passed=0; failed=0; skipped=0
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(grep -E '(Passed|Failed)! +- Failed: ' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "The build or a test host failed (see above)."; fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
