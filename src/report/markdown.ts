// Markdown pieces every report uses: table cells and code spans that no name can break out
// of (issue 17: a `|` ends a cell, a backtick ends a code span, a line break ends a row, HTML
// opens a tag), and cutting a document to a size on a line boundary.

const LINE_BREAKS = /[\r\n\u2028\u2029\u0085]+/g;
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/** Plain text in a table cell or a line: one line, `|` escaped, Markdown and HTML inert. */
export function cell(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROLS, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/([|`*[\]])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * A code span holding `text` verbatim: fenced with more backticks than the longest run inside
 * (CommonMark's rule; backslashes do not escape inside code), padded when it starts or ends
 * with a backtick, one line, and `|` escaped (GFM splits table cells before code spans).
 */
export function code(text: string): string {
  const flat = text.replace(LINE_BREAKS, ' ').replace(CONTROLS, ' ');
  if (flat === '') return '';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** GitHub stops a comment at 65,536 characters; what the renderers aim below. */
export const COMMENT_LIMIT = 65_536;
