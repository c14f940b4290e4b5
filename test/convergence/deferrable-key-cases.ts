// Convergence cases for DEFERRABLE primary keys: the deferrability is part of the key (a
// USING INDEX add would silently lose it), so adding, changing and dropping it must converge.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

export const DEFERRABLE_KEY_CASES: readonly ConvergenceCase[] = [
  c('deferrable keys: a DEFERRABLE INITIALLY DEFERRED primary key added to an existing table',
    'CREATE TABLE "Slot" (pos int NOT NULL, label text);',
    'CREATE TABLE "Slot" (pos int NOT NULL, label text, CONSTRAINT "Slot_pkey" PRIMARY KEY (pos) DEFERRABLE INITIALLY DEFERRED);',
    { expectSql: [/^ALTER TABLE "public"\."Slot" ADD CONSTRAINT "Slot_pkey" PRIMARY KEY \("pos"\) DEFERRABLE INITIALLY DEFERRED$/] }),
  c('deferrable keys: a primary key becomes DEFERRABLE (initially immediate)',
    'CREATE TABLE "Slot" (pos int, CONSTRAINT "Slot_pkey" PRIMARY KEY (pos));',
    'CREATE TABLE "Slot" (pos int, CONSTRAINT "Slot_pkey" PRIMARY KEY (pos) DEFERRABLE);'),
  c('deferrable keys: a table with a deferred primary key created from nothing and dropped to nothing',
    '',
    'CREATE TABLE slot (pos int, CONSTRAINT slot_pkey PRIMARY KEY (pos) DEFERRABLE INITIALLY DEFERRED);'),
];
