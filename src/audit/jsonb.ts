// JSONB content against the declared zod shapes: the share of sampled documents that fail and
// the first failing paths, so "the column exists" is not mistaken for "the data is right".
import type { z } from 'zod';
import type { Finding } from './finding.js';

export interface JsonSample {
  /** `schema.table.column` */
  readonly column: string;
  readonly documents: readonly unknown[];
}

export interface JsonSampleResult {
  readonly column: string;
  readonly sampled: number;
  readonly failing: number;
  /** The first distinct failing paths with their messages: `config.tld: Invalid input: expected string`. */
  readonly paths: readonly string[];
}

const MAX_PATHS = 3;

export function validateSample(sample: JsonSample, shape: z.ZodType): JsonSampleResult {
  let failing = 0;
  const paths: string[] = [];
  for (const doc of sample.documents) {
    const r = shape.safeParse(doc);
    if (r.success) continue;
    failing += 1;
    for (const issue of r.error.issues) {
      if (paths.length >= MAX_PATHS) break;
      const p = `${issue.path.length > 0 ? issue.path.join('.') : '(document)'}: ${issue.message}`;
      if (!paths.includes(p)) paths.push(p);
    }
  }
  return { column: sample.column, sampled: sample.documents.length, failing, paths };
}

export function findingFromSample(r: JsonSampleResult): Finding | null {
  if (r.failing === 0) return null;
  const lastDot = r.column.lastIndexOf('.');
  const table = r.column.slice(0, lastDot);
  const share = Math.round((r.failing / r.sampled) * 1000) / 10;
  return {
    id: `jsonb-shape:${r.column}`,
    rule: 'jsonb-shape',
    severity: 'warning',
    table,
    object: r.column,
    message: `${share}% of sampled documents in ${r.column} (${r.failing} of ${r.sampled}) do not match the declared shape; first failing paths: ${r.paths.join('; ')}`,
    fix: 'migrate the documents to the declared shape (UPDATE … SET col = jsonb_set(…)), or change the shape',
    accepted: null,
    documents: { sampled: r.sampled, failing: r.failing, paths: r.paths },
  };
}
