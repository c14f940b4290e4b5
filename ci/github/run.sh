#!/usr/bin/env bash
# The action's work (action.yml): run check, audit and lint once each, annotations on stdout
# (the runner turns `::error file=…` lines into annotations), Markdown and SARIF written with
# --report, the comment's body assembled, the worst exit code as a step output. Never exits
# non-zero itself: the verdict step decides, after the comment is posted.
set -u

dir="${SG_REPORT_DIR:-${RUNNER_TEMP:-/tmp}/schemaguard}"
mkdir -p "$dir/sarif"
rm -f "$dir"/*.md "$dir"/sarif/*.sarif
read -r -a cmd <<< "${SG_COMMAND:-npx --no-install schemaguard}"
read -r -a args <<< "${SG_ARGS:-}"
worst=0
record() { if [ "$1" -gt "$worst" ]; then worst=$1; fi; }
sg() { "${cmd[@]}" "$@" ${args[@]+"${args[@]}"}; }

if [ "${SG_CHECK:-true}" = true ]; then
  echo "::group::schemaguard check"
  # Migrations against models only: the pull request's new migrations are not applied to
  # any live database yet, so comparing one here would always fail.
  sg check --format github --report markdown="$dir/1-check.md" --report sarif="$dir/sarif/check.sarif"
  record $?
  echo "::endgroup::"
fi

if [ -n "${SG_DATABASE_URL:-}" ]; then
  echo "::group::schemaguard audit"
  DATABASE_URL="$SG_DATABASE_URL" sg audit --fail-on "${SG_FAIL_ON:-critical}" --format github --report markdown="$dir/2-audit.md" --report sarif="$dir/sarif/audit.sarif"
  record $?
  echo "::endgroup::"
fi

if [ "${SG_LINT:-true}" = true ]; then
  echo "::group::schemaguard lint"
  # Inside GitHub Actions lint's default format is annotations.
  sg lint
  record $?
  sg lint --format markdown --out "$dir/3-lint.md" >/dev/null 2>&1 || true
  echo "::endgroup::"
fi

# The comment's body (capped to what a comment holds) and the job summary (every report).
body="$dir/comment.md"
node "$(dirname "$0")/compose.mjs" "$dir" "$body" || record 2

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$worst"
    echo "report=$body"
    echo "sarif-directory=$dir/sarif"
  } >> "$GITHUB_OUTPUT"
fi
echo "schemaguard: worst exit code $worst"
exit 0
