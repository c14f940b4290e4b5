// `npm run bench -- lint`: schemaguard lint against squawk (squawk-cli, the Rust linter) in the
// same run, both as child processes so start-up counts for each, median of --rounds=N (default 3).
//   1. 200 files of mixed statements (~5,000 statements): target ≤ 2× squawk's wall time.
//   2. One file of 5,000 and one of 10,000 statements with non-ASCII text: schemaguard's time
//      must grow ≤ 2.2× (positions linear in file size), measured in CPU time (start-up included).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './spawn.js';
import { squawk } from './squawk.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMAGUARD = join(ROOT, 'bin/schemaguard.js');

/** ~25 statements of the kinds real migrations hold, a few non-ASCII, some hazards. */
function migration(i: number): string {
  const t = `t_${i}`;
  return [
    `-- migration ${i}: création des tables « ${t} »`,
    `CREATE TABLE ${t} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, note varchar(200), created_at timestamptz NOT NULL DEFAULT now());`,
    `CREATE INDEX ${t}_name ON ${t} (name);`,
    `ALTER TABLE ${t} ADD COLUMN status text NOT NULL DEFAULT 'nouveau';`,
    `COMMENT ON TABLE ${t} IS 'Données de démonstration ${i} — ünïcødé';`,
    ...Array.from({ length: 8 }, (_, k) => `INSERT INTO ${t} (name, note) VALUES ('n${k} é', 'note ${k}');`),
    `UPDATE ${t} SET note = upper(note) WHERE id < 10;`,
    `ALTER TABLE ${t} ADD CONSTRAINT ${t}_name_len CHECK (char_length(name) < 500);`,
    `ALTER TABLE ${t} ALTER COLUMN note TYPE text;`,
    `CREATE VIEW ${t}_v AS SELECT id, name FROM ${t} WHERE status = 'nouveau';`,
    `ALTER TABLE ${t} ADD COLUMN ref bigint;`,
    i > 1 ? `ALTER TABLE ${t} ADD CONSTRAINT ${t}_ref FOREIGN KEY (ref) REFERENCES t_${i - 1} (id) NOT VALID;` : 'SELECT 1;',
    `CREATE FUNCTION ${t}_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;`,
    `CREATE TRIGGER ${t}_touch BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${t}_touch();`,
    `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lecteur') THEN RAISE NOTICE 'absent'; END IF; END $$;`,
    `GRANT SELECT ON ${t} TO PUBLIC;`,
    `ALTER TABLE ${t} ALTER COLUMN status SET DEFAULT 'prêt';`,
    `ANALYZE ${t};`,
    '',
  ].join('\n');
}

function bigFile(statements: number): string {
  const lines = ['CREATE TABLE big (id bigint PRIMARY KEY, label text, note text);'];
  for (let i = 1; i < statements; i++) lines.push(`INSERT INTO big (id, label, note) VALUES (${i}, 'étiquette ${i} — ünïcødé ✓', 'n');`);
  return `${lines.join('\n')}\n`;
}

const TIME = '/usr/bin/time';

/** Wall time, and the child's CPU (user + sys, from /usr/bin/time): on a loaded machine CPU is the steadier figure. */
function timed(cmd: string, args: readonly string[], cwd: string): Promise<{ ms: number; cpu: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TIME, ['-f', 'SGCPU %U %S', cmd, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /SGCPU ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ ms: performance.now() - started, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, code, stderr });
    });
  });
}

async function medianOf(rounds: number, cmd: string, args: readonly string[], cwd: string): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = await timed(cmd, args, cwd);
    // schemaguard: 0 clean, 1 findings; squawk: 0 clean, 1 findings.
    if (t.code !== 0 && t.code !== 1) throw new Error(`${cmd} exited ${t.code}: ${t.stderr.split('\n')[0]}`);
    walls.push(t.ms);
    cpus.push(t.cpu);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

