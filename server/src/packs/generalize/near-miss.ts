// The `// ok:` case of a recorded finding's test file, taken from the reviewer's own file: a function like the
// selected code that the finding does not report shows where the pattern must stay quiet.
import { compileFinding, scanSource, type FindingDefinition } from '../../engine';
import { parseSource } from '../../engine/parse';
import { children, endOf, isAstNode, startOf, type AstNode } from './ast';
import { PREVIEW_PACK } from './count-matches';

/**
 * The near miss: among the file's other functions and modifiers that the finding does not report, the one whose
 * words overlap most with the selection; inside it, the statement most like the selection's first line.
 */
export function pickOkCase(
  source: string,
  ast: AstNode,
  unit: AstNode | undefined,
  s: number,
  e: number,
  def: FindingDefinition,
): { member: AstNode; at: number } | undefined {
  let reported: Array<[number, number]>;
  try {
    const lines = parseSource(source).lines;
    const finding = compileFinding(def, { ...PREVIEW_PACK, name: 'record' });
    reported = scanSource(source, [finding]).occurrences.map((o) => [lines.offset(o.matchRange.start), lines.offset(o.matchRange.end)]);
  } catch {
    return undefined;
  }
  const words = (t: string) => new Set(t.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  const similarity = (a: Set<string>, b: Set<string>) => {
    let common = 0;
    for (const w of a) if (b.has(w)) common++;
    return common / (a.size + b.size - common || 1);
  };
  const selection = words(source.slice(s, e));
  const firstLine = words(source.slice(s, source.indexOf('\n', s) < 0 ? e : Math.min(e, source.indexOf('\n', s))));
  let best: { member: AstNode; score: number } | undefined;
  const visit = (n: AstNode) => {
    if ((n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition') && n !== unit && isAstNode(n.body)) {
      const [a, b] = [startOf(n), endOf(n)];
      const stmts = ((n.body as AstNode).statements as AstNode[]) ?? [];
      if (stmts.length && !reported.some(([x, y]) => x < b && y > a)) {
        const score = similarity(selection, words(source.slice(a, b)));
        if (!best || score > best.score) best = { member: n, score };
      }
      return;
    }
    for (const c of children(n)) visit(c.node);
  };
  visit(ast);
  if (!best || best.score === 0) return undefined;
  const member: AstNode = best.member;
  const stmts = flattenStatements(((member.body as AstNode).statements as AstNode[]) ?? []);
  let at = stmts[0];
  let atScore = -1;
  for (const st of stmts) {
    const score = similarity(firstLine, words(source.slice(startOf(st), endOf(st))));
    if (score > atScore) [at, atScore] = [st, score];
  }
  return { member, at: startOf(at) };
}

/** Statements of a body, including those nested in blocks, ifs and loops (each starts its own line, usually). */
function flattenStatements(stmts: AstNode[]): AstNode[] {
  const out: AstNode[] = [];
  for (const st of stmts) {
    if (!st) continue;
    if (st.type === 'Block') out.push(...flattenStatements((st.statements as AstNode[]) ?? []));
    else {
      out.push(st);
      for (const c of children(st)) if (c.node.type === 'Block') out.push(...flattenStatements((c.node.statements as AstNode[]) ?? []));
    }
  }
  return out;
}
