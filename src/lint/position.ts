// libpg-query reports statement and node locations as byte offsets into the UTF-8 text, and
// syntax errors as a 0-based character offset. Users want 1-based line:column in characters.

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface PositionMap {
  atByte(offset: number): Position;
  atChar(offset: number): Position;
  /** Character offset of a byte offset. */
  charOf(byteOffset: number): number;
}

export function positionMap(text: string): PositionMap {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const bytes = Buffer.from(text, 'utf8');
  const ascii = bytes.length === text.length;
  const charOf = (byteOffset: number): number =>
    ascii ? byteOffset : bytes.subarray(0, Math.max(0, byteOffset)).toString('utf8').length;
  const atChar = (offset: number): Position => {
    const o = Math.min(Math.max(0, offset), text.length);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - lineStarts[lo]! + 1 };
  };
  return { atChar, charOf, atByte: (offset) => atChar(charOf(offset)) };
}
