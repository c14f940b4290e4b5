// JSON.stringify(value, null, 2) of a large object, byte for byte, in pieces: one per element of
// its top-level arrays. `inspect --format json` of 1,000 tables is 8 MB; written in pieces it
// never exists as one string, and the reader consumes the first tables while the last are
// still being formatted.
export function* jsonChunks(value: Readonly<Record<string, unknown>>): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    const end = i === entries.length - 1 ? '\n' : ',\n';
    if (Array.isArray(v) && v.length > 0 && !('toJSON' in v)) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < v.length; j++) {
        // An element JSON cannot represent is written as null, as JSON.stringify writes it.
        const text = JSON.stringify(v[j], null, 2) ?? 'null';
        yield `    ${text.replaceAll('\n', '\n    ')}${j === v.length - 1 ? '\n' : ',\n'}`;
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(v, null, 2).replaceAll('\n', '\n  ')}${end}`;
    }
  }
  yield '}';
}
