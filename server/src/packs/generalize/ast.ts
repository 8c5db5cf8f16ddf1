// Selecting, generalising and cutting test cases walk the parser's tree generically (every key that holds
// nodes), so that they treat all node kinds alike, recovered trees included.
export type AstNode = { type: string; range?: [number, number]; [k: string]: unknown };

export const isAstNode = (v: unknown): v is AstNode => typeof v === 'object' && v !== null && typeof (v as AstNode).type === 'string';
export const startOf = (n: AstNode) => n.range![0];
export const endOf = (n: AstNode) => n.range![1] + 1; // parser ranges are end-inclusive

/** Contract members that a selection can stand for as a whole, and that a test case copies whole. */
export const MEMBER_TYPES = new Set([
  'FunctionDefinition',
  'ModifierDefinition',
  'EventDefinition',
  'CustomErrorDefinition',
  'StructDefinition',
  'EnumDefinition',
]);

export function children(n: AstNode): Array<{ key: string; node: AstNode }> {
  const out: Array<{ key: string; node: AstNode }> = [];
  for (const [key, v] of Object.entries(n)) {
    if (key === 'loc' || key === 'range') continue;
    if (Array.isArray(v))
      for (const x of v) {
        if (isAstNode(x) && x.range) out.push({ key, node: x });
      }
    else if (isAstNode(v) && v.range) out.push({ key, node: v });
  }
  return out.sort((a, b) => startOf(a.node) - startOf(b.node));
}

/** The chain of nodes from the source unit down to the innermost one that contains [s, e). */
export function pathTo(root: AstNode, s: number, e: number): AstNode[] {
  const chain = [root];
  for (;;) {
    const cur = chain[chain.length - 1];
    const next = children(cur).find((c) => startOf(c.node) <= s && endOf(c.node) >= e);
    if (!next) return chain;
    chain.push(next.node);
  }
}
