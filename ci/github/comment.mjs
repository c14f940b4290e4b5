// Post the report as one pull-request comment, updated on every run: the comment carrying the
// marker is found among the pull request's comments and edited; without one, a comment is
// created. Only on pull requests (the event payload names one); a token without write access
// (a fork's pull request) gets a warning, never a failed job. GitHub's REST API at
// GITHUB_API_URL (the runner sets it; GitHub Enterprise too).
import { readFileSync } from 'node:fs';

const MARKER = '<!-- schemaguard:report -->';

function warn(message) {
  process.stdout.write(`::warning title=schemaguard comment::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
}

function pullRequestNumber(env) {
  if (!env.GITHUB_EVENT_PATH) return null;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    return event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : null) ?? null;
  } catch {
    return null;
  }
}

async function api(env, method, path, body) {
  const res = await fetch(`${env.GITHUB_API_URL ?? 'https://api.github.com'}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${env.GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'schemaguard-action',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.status === 204 ? null : res.json();
}

async function main() {
  const env = process.env;
  if ((env.SG_COMMENT ?? 'true') !== 'true') return;
  const number = pullRequestNumber(env);
  if (number === null) {
    console.log('schemaguard: not a pull request, no comment');
    return;
  }
  if (!env.SG_REPORT || !env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) {
    warn('no report, token or repository: no comment posted');
    return;
  }
  const body = readFileSync(env.SG_REPORT, 'utf8');
  const repo = env.GITHUB_REPOSITORY;
  try {
    let existing = null;
    for (let page = 1; page <= 20 && !existing; page++) {
      const comments = await api(env, 'GET', `/repos/${repo}/issues/${number}/comments?per_page=100&page=${page}`);
      existing = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER)) ?? null;
      if (comments.length < 100) break;
    }
    if (existing) {
      await api(env, 'PATCH', `/repos/${repo}/issues/comments/${existing.id}`, { body });
      console.log(`schemaguard: updated comment ${existing.id} on #${number}`);
    } else {
      const created = await api(env, 'POST', `/repos/${repo}/issues/${number}/comments`, { body });
      console.log(`schemaguard: commented on #${number} (${created?.id ?? '?'})`);
    }
  } catch (error) {
    warn(`could not post the report (${error.message}); it is in the job summary`);
  }
}

await main();
