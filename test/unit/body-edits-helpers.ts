// Random edits inside function bodies of real files, for the properties that an incremental step (the parse's
// splice, the model's carry-over) ends where a fresh start on the edited text does.
import fc from 'fast-check';

export interface Body {
  start: number;
  end: number;
  statements: Array<[number, number]>;
  identifiers: Array<[number, number]>;
}

/** Function and modifier bodies of a parse: the statements and identifiers inside them. */
export function bodies(ast: unknown): Body[] {
  const out: Body[] = [];
  const walk = (n: unknown, body: Body | null): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((c) => walk(c, body));
    const node = n as { type?: string; range?: [number, number]; body?: { type: string; range: [number, number] } | null; statements?: unknown[] };
    let b = body;
    if ((node.type === 'FunctionDefinition' || node.type === 'ModifierDefinition') && node.body?.range) {
      b = { start: node.body.range[0], end: node.body.range[1], statements: [], identifiers: [] };
      out.push(b);
    }
    if (b && node.type === 'Block' && Array.isArray(node.statements)) {
      for (const s of node.statements as Array<{ range: [number, number] }>) b.statements.push(s.range);
    }
    if (b && node.type === 'Identifier' && node.range && node.range[0] > b.start && node.range[1] < b.end) b.identifiers.push(node.range);
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && k !== 'range') walk(v, b);
  };
  walk(ast, null);
  return out.filter((b) => b.statements.length > 0);
}

export type Edit = { at: number; del: number; ins: string };

/** What the edits insert before a statement: a new local used later, and a block that uses it. */
export const INSERTS = ['uint256 hindsightLocal = 1;\n        ', '{ hindsightLocal; }\r\n'];

/** Edits that keep a body parsing: insert (`inserts`), delete or duplicate a statement, rename an identifier, add lines. */
export function editArb(text: string, b: Body, inserts: readonly string[] = INSERTS): fc.Arbitrary<Edit> {
  const stmt = fc.constantFrom(...b.statements);
  const ident = fc.constantFrom(...(b.identifiers.length ? b.identifiers : b.statements.slice(0, 1).map(([s]): [number, number] => [s, s - 1])));
  return fc.oneof(
    ...inserts.map((ins) => stmt.map(([s]) => ({ at: s, del: 0, ins }))),
    stmt.map(([s, e]) => ({ at: s, del: e + 1 - s, ins: '' })),
    stmt.map(([s, e]) => ({ at: e + 1, del: 0, ins: ' ' + text.slice(s, e + 1) })),
    ident.map(([s, e]) => ({ at: s, del: e + 1 - s, ins: 'renamed' })),
    fc.tuple(stmt, fc.constantFrom('\n', '\n\n  ', ' /* 中文 */ ', '// 😀 note\n')).map(([[s], ins]) => ({ at: s, del: 0, ins })),
    fc.constant({ at: b.end, del: 0, ins: '\n' }),
  );
}

export const apply = (text: string, e: Edit) => text.slice(0, e.at) + e.ins + text.slice(e.at + e.del);
