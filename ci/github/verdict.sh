#!/usr/bin/env bash
# The action's last step: fail the job with the worst exit code of the commands (after the
# comment was posted), unless `fail: false`.
set -u
code="${SG_EXIT_CODE:-}"
if [ -z "$code" ]; then
  echo "::error title=schemaguard::the run step did not finish"
  exit 2
fi
if [ "${SG_FAIL:-true}" = true ] && [ "$code" != 0 ]; then
  echo "schemaguard: failing the job (exit $code)"
  exit "$code"
fi
exit 0
