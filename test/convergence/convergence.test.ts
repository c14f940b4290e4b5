// The convergence suite: every case of cases.ts, sequentially, on two databases reused
// throughout (reset between cases), so the whole suite stays fast.
import { quoteIdent } from '../../src/schema/quote.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { CASES, ROLES } from './cases.js';
import { describeChanges, runCase } from './harness.js';
import { PGSD_INSPIRED_CASES } from './pgsd-inspired-cases.js';
import { cellsOf, renderMatrix, requiredCells, type Cell } from './matrix.js';

describe('convergence: plan(diff(old, new)) applied to old gives new; its reverse gives old back', () => {
  let oldDb: TestDatabase;
  let newDb: TestDatabase;
  // Filled by each case once it has converged both ways: issue 10's classes × add/drop/alter.
  const covered = new Map<Cell, string[]>();
  beforeAll(async () => {
    [oldDb, newDb] = await Promise.all([createTestDatabase('sg_conv_old'), createTestDatabase('sg_conv_new')]);
    for (const role of ROLES) {
      await oldDb.sql.unsafe(`DO $$ BEGIN CREATE ROLE ${quoteIdent(role)}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    }
  });
  afterAll(async () => {
    await Promise.all([oldDb?.dispose(), newDb?.dispose()]);
  });

  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  for (const c of [...CASES, ...PGSD_INSPIRED_CASES]) {
    it(c.name, async () => {
      const r = await runCase(oldDb.sql, newDb.sql, c);
      expect(r.changes.length, 'old and new differ').toBeGreaterThan(0);
      expect(describeChanges(r.afterUp), 'diff after applying the plan').toEqual([]);
      expect(describeChanges(r.afterDown), 'diff after applying the reverse').toEqual([]);
      for (const kind of c.hazards ?? []) expect(r.plan.statements.flatMap((s) => s.hazards.map((h) => h.kind))).toContain(kind);
      for (const re of c.expectSql ?? []) expect(r.plan.statements.map((s) => s.sql)).toContainEqual(expect.stringMatching(re));
      for (const cell of cellsOf(r.changes, r.plan, r.from, r.to)) covered.set(cell, [...(covered.get(cell) ?? []), c.name]);
    });
  }

  // Runs after every case above (one file's tests run in order): a class without a converged
  // add, drop and alter case (where PostgreSQL has the form) fails here, by name.
  it('covers every class of the planner-fidelity issue with converged add, drop and alter cases', () => {
    process.stdout.write(`convergence matrix (converged cases per class and operation):\n${renderMatrix(covered)}\n`);
    expect(requiredCells().filter((cell) => !covered.has(cell))).toEqual([]);
  });
});
