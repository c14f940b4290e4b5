// `.env` in the project root, read as the dotenv convention has it: KEY=value lines, optional
// `export `, single or double quotes, `#` comments. A variable already set in the environment
// always wins: the file holds a developer's defaults, never an override of CI's settings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function parseDotEnv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) continue;
    let value = m[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    vars.set(m[1]!, value);
  }
  return vars;
}

/** Set the variables of `dir/.env` that `env` lacks; returns the names set. */
export function loadDotEnv(dir: string, env: NodeJS.ProcessEnv): string[] {
  let text: string;
  try {
    text = readFileSync(join(dir, '.env'), 'utf8');
  } catch {
    return [];
  }
  const set: string[] = [];
  for (const [name, value] of parseDotEnv(text)) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
