// SQL text as the catalog and the planner print it, cut into tokens so that an edit of the code
// never reaches inside a literal, a quoted name or a dollar-quoted body. Not a parser: enough to
// rename a column in an expression or put a statement on one line.

export type SqlToken =
  | { readonly kind: 'literal' | 'dollar' | 'space' | 'punct' | 'word'; readonly text: string }
  | { readonly kind: 'quoted'; readonly text: string; readonly name: string };

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const SPACE = /\s+/y;
const DOLLAR_TAG = /\$[A-Za-z_]*\$/y;

/** The end (exclusive) of a quoted run opened at `start` by `quote`; a doubled quote stays inside. */
function closing(sql: string, start: number, quote: string): number {
  let end = sql.indexOf(quote, start + quote.length);
  while (end !== -1 && quote.length === 1 && sql[end + 1] === quote) end = sql.indexOf(quote, end + 2);
  return end === -1 ? sql.length : end + quote.length;
}

function match(re: RegExp, sql: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(sql)?.[0] ?? null;
}

export function sqlTokens(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i]!;
    const tag = ch === '$' ? match(DOLLAR_TAG, sql, i) : null;
    if (ch === "'" || tag) {
      const end = closing(sql, i, tag ?? "'");
      out.push({ kind: tag ? 'dollar' : 'literal', text: sql.slice(i, end) });
      i = end;
    } else if (ch === '"') {
      const end = closing(sql, i, '"');
      const text = sql.slice(i, end);
      out.push({ kind: 'quoted', text, name: text.slice(1, -1).replace(/""/g, '"') });
      i = end;
    } else {
      const word = match(WORD, sql, i);
      const space = word ? null : match(SPACE, sql, i);
      const text = word ?? space ?? ch;
      out.push({ kind: word ? 'word' : space ? 'space' : 'punct', text });
      i += text.length;
    }
  }
  return out;
}
