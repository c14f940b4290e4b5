// The pull-request comment from the reports run.sh wrote (`1-check.md`, `2-audit.md`,
// `3-lint.md`, in that order): a marker line the comment step finds again on the next push,
// then each report. GitHub refuses a comment over 65,536 characters: reports that do not fit
// are replaced by one line pointing at the job summary, which gets every report in full.
// Usage: node compose.mjs REPORT_DIR OUT_FILE
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MARKER = '<!-- schemaguard:report -->';
const LIMIT = 65_536 - 256;

export function compose(reports, runUrl) {
  const parts = [MARKER];
  let size = MARKER.length + 1;
  for (const r of reports) {
    const text = r.text.trimEnd();
    if (size + text.length + 2 <= LIMIT) {
      parts.push(text);
      size += text.length + 2;
    } else {
      const note = `> The ${r.name} report (${text.length.toLocaleString('en-US')} characters) does not fit in this comment: it is in the job summary${runUrl ? ` of ${runUrl}` : ''}.`;
      parts.push(note);
      size += note.length + 2;
    }
  }
  return `${parts.join('\n\n')}\n`;
}

function main() {
  const [dir, out] = process.argv.slice(2);
  const files = readdirSync(dir).filter((f) => /^\d-[a-z]+\.md$/.test(f)).sort();
  const reports = files.map((f) => ({ name: f.replace(/^\d-|\.md$/g, ''), text: readFileSync(join(dir, f), 'utf8') }));
  const env = process.env;
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : '';
  const body = reports.length > 0 ? compose(reports, runUrl) : `${MARKER}\n\nschemaguard wrote no report (see the job log).\n`;
  writeFileSync(out, body);
  if (env.GITHUB_STEP_SUMMARY) {
    // The job summary holds up to 1 MiB per step.
    const all = reports.map((r) => r.text.trimEnd()).join('\n\n');
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${all.length > 1_000_000 ? `${all.slice(0, all.lastIndexOf('\n', 1_000_000))}\n\n> Cut at 1 MB.` : all}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