export async function run(args: readonly string[]): Promise<void> {
  // The baseline is squawk as npm installs it (the squawk-cli); its native binary alone
  // is printed beside it.
  const { npm: SQUAWK, binary: SQUAWK_BINARY } = await squawk();
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 3);
  const root = mkdtempSync(join(tmpdir(), 'sg-bench-lint-'));
  try {
    const dir = join(root, 'migrations');
    mkdirSync(dir);
    const files: string[] = [];
    let statements = 0;
    for (let i = 1; i <= 200; i++) {
      const n = String(i).padStart(6, '0');
      const up = migration(i);
      statements += up.split('\n').filter((l) => l.trim() && !l.startsWith('--')).length;
      writeFileSync(join(dir, `${n}_m${i}.up.sql`), up);
      writeFileSync(join(dir, `${n}_m${i}.down.sql`), `DROP TABLE t_${i} CASCADE;\n`);
      files.push(join(dir, `${n}_m${i}.up.sql`), join(dir, `${n}_m${i}.down.sql`));
    }
    // Interleaved rounds, so a change in the machine's load hits both tools alike.
    const sgRuns: { wall: number; cpu: number }[] = [];
    const sqRuns: { wall: number; cpu: number }[] = [];
    const binRuns: { wall: number; cpu: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      sgRuns.push(await medianOf(1, process.execPath, [SCHEMAGUARD, 'lint', '--format', 'json'], root));
      sqRuns.push(await medianOf(1, SQUAWK, ['--reporter', 'json', ...files], root));
      binRuns.push(await medianOf(1, SQUAWK_BINARY, ['--reporter', 'json', ...files], root));
    }
    const bin = median(binRuns.map((x) => x.wall));
    const sg = { wall: median(sgRuns.map((x) => x.wall)), cpu: median(sgRuns.map((x) => x.cpu)) };
    const sq = { wall: median(sqRuns.map((x) => x.wall)), cpu: median(sqRuns.map((x) => x.cpu)) };
    const ratio = sg.wall / sq.wall;
    process.stdout.write(
      `200 files, ${statements.toLocaleString('en-US')}+ statements (up) + 200 down files: schemaguard ${sg.wall.toFixed(0)} ms wall (${sg.cpu.toFixed(0)} ms CPU), squawk-cli (npm launcher) ${sq.wall.toFixed(0)} ms wall (${sq.cpu.toFixed(0)} ms CPU): ${ratio.toFixed(2)}× wall, ${(sg.cpu / sq.cpu).toFixed(2)}× CPU (target ≤ 2× wall) ${ratio <= 2 ? 'OK' : 'OVER'}; squawk's native binary alone ${bin.toFixed(0)} ms wall: ${(sg.wall / bin).toFixed(2)}×\n`,
    );

    const sizes = [5_000, 10_000];
    const walls: number[] = [];
    for (const size of sizes) {
      const d = join(root, `big${size}`);
      mkdirSync(d);
      writeFileSync(join(d, '000001_big.up.sql'), bigFile(size));
      writeFileSync(join(d, '000001_big.down.sql'), 'DROP TABLE big;\n');
      walls.push((await medianOf(rounds, process.execPath, [SCHEMAGUARD, 'lint', '--format', 'json', join(d, '000001_big.up.sql')], root)).cpu);
    }
    const sqBig = (await medianOf(rounds, SQUAWK, ['--reporter', 'json', join(root, 'big10000', '000001_big.up.sql')], root)).cpu;
    const growth = walls[1]! / walls[0]!;
    process.stdout.write(
      `one file, non-ASCII, CPU: 5,000 statements ${walls[0]!.toFixed(0)} ms, 10,000 ${walls[1]!.toFixed(0)} ms: ${growth.toFixed(2)}× (target ≤ 2.2×) ${growth <= 2.2 ? 'OK' : 'OVER'}; squawk on 10,000: ${sqBig.toFixed(0)} ms CPU\n`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
