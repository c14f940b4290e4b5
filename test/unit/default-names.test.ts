// Default constraint and sequence names of models, cut as PostgreSQL's makeObjectName cuts
// them (src/model/default-names.ts); the server's own choice is checked in the hostile-name
// property test, which builds 63-byte tables from models.
import { describe, expect, it } from 'vitest';
import { defaultName } from '../../src/model/default-names.js';

describe('defaultName', () => {
  it('short names are joined as they are', () => {
    expect(defaultName('items', null, 'pkey')).toBe('items_pkey');
    expect(defaultName('items', 'sku', 'key')).toBe('items_sku_key');
  });
  it('a 63-byte table keeps 58 bytes before _pkey; the longer part loses bytes first', () => {
    const t = 'x'.repeat(63);
    expect(defaultName(t, null, 'pkey')).toBe(`${'x'.repeat(58)}_pkey`);
    expect(defaultName(t, 'id', 'seq')).toBe(`${'x'.repeat(56)}_id_seq`);
    expect(Buffer.byteLength(defaultName('a'.repeat(40), 'b'.repeat(40), 'fkey'))).toBe(63);
    expect(defaultName('a'.repeat(40), 'b'.repeat(40), 'fkey')).toBe(`${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
  });
  it('never cuts a character in half', () => {
    const name = defaultName('é'.repeat(31), null, 'pkey');
    expect(name).toBe(`${'é'.repeat(29)}_pkey`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  });
});
