// Every rule has a README row with its severity, a help text, and a --help line; ids are stable.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '../../src/lint/rules.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const help = readFileSync(new URL('../../src/cli/commands/lint.def.ts', import.meta.url), 'utf8');

describe('lint rule catalogue', () => {
  it('ids are SG000 onward without gaps, each with a name, summary and help', () => {
    expect(RULE_IDS).toEqual(RULE_IDS.map((_, i) => `SG${String(i).padStart(3, '0')}`));
    for (const id of RULE_IDS) {
      const r = RULES[id];
      expect([r.id, r.name.length > 0, r.summary.length > 20, r.help.length > 20]).toEqual([id, true, true, true]);
    }
  });
  it('the README table has one row per rule with its severity, and --help names each', () => {
    for (const id of RULE_IDS) {
      expect(readme).toContain(`| ${id} | ${RULES[id].severity} |`);
      expect(help).toContain(`${id} `);
    }
  });
});
