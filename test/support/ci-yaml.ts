// Just enough YAML to read action.yml and the GitLab template in tests (no YAML dependency):
// block maps and lists by indentation, `key: value` scalars (quotes removed), `- item` and
// `- key: value` list entries, full-line comments. Flow collections, anchors and block scalars
// are not supported, and the files keep to this subset (a test reading them proves it).

export type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly no: number;
}

function scalar(raw: string): string {
  const v = raw.trim();
  if ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith('"') && v.endsWith('"'))) {
    return v.startsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : (JSON.parse(v) as string);
  }
  return v;
}

/** `key: value` with the key unquoted; null when the line is not a mapping entry. */
function entry(text: string): [string, string] | null {
  const m = /^([A-Za-z0-9_.\-$]+|"[^"]*"|'[^']*'):(?:\s+(.*))?$/.exec(text);
  return m ? [scalar(m[1]!), m[2] ?? ''] : null;
}

export function parseYaml(source: string): Yaml {
  const lines: Line[] = [];
  source.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (raw.includes('\t')) throw new Error(`line ${i + 1}: tab indentation`);
    lines.push({ indent: raw.length - raw.trimStart().length, text: trimmed, no: i + 1 });
  });
  let pos = 0;

  function block(indent: number): Yaml {
    const first = lines[pos];
    if (!first || first.indent < indent) return '';
    return first.text.startsWith('- ') || first.text === '-' ? list(first.indent) : map(first.indent);
  }

  function map(indent: number): Yaml {
    const out: Record<string, Yaml> = {};
    while (pos < lines.length && lines[pos]!.indent === indent && !lines[pos]!.text.startsWith('- ')) {
      const line = lines[pos]!;
      const kv = entry(line.text);
      if (!kv) throw new Error(`line ${line.no}: expected key: value, got ${JSON.stringify(line.text)}`);
      pos += 1;
      const [key, value] = kv;
      if (value === '|' || value === '>' || value.startsWith('|') || value.startsWith('>')) throw new Error(`line ${line.no}: block scalars are not supported`);
      out[key] = value !== '' ? scalar(value) : lines[pos] && lines[pos]!.indent > indent ? block(lines[pos]!.indent) : lines[pos] && lines[pos]!.indent === indent && lines[pos]!.text.startsWith('- ') ? list(indent) : '';
    }
    return out;
  }

  function list(indent: number): Yaml {
    const out: Yaml[] = [];
    while (pos < lines.length && lines[pos]!.indent === indent && lines[pos]!.text.startsWith('-')) {
      const line = lines[pos]!;
      const rest = line.text.replace(/^-\s*/, '');
      const kv = entry(rest);
      if (kv) {
        // `- key: value` opens a map whose other keys are indented to the key's column.
        const inner = indent + (line.text.length - rest.length);
        lines[pos] = { indent: inner, text: rest, no: line.no };
        out.push(map(inner));
      } else {
        pos += 1;
        out.push(scalar(rest));
      }
    }
    return out;
  }

  const doc = block(0);
  if (pos < lines.length) throw new Error(`line ${lines[pos]!.no}: unexpected indentation`);
  return doc;
}
