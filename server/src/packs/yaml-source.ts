// Where things are in a pack file. The schema validator and the pattern compiler report paths into the
// data (e.g. findings/3/match/all/0/pattern) and offsets inside string values; users need file:line:column.
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { LineIndex } from '../engine/positions';
import type { Range } from '../engine/types';

export type DataPath = ReadonlyArray<string | number>;

export class PackSource {
  readonly lines: LineIndex;

  constructor(
    readonly text: string,
    readonly doc: Document.Parsed,
  ) {
    this.lines = new LineIndex(text);
  }

  static parse(text: string): PackSource {
    // uniqueKeys: a duplicated key silently overriding the first is exactly the kind of typo we must report.
    const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: true, prettyErrors: false, strict: true });
    return new PackSource(text, doc);
  }

  /**
   * The data, also from a document with YAML errors (what parsed around them). An alias whose anchor is missing
   * (an unquoted `*ptr` in a pattern) reads as its text instead of failing the whole document.
   */
  data(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      if (!this.doc.errors.length) throw err;
      const copy = this.doc.clone();
      visit(copy, { Alias: (_key, node) => new Scalar(`*${node.source}`) });
      return copy.toJS({ maxAliasCount: 100 });
    }
  }

  /**
   * Index of the item of the top-level `key` list that an error at `offset` belongs to: the last item starting
   * before it, as long as the offset is within the list (an unclosed quote is reported where the file ends).
   */
  itemAt(key: string, offset: number): number | undefined {
    const seq = this.doc.get(key, true) as Node | undefined;
    if (!seq || !isSeq(seq) || !seq.range || offset < seq.range[0] || offset > seq.range[2]) return undefined;
    let found: number | undefined;
    seq.items.forEach((it, i) => {
      const r = (it as Node | null)?.range;
      if (r && r[0] <= offset) found = i;
    });
    return found;
  }

  range(start: number, end: number): Range {
    return this.lines.range(start, Math.max(start, end));
  }

  /** The deepest node along `path` and how much of the path it covers. */
  private walk(path: DataPath): { node: Node | null; key: Node | null; depth: number } {
    let node: Node | null = (this.doc.contents as Node | null) ?? null;
    let key: Node | null = null;
    let depth = 0;
    for (const seg of path) {
      if (node && isMap(node)) {
        const pair = (node as YAMLMap).items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        key = (pair.key as Node) ?? null;
        node = (pair.value as Node | null) ?? null;
        if (!node) {
          depth++;
          break;
        }
      } else if (node && isSeq(node) && /^\d+$/.test(String(seg))) {
        const item = (node as { items: unknown[] }).items[Number(seg)] as Node | undefined;
        if (!item) break;
        key = null;
        node = item;
      } else break;
      depth++;
    }
    return { node, key, depth };
  }

  /** The value at `path` (whole node), or the closest existing ancestor's first line. */
  rangeOf(path: DataPath): Range {
    const { node, key, depth } = this.walk(path);
    if (depth === path.length) {
      if (node?.range) {
        // A mapping or list is named by its key (`match:`), or by its first line when it is a list item.
        if ((isMap(node) || isSeq(node)) && key?.range) return this.range(key.range[0], key.range[1]);
        if (isMap(node) || isSeq(node)) return this.firstLine(node.range[0], node.range[1]);
        return this.range(node.range[0], node.range[1]);
      }
      if (key?.range) return this.range(key.range[0], key.range[1]);
    }
    if (node?.range) return this.firstLine(node.range[0], node.range[1]);
    return this.range(0, 0);
  }

  /** The key of the property `name` of the map at `path` (for "unknown property" errors). */
  rangeOfKey(path: DataPath, name: string): Range {
    const { node, depth } = this.walk(path);
    if (depth === path.length && node && isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === name);
      const k = pair?.key as Node | undefined;
      if (k?.range) return this.range(k.range[0], k.range[1]);
    }
    return this.rangeOf(path);
  }

  /**
   * Position of the character at `offset` inside the string value at `path`. Works for plain, single- and
   * double-quoted, literal (`|`) and folded (`>`) scalars by aligning the parsed value with its source text.
   */
  rangeInString(path: DataPath, offset: number, length = 1): Range {
    const { node, depth } = this.walk(path);
    if (depth !== path.length || !node || !isScalar(node) || typeof node.value !== 'string' || !node.range) return this.rangeOf(path);
    const start = sourceOffsetOf(this.text, node as Scalar, offset);
    const end = sourceOffsetOf(this.text, node as Scalar, offset + Math.max(1, length) - 1) + 1;
    return this.range(start, Math.max(start + 1, end));
  }

  /** From `start` to the end of its line (never past `limit`). */
  private firstLine(start: number, limit: number): Range {
    let end = start;
    while (end < limit && end < this.text.length && this.text[end] !== '\n' && this.text[end] !== '\r') end++;
    return this.range(start, end);
  }
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

