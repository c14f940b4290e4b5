// The one parser of migration files (issue 10, issue 16 items 7 and 8): bytes, BOM, empty
// files, offsets that stay right past non-ASCII text, version order of paths.
import { beforeAll, describe, expect, it } from 'vitest';
import { checksumOf, compareMigrationPaths, decodeSqlFile, invalidUtf8Offset } from '../../src/migrate/files.js';
import { checkScript, loadParser, parseScript } from '../../src/migrate/script.js';
import { positionMap } from '../../src/lint/position.js';

beforeAll(async () => {
  await loadParser();
});

describe('bytes of a migration file', () => {
  it('refuses invalid UTF-8 with the offset of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from("SELECT 'é';\nINSERT INTO t VALUES ('a"), Buffer.from([0xff, 0xfe]), Buffer.from("b');\n")]);
    expect(invalidUtf8Offset(bytes)).toBe(Buffer.byteLength("SELECT 'é';\nINSERT INTO t VALUES ('a"));
    expect(() => decodeSqlFile(bytes, 'm.sql')).toThrow(/^m\.sql: not valid UTF-8: byte 0xff at byte offset 37 \(line 2\)/);
  });
  it('refuses overlong forms, surrogates and truncated sequences, accepts 4-byte characters', () => {
    expect(invalidUtf8Offset(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(invalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(invalidUtf8Offset(Buffer.from([0x41, 0xe2, 0x82]))).toBe(1);
    expect(invalidUtf8Offset(Buffer.from('a😀b€', 'utf8'))).toBe(-1);
  });
  it('parses a file with comments and a quoted name holding C0 control characters (libpg-query scan JSON)', () => {
    const names = Array.from({ length: 0x20 }, (_, c) => `"a${String.fromCharCode(c)}b"`).filter((n) => n !== '"a\u0000b"');
    // A `schemaguard:` mention makes the comments scanned whichever way the scan is gated.
    const text = `-- note, not a schemaguard: directive\n${names.map((n, i) => `CREATE TABLE ${n.replace('b"', `${i}"`)} (id int); /* c\u0001 */`).join('\n')}\n`;
    const script = parseScript('c.sql', text);
    expect(script.statements).toHaveLength(names.length);
    expect(script.comments.map((c) => c.text.slice(0, 4))).toEqual(['-- n', ...names.map(() => '/* c')]);
  });
  it('ignores a leading BOM in parse, directives and checksum', () => {
    const withBom = '\uFEFF-- schemaguard:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n';
    const script = parseScript('b.sql', withBom);
    expect(script.directives.transaction).toBe(false);
    expect(script.statements.map((s) => [s.kind, s.line, s.column])).toEqual([['IndexStmt', 2, 1]]);
    expect(checksumOf(withBom)).toBe(checksumOf(withBom.slice(1)));
  });
});

describe('parseScript', () => {
  it('treats 0-byte, blank and comment-only files as empty migrations', () => {
    for (const text of ['', '  \n\n', '-- nothing yet\n', '/* later */\n']) expect(parseScript('e.sql', text).statements).toEqual([]);
    // Comments are scanned only where a directive may be (the file mentions `schemaguard:`).
    expect(parseScript('e.sql', '-- schemaguard:lint-ignore-file SG007 reason: later\n').comments).toHaveLength(1);
    expect(parseScript('e.sql', '-- nothing yet\n').comments).toEqual([]);
  });
  it('gives byte range, character offset, line:col and text of each statement past non-ASCII text', () => {
    const text = "INSERT INTO t VALUES ('ünï😀');\n  SELECT 'é';\nSELECT 3;";
    const [a, b, c] = parseScript('u.sql', text).statements;
    expect(b!.text).toBe("SELECT 'é'");
    expect(text.slice(b!.offset).trimStart().startsWith("SELECT 'é'")).toBe(true);
    expect(Buffer.from(text).subarray(c!.start, c!.end).toString()).toBe('SELECT 3');
    expect([c!.line, c!.column]).toEqual([3, 1]);
    expect(a!.start).toBe(0);
  });
  it('names file:line:col of a syntax error after non-ASCII text', () => {
    expect(() => parseScript('s.sql', "SELECT 'ü😀';\nSELECT FROM WHERE;")).toThrow(/^s\.sql:2:\d+: syntax error/);
  });
});

describe('positionMap', () => {
  it('maps every byte offset of a mixed text to the same char offset as decoding the prefix', () => {
    const text = `${'a'.repeat(1500)}é😀€\n${'b'.repeat(2000)}ü\nend`;
    const map = positionMap(text);
    const bytes = Buffer.from(text);
    for (const byte of [0, 1499, 1500, 1502, 1506, 1509, 1510, 3000, bytes.length]) {
      expect(map.charOf(byte)).toBe(bytes.subarray(0, byte).toString('utf8').length);
    }
    expect(map.atByte(bytes.length - 3)).toEqual({ line: 3, column: 1 });
  });
  it('agrees with decoding at every character boundary, surrogate pairs across every stride boundary', () => {
    // Pieces of 1 to 4 UTF-8 bytes in a fixed pseudo-random order, so that 4-byte characters
    // (surrogate pairs) fall on every position relative to the map's 64-unit strides.
    const pieces = ['a', 'é', '€', '😀', '\n', 'ü', '✓', '𝄞', ' '];
    let seed = 7;
    let text = '';
    while (text.length < 3000) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += pieces[seed % pieces.length];
    }
    const map = positionMap(text);
    const bytes = Buffer.from(text);
    let byte = 0;
    let line = 1;
    let column = 1;
    for (let i = 0; i <= text.length; ) {
      expect(map.charOf(byte)).toBe(i);
      expect(map.atByte(byte)).toEqual({ line, column });
      expect(map.lineAtByte(byte)).toBe(line);
      if (i === text.length) break;
      const cp = text.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      byte += Buffer.byteLength(text.slice(i, i + units));
      i += units;
      if (cp === 10) [line, column] = [line + 1, 1];
      else column += 1;
    }
    expect(byte).toBe(bytes.length);
    // Out of order too (the map remembers its last answer and scans on from it when it can).
    const boundaries: [number, number][] = [];
    for (let i = 0, b = 0; i <= text.length; ) {
      boundaries.push([b, i]);
      if (i === text.length) break;
      const units = text.codePointAt(i)! > 0xffff ? 2 : 1;
      b += Buffer.byteLength(text.slice(i, i + units));
      i += units;
    }
    const shuffled = positionMap(text);
    for (const [b, c] of [...boundaries].reverse()) expect(shuffled.charOf(b)).toBe(c);
    for (let k = 0; k < boundaries.length; k += 1) {
      const [b, c] = boundaries[(k * 7919) % boundaries.length]!;
      expect(shuffled.charOf(b)).toBe(c);
    }
  });
  it('an ASCII text: columns without a scan, the same answers', () => {
    const map = positionMap('SELECT 1;\n  SELECT 2;\n');
    expect(map.atByte(12)).toEqual({ line: 2, column: 3 });
    expect(map.atChar(9)).toEqual({ line: 1, column: 10 });
    expect(map.lineAtByte(21)).toBe(2);
  });
});

describe('compareMigrationPaths', () => {
  it('orders by numeric version, up before down', () => {
    const paths = ['m/000011_c.up.sql', 'm/10_b.down.sql', 'm/9_a.up.sql', 'm/10_b.up.sql', 'x/loose.sql'];
    expect([...paths].sort(compareMigrationPaths)).toEqual(['m/9_a.up.sql', 'm/10_b.up.sql', 'm/10_b.down.sql', 'm/000011_c.up.sql', 'x/loose.sql']);
  });
});

describe('checkScript', () => {
  it('runs a file of only concurrent index statements outside a transaction, unless strict', () => {
    const lone = parseScript('i.sql', 'CREATE INDEX CONCURRENTLY i ON t (a);\nDROP INDEX CONCURRENTLY j;\n');
    const lenient = checkScript(lone);
    expect('script' in lenient && lenient.script.directives.transaction).toBe(false);
    expect('script' in lenient && lenient.note).toMatch(/outside a transaction/);
    expect(checkScript(lone, { strict: true })).toEqual({ problem: expect.stringMatching(/^i\.sql: CREATE INDEX CONCURRENTLY i ON t \(a\) cannot run inside a transaction/) });
    const mixed = parseScript('m.sql', 'CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);\n');
    expect(checkScript(mixed)).toEqual({ problem: expect.stringContaining('cannot run inside a transaction') });
  });
});
