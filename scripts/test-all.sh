#!/usr/bin/env bash
# The README's test command (npm test): lint, type-check, engine unit tests (Vitest, Node),
# and the page's end-to-end tests (@playwright/test + Debian's Chromium; its summary reporter,
# e2e/support/summary-reporter.ts, prints "e2e: N passed, N failed, N skipped" last). Every
# suite runs even if an earlier one fails; the last line totals them all: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p .cache
passed=0
failed=0
status=0

step() { # name, command...: a check counted as one test
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); echo "   ok: $name"; else failed=$((failed + 1)); status=1; echo "   FAILED: $name"; fi
}

step "lint (eslint)" npx eslint .
step "type-check (tsc -b)" npx tsc -b

echo "── unit tests (vitest)"
rm -f .cache/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile=.cache/vitest.json || status=1
if [ -f .cache/vitest.json ]; then
  read -r up uf < <(node -e 'const r=require("./.cache/vitest.json");console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0))')
  passed=$((passed + up)); failed=$((failed + uf))
else
  failed=$((failed + 1))
fi

echo "── end-to-end tests (@playwright/test + chromium)"
npm run -s test:e2e 2>&1 | tee .cache/e2e.log
e2e_rc=${PIPESTATUS[0]}
line=$(grep -oE '[0-9]+ passed, [0-9]+ failed' .cache/e2e.log | tail -n 1)
if [ -n "$line" ]; then
  ep=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/'); ef=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
  passed=$((passed + ep)); failed=$((failed + ef))
  [ "$ef" -gt 0 ] && status=1
else
  failed=$((failed + 1))
fi
[ "$e2e_rc" -ne 0 ] && status=1

echo "$passed passed, $failed failed"
exit $status