const WS = /[ \t\r\n]/;

/** Maps an offset in a scalar's parsed string value to an offset in the file text. */
export function sourceOffsetOf(text: string, node: Scalar, valueOffset: number): number {
  const value = String(node.value);
  const [start, end] = node.range!;
  let si = start;
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      si = start + 1;
      break;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const nl = text.indexOf('\n', start);
      si = nl < 0 || nl >= end ? end : nl + 1;
      break;
    }
    default:
      break;
  }
  const target = Math.max(0, Math.min(valueOffset, value.length));
  for (let vi = 0; vi <= target && vi < value.length; vi++) {
    const ch = value[vi];
    if (WS.test(ch)) {
      if (si < end && text[si] === '\\')
        si += 2; // escape such as \n or \t in a double-quoted string
      else if (si < end && WS.test(text[si])) {
        if (vi === target) return si;
        si++;
      }
      if (vi === target) return Math.min(si, end);
      continue;
    }
    let j = si;
    while (j < end && text[j] !== ch) j++;
    if (j >= end) return Math.min(si, end); // value and source disagree (unusual escapes): best effort
    if (vi === target) return j;
    si = j + 1;
  }
  return Math.min(si, end);
}

/**
 * A YAML error as a pack author can act on it. Solidity is full of characters that mean something to YAML
 * (`{`, `: `, `*`, `&`, `!`, `@`, backquotes), so most errors in a pack are an unquoted pattern: say so, and show
 * the line quoted. `pos` is the error's offset in `text`.
 */
export function yamlErrorHint(code: string, text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
  let lineEnd = text.indexOf('\n', pos);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  if (code === 'TAB_AS_INDENT') return 'indent with spaces: YAML does not allow tabs there';
  if (code === 'DUPLICATE_KEY') return 'the second one would silently replace the first';
  const kv = /^(\s*(?:-\s+)?)([A-Za-z][\w-]*):\s+(.*)$/.exec(line);
  const value = kv?.[3].trim() ?? '';
  const quoted = kv ? ` — write it as ${kv[2]}: ${quote(value)}` : '';
  if (kv && value && !/^['"|>]/.test(value)) {
    if (/^[{[]/.test(value)) return `a value that starts with ${value[0]} is read as a YAML ${value[0] === '{' ? 'mapping' : 'list'}: quote it${quoted}`;
    if (/^[*&!]/.test(value))
      return `a value that starts with ${value[0]} is read as a YAML ${value[0] === '*' ? 'alias' : value[0] === '&' ? 'anchor' : 'tag'}: quote it${quoted}`;
    if (/^[@`%]/.test(value)) return `a YAML value cannot start with ${value[0]}: quote it${quoted}`;
    if (/:\s/.test(value)) return `": " inside an unquoted value starts a new key: quote the value${quoted}, or put it on the lines under ${kv[2]}: |`;
  }
  if (/^[A-Z_]*INDENT|BAD_INDENT/.test(code) || code === 'MULTILINE_IMPLICIT_KEY')
    return 'check the indentation: the keys of one mapping start at the same column';
  return '';
}

/** A single-quoted YAML scalar (a quote inside is doubled). */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
