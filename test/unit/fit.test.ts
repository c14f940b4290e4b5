// The width-fitting layout on its own: words wrap whole, overlong words end in an ellipsis,
// the widest column gives way first, and no line is wider than asked.
import { describe, expect, it } from 'vitest';
import { columnWidths, outputWidth, renderColumns, truncate, wrapHanging, wrapWords } from '../../src/report/fit.js';

const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('fit', () => {
  it('truncate keeps the start and ends in one ellipsis; short words are untouched', () => {
    expect(truncate('campaign_keyword_assignments', 10)).toBe('campaign_…');
    expect(truncate('id', 10)).toBe('id');
    expect([...truncate('ünïcödé_nämé', 5)]).toHaveLength(5);
  });

  it('wrapWords breaks at spaces only', () => {
    expect(wrapWords('campaign_id, keyword_id, priority_weight', 14)).toEqual(['campaign_id,', 'keyword_id,', 'priority_weig…']);
    expect(wrapWords('a b c', 80)).toEqual(['a b c']);
  });

  it('wrapHanging indents continuation lines and never exceeds the width', () => {
    const lines = wrapHanging('  fix: ', 'ALTER TABLE public.generated_domains ADD COLUMN dns_validation_status integer NOT NULL;', 40, '       ');
    expect(lines[0]!.startsWith('  fix: ALTER TABLE')).toBe(true);
    for (const l of lines.slice(1)) expect(l.startsWith('       ')).toBe(true);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(40);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe('fix: ALTER TABLE public.generated_domains ADD COLUMN dns_validation_status integer NOT NULL;');
  });

  it('wrapHanging with an outdent keeps a name too long for the hanging indent whole on its own line', () => {
    const name = `public.${'n'.repeat(63)}`;
    const lines = wrapHanging('            fix: ', `ALTER TABLE ${name} ADD COLUMN x integer;`, 80, '                 ', '    ');
    expect(lines).toEqual(['            fix: ALTER TABLE', `    ${name}`, '                 ADD COLUMN x integer;']);
    expect(wrapHanging('            fix: ', name, 80, '                 ', '    ')).toEqual(['            fix:', `    ${name}`]);
    // Without the outdent the name is shortened where it stands.
    expect(wrapHanging('            fix: ', name, 80, '                 ').join('\n')).toContain('…');
  });

  it('the widest wrappable column gives way first; a nowrap column is cut last', () => {
    const columns = [{ header: 'name', nowrap: true }, { header: 'note' }];
    const rows = [['a_long_table_name_here', 'words that can wrap onto several lines']];
    const widths = columnWidths(columns, rows, 40, 2, 0);
    expect(widths[0]).toBe(22);
    expect(widths[0]! + 2 + widths[1]!).toBeLessThanOrEqual(40);
    const narrow = columnWidths(columns, rows, 20, 2, 0);
    expect(narrow[0]).toBeLessThan(22);
  });

  it('renderColumns fits the width with no borders, at 80 and wider', () => {
    const columns = [{ header: 'migration', nowrap: true }, { header: 'state' }, { header: 'took', align: 'right' as const }];
    const rows = [['000001_create_generated_domains_dns_validation_results_legacy_with_more', 'applied', '12ms']];
    const at80 = renderColumns(columns, rows, { width: 30 });
    expect(widest(at80)).toBeLessThanOrEqual(30);
    expect(at80).toContain('…');
    expect(at80).not.toMatch(/[─│┼]/);
    const wide = renderColumns(columns, rows, { width: 120 });
    expect(wide).toContain(rows[0]![0]);
  });

  it('outputWidth: the terminal, else $COLUMNS, else 80', () => {
    expect(outputWidth({ isTTY: true, columns: 132 }, { COLUMNS: '40' })).toBe(132);
    expect(outputWidth({}, { COLUMNS: '40' })).toBe(40);
    expect(outputWidth({}, { COLUMNS: 'wide' })).toBe(80);
    expect(outputWidth({}, {})).toBe(80);
  });
});
