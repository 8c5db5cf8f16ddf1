// Moving parsed nodes to another place in the file without re-parsing them. Trees are shared between
// successive ParsedSources (the server may still be matching the previous one), so nothing is mutated:
// nodes that do not move are shared, and every node that moves is copied with new `loc` and `range`.

/** Positions at or after `from` (UTF-16 offset, old numbering) move; the parser's lines count '\n' only. */
export interface Shift {
  from: number;
  dOffset: number;
  dLine: number;
  /** The (old, 1-based) parser line whose columns move by dCol: the line where the moved text starts. */
  colLine: number;
  dCol: number;
}

interface Loc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export function shiftTree<T>(value: T, s: Shift, replace?: Map<object, object>): T {
  if (s.dOffset === 0 && s.dLine === 0 && s.dCol === 0 && !replace) return value;
  return shiftValue(value, s, replace) as T;
}

function shiftValue(v: unknown, s: Shift, replace: Map<object, object> | undefined): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (replace?.has(v)) return replace.get(v);
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      const n = shiftValue(c, s, replace);
      if (out) out.push(n);
      else if (n !== c) {
        out = v.slice(0, i);
        out.push(n);
      }
    }
    return out ?? v;
  }
  const node = v as Record<string, unknown>;
  const range = node.range as [number, number] | undefined;
  // Replaced nodes are always ones that end at or after `from`, so a node entirely before it holds none.
  if (range && range[1] < s.from) return v;
  // A spread copy keeps the parser's key order and shape (fast), then only object-valued fields are visited.
  const out: Record<string, unknown> = { ...node };
  for (const k in out) {
    const c = out[k];
    if (c === null || typeof c !== 'object') continue;
    if (k === 'range' && range) out.range = [move(range[0], s), move(range[1], s)];
    else if (k === 'loc' && range) {
      const loc = c as Loc;
      const start = movePos(loc.start, range[0], s);
      const end = movePos(loc.end, range[1], s);
      // Typing within a line moves offsets only: most nodes keep their lines and columns, and their `loc`.
      out.loc = start === loc.start && end === loc.end ? loc : { start, end };
    } else out[k] = shiftValue(c, s, replace);
  }
  if (node.type === 'StateVariableDeclaration' && node.initialValue) keepInitialValueShared(node, out);
  return out;
}

/**
 * The parser gives a state variable's initial value as one object under two fields, its `initialValue` and its
 * variable's `expression` (the only object it puts in two places). Copied field by field it would become two,
 * and whatever walks the moved tree would see the value twice (the model listed its references twice).
 */
function keepInitialValueShared(node: Record<string, unknown>, out: Record<string, unknown>): void {
  const before = node.variables as Array<{ expression?: unknown } | null> | undefined;
  const after = out.variables as Array<{ expression?: unknown } | null> | undefined;
  if (!Array.isArray(before) || !Array.isArray(after)) return;
  for (let i = 0; i < before.length; i++) {
    if (before[i]?.expression === node.initialValue) {
      out.initialValue = after[i]?.expression;
      return;
    }
  }
}

const move = (offset: number, s: Shift) => (offset >= s.from ? offset + s.dOffset : offset);

function movePos(p: { line: number; column: number }, offset: number, s: Shift) {
  if (offset < s.from) return p;
  const column = p.line === s.colLine ? p.column + s.dCol : p.column;
  if (s.dLine === 0 && column === p.column) return p; // unchanged, and positions are never mutated: share it
  return { line: p.line + s.dLine, column };
}

/** Parser-style (1-based line, column in UTF-16 units since the last '\n') position of an offset. */
export function parserPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let i = text.indexOf('\n');
  let lastNl = -1;
  while (i >= 0 && i < offset) {
    line++;
    lastNl = i;
    i = text.indexOf('\n', i + 1);
  }
  return { line, column: offset - lastNl - 1 };
}

export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
