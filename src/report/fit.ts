// Terminal text that fits a width (80 columns unless the terminal says more): tables without
// borders or rules between rows, whose columns shrink widest-first, whose cells wrap at word
// boundaries, and whose words too long for their column end in an ellipsis instead of being
// cut in two. Pure: strings in, string out; colour is applied after layout, so widths are
// always those of the visible text.

export const DEFAULT_WIDTH = 80;

/** A cell: text, and how to colour each of its lines once laid out. */
export type Cell = string | number | { readonly text: string; readonly style?: (line: string) => string };

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Never wrapped: one line, shortened with an ellipsis (identifiers, paths, timestamps). */
  readonly nowrap?: boolean;
}

export interface FitOptions {
  readonly width: number;
  /** Applied to each header cell (bold on a colour terminal). */
  readonly headerStyle?: (text: string) => string;
  /** Spaces between columns. */
  readonly gap?: number;
  /** Spaces before the first column. */
  readonly indent?: number;
}

const ELLIPSIS = '…';

function textOf(cell: Cell): string {
  return typeof cell === 'object' ? cell.text : String(cell);
}

/** A word longer than `width` keeps its start and ends in an ellipsis. */
export function truncate(word: string, width: number): string {
  const chars = [...word];
  if (chars.length <= width) return word;
  return width <= 1 ? ELLIPSIS.slice(0, width) : `${chars.slice(0, width - 1).join('')}${ELLIPSIS}`;
}

/** Lines of at most `width` characters, broken at spaces; overlong words truncated. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      const w = truncate(word, width);
      if (line === '') line = w;
      else if (line.length + 1 + [...w].length <= width) line = `${line} ${w}`;
      else {
        lines.push(line);
        line = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * `text` wrapped to `width` with the first line after `first` and the following ones after
 * `rest` (a hanging indent): for message lines of audit and lint.
 */
export function wrapHanging(first: string, text: string, width: number, rest = ' '.repeat(first.length), outdent?: string): string[] {
  const lines: string[] = [];
  let prefix = first;
  let line = '';
  let outdented = false;
  const room = () => Math.max(20, width - [...prefix].length);
  const flush = () => {
    lines.push(`${prefix}${line}`);
    prefix = rest;
    line = '';
  };
  for (const paragraph of text.split('\n')) {
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      if (line !== '' && [...line].length + 1 + [...word].length > room()) flush();
      // A word too long for the hanging indent (a qualified name in a fix) gets a line of its
      // own at `outdent` before it is shortened: SQL to copy should stay whole where it can.
      if (line === '' && outdent !== undefined && [...word].length > room()) {
        // The label ("fix:") keeps its line; the word follows on the next.
        if (prefix === first && first.trim() !== '') lines.push(first.trimEnd());
        prefix = rest;
        lines.push(`${outdent}${truncate(word, Math.max(20, width - [...outdent].length))}`);
        outdented = true;
        continue;
      }
      outdented = false;
      line = line === '' ? truncate(word, room()) : `${line} ${word}`;
    }
    if (!outdented) flush();
  }
  return lines;
}

/**
 * Column widths that fit `width`. First the widest column that can wrap gives way, down to its
 * longest word; then the widest of all, down to its header (its words then end in "…").
 */
export function columnWidths(columns: readonly Column[], rows: readonly (readonly Cell[])[], width: number, gap: number, indent: number): number[] {
  const cells = (i: number) => rows.map((r) => textOf(r[i] ?? ''));
  const natural = columns.map((c, i) => Math.max([...c.header].length, ...cells(i).map(maxLineLength)));
  const header = columns.map((c, i) => Math.min(natural[i]!, Math.max(4, ...c.header.split(' ').map((w) => [...w].length))));
  const longestWord = columns.map((c, i) => (c.nowrap ? natural[i]! : Math.max(header[i]!, ...cells(i).flatMap((t) => t.split(/\s+/)).map((w) => [...w].length))));
  const widths = [...natural];
  const total = () => indent + widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  for (const floor of [longestWord, header]) {
    while (total() > width) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
      if (widest === -1) break;
      widths[widest]! -= 1;
    }
  }
  return widths;
}

function maxLineLength(text: string): number {
  return Math.max(0, ...text.split('\n').map((l) => [...l].length));
}

export function renderColumns(columns: readonly Column[], rows: readonly (readonly Cell[])[], options: FitOptions): string {
  const gap = options.gap ?? 2;
  const indent = options.indent ?? 0;
  const widths = columnWidths(columns, rows, options.width, gap, indent);
  const pad = (text: string, i: number) => {
    const space = ' '.repeat(Math.max(0, widths[i]! - [...text].length));
    return columns[i]!.align === 'right' ? `${space}${text}` : `${text}${space}`;
  };
  const render = (cells: readonly Cell[], header: boolean): string[] => {
    const laid = columns.map((c, i) => {
      const text = textOf(cells[i] ?? '');
      return c.nowrap && !header ? text.split('\n').map((l) => truncate(l, widths[i]!)) : wrapWords(text, widths[i]!);
    });
    const height = Math.max(...laid.map((l) => l.length));
    const out: string[] = [];
    for (let line = 0; line < height; line++) {
      const parts = laid.map((l, i) => {
        const text = l[line] ?? '';
        const padded = pad(text, i);
        if (header) return options.headerStyle && text ? padded.replace(text, options.headerStyle(text)) : padded;
        const cell = cells[i];
        const style = typeof cell === 'object' ? cell.style : undefined;
        return style && text ? padded.replace(text, style(text)) : padded;
      });
      out.push(`${' '.repeat(indent)}${parts.join(' '.repeat(gap))}`.trimEnd());
    }
    return out;
  };
  return [...render(columns.map((c) => c.header), true), ...rows.flatMap((r) => render(r, false))].join('\n');
}

/** The width to lay out for: the terminal's, else $COLUMNS, else 80. */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
}
