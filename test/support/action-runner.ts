// Run a composite action's steps locally, as the GitHub runner would: inputs with their
// defaults, `${{ inputs.* }}`, `${{ steps.<id>.outputs.* }}` and `${{ github.token }}` in step
// env, each step in bash with its working directory and a fresh GITHUB_OUTPUT file, `if:
// always()` steps run after a failure and others do not. Asynchronous spawns only (the
// embedded server's log pipe must keep draining).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseYaml, type Yaml } from './ci-yaml.js';

export interface StepResult {
  readonly name: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly skipped: boolean;
}

export interface ActionRun {
  readonly steps: StepResult[];
  /** The action's outputs, from its `outputs:` expressions. */
  readonly outputs: Record<string, string>;
  /** The job's outcome: the first failing step's code, else 0. */
  readonly code: number;
}

type Map = { [key: string]: Yaml };

function asMap(y: Yaml | undefined): Map {
  return y && typeof y === 'object' && !Array.isArray(y) ? y : {};
}

/** `${{ expr }}` with the contexts a composite action's steps use. */
function evaluate(text: string, ctx: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; token: string }): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return ctx.inputs[m[1]!] ?? '';
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return ctx.steps[m[1]!]?.[m[2]!] ?? '';
    if (expr === 'github.token') return ctx.token;
    throw new Error(`expression not supported by the local runner: ${expr}`);
  });
}

function parseOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

export function readAction(path: string): { inputs: Map; outputs: Map; steps: Map[]; using: string } {
  const doc = asMap(parseYaml(readFileSync(path, 'utf8')));
  const runs = asMap(doc.runs);
  return { inputs: asMap(doc.inputs), outputs: asMap(doc.outputs), steps: (Array.isArray(runs.steps) ? runs.steps : []).map(asMap), using: String(runs.using ?? '') };
}

/**
 * Run the action at `actionDir` (its action.yml) with `inputs`, in `workspace`, with `env` as
 * the runner's environment (GITHUB_* variables, PATH).
 */
export async function runAction(actionDir: string, workspace: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<ActionRun> {
  const action = readAction(join(actionDir, 'action.yml'));
  if (action.using !== 'composite') throw new Error(`not a composite action: ${action.using}`);
  const token = env.GITHUB_TOKEN ?? 'ghs_local';
  const given: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const def = String(asMap(spec).default ?? '');
    given[name] = inputs[name] ?? evaluate(def, { inputs: {}, steps: {}, token });
  }
  for (const name of Object.keys(inputs)) if (!(name in action.inputs)) throw new Error(`unknown input ${name}`);
  const ctx = { inputs: given, steps: {} as Record<string, Record<string, string>>, token };
  const temp = mkdtempSync(join(tmpdir(), 'sg-action-steps-'));
  const steps: StepResult[] = [];
  let failed = 0;
  for (const [i, step] of action.steps.entries()) {
    const name = String(step.name ?? `step ${i + 1}`);
    const condition = String(step.if ?? '');
    if (condition !== '' && condition !== 'always()' && condition !== 'success()') throw new Error(`if: not supported by the local runner: ${condition}`);
    if (failed !== 0 && condition !== 'always()') {
      steps.push({ name, code: null, stdout: '', stderr: '', outputs: {}, skipped: true });
      continue;
    }
    if (String(step.shell ?? '') !== 'bash') throw new Error(`${name}: only shell: bash steps run locally`);
    const outputFile = join(temp, `output-${i}`);
    writeFileSync(outputFile, '');
    const stepEnv: NodeJS.ProcessEnv = { ...env, GITHUB_ACTION_PATH: actionDir, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile };
    for (const [k, v] of Object.entries(asMap(step.env))) stepEnv[k] = evaluate(String(v), ctx);
    const cwd = resolve(workspace, evaluate(String(step['working-directory'] ?? '.'), ctx));
    const r = await bash(evaluate(String(step.run ?? ''), ctx), cwd, stepEnv, timeoutMs);
    const outputs = parseOutputs(outputFile);
    if (typeof step.id === 'string') ctx.steps[step.id] = outputs;
    steps.push({ name, ...r, outputs, skipped: false });
    if (r.code !== 0 && failed === 0) failed = r.code ?? 1;
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.outputs)) outputs[name] = evaluate(String(asMap(spec).value ?? ''), ctx);
  return { steps, outputs, code: failed };
}
