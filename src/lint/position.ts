// libpg-query reports statement and node locations as byte offsets into the UTF-8 text, and
// syntax errors as a 0-based character offset. Users want 1-based line:column in characters.
//
// Built once per file and linear: a byte→char checkpoint every STRIDE characters, so a file of
// 100k statements does not re-encode its text for every statement (issue 16 item 7).

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface PositionMap {
  atByte(offset: number): Position;
  atChar(offset: number): Position;
  /** The line alone (no column count along the line) of a byte offset. */
  lineAtByte(offset: number): number;
  /** Character (UTF-16 unit) offset of a byte offset. */
  charOf(byteOffset: number): number;
}

// Small enough that a lookup scans little (a statement start per lookup), large enough to stay small.
const STRIDE = 64;

/** UTF-8 length of the UTF-16 unit at `i` (a surrogate pair counts 4 on its high half, 0 on its low). */
function utf8Units(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

export function positionMap(text: string): PositionMap {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const byteLength = Buffer.byteLength(text, 'utf8');
  const ascii = byteLength === text.length;
  // checkpoints[k] = byte offset of character k * STRIDE.
  const checkpoints: number[] = [];
  if (!ascii) {
    // Each stride measured natively (a per-character loop here was the cost of a non-ASCII
    // file's positions). A pair split by a stride boundary is counted as utf8Units counts it:
    // 4 bytes on its high half, 0 on its low one (byteLength counts each lone half as 3).
    let bytes = 0;
    for (let i = 0; i < text.length; i += STRIDE) {
      checkpoints.push(bytes);
      const end = Math.min(i + STRIDE, text.length);
      bytes += Buffer.byteLength(text.slice(i, end), 'utf8');
      if (utf8Units(text, i) === 0) bytes -= 3;
      if (utf8Units(text, end - 1) === 4) bytes += 1;
    }
  }
  // The last answer: lookups mostly come in file order (a statement's start, its end, the next
  // start a byte later), so one just ahead of it scans on from there instead of a checkpoint.
  let lastChar = 0;
  let lastByte = 0;
  const charOf = (byteOffset: number): number => {
    const target = Math.min(Math.max(0, byteOffset), byteLength);
    if (ascii) return target;
    let i: number;
    let bytes: number;
    if (target >= lastByte && target - lastByte < STRIDE) {
      i = lastChar;
      bytes = lastByte;
    } else {
      let lo = 0;
      let hi = checkpoints.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (checkpoints[mid]! <= target) lo = mid;
        else hi = mid - 1;
      }
      i = lo * STRIDE;
      bytes = checkpoints[lo] ?? 0;
    }
    while (i < text.length) {
      const units = utf8Units(text, i);
      if (bytes + units > target) break;
      bytes += units;
      i++;
    }
    // Never stop between the halves of a surrogate pair.
    while (i < text.length && utf8Units(text, i) === 0) i++;
    lastChar = i;
    lastByte = bytes;
    return i;
  };
  /** Index in lineStarts of the line holding character `o`. */
  const lineIndex = (o: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const atChar = (offset: number): Position => {
    const o = Math.min(Math.max(0, offset), text.length);
    const lo = lineIndex(o);
    // Columns count code points, as an editor does.
    const start = lineStarts[lo]!;
    if (ascii) return { line: lo + 1, column: o - start + 1 };
    let column = 1;
    for (let i = start; i < o; i++) if (utf8Units(text, i) !== 0) column++;
    return { line: lo + 1, column };
  };
  return { atChar, charOf, atByte: (offset) => atChar(charOf(offset)), lineAtByte: (offset) => lineIndex(Math.min(charOf(offset), text.length)) + 1 };
}
