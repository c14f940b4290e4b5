// The names PostgreSQL gives constraints and sequences a model does not name: `table_pkey`,
// `table_col_key`, `table_col_seq`…, cut as PostgreSQL's makeObjectName cuts them, so that
// a long table name gives the name the server would choose. Written out uncut, a name longer
// than 63 bytes is truncated by the server (a 63-byte table's `_pkey` then collides with the
// table itself) and never matches the model again.

const NAME_BYTES = 63;

/** `name1_name2_label` within 63 bytes: the longer of name1 and name2 loses bytes first, never half a character. */
export function defaultName(name1: string, name2: string | null, label: string): string {
  const overhead = Buffer.byteLength(label) + 1 + (name2 === null ? 0 : 1);
  let n1 = Buffer.byteLength(name1);
  let n2 = name2 === null ? 0 : Buffer.byteLength(name2);
  while (n1 + n2 > NAME_BYTES - overhead) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const clip = (s: string, bytes: number) => {
    let out = '';
    for (const ch of s) {
      if (Buffer.byteLength(out + ch) > bytes) break;
      out += ch;
    }
    return out;
  };
  return `${clip(name1, n1)}${name2 === null ? '' : `_${clip(name2, n2)}`}_${label}`;
}
