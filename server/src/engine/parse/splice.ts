// The fast path for typing: an edit strictly inside one function or modifier body re-parses that member
// alone and splices it into a copy of the previous tree. The previous tree is never mutated; nodes before the
// edit are shared, nodes after it are copied with moved positions (O(nodes after the edit)).
import type { ASTNode, ContractDefinition, SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';
import { NewlineIndex, parsePiece, type PieceKind } from './piece';
import { countNewlines, shiftTree } from './shift';

export interface ChangedSpan {
  /** Offset where old and new text start to differ. */
  start: number;
  /** Exclusive end of the replaced text in the old text. */
  oldEnd: number;
  /** Exclusive end of the inserted text in the new text. */
  newEnd: number;
}

export function changedSpan(oldText: string, newText: string): ChangedSpan {
  const max = Math.min(oldText.length, newText.length);
  let p = 0;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
  return { start: p, oldEnd: oldText.length - s, newEnd: newText.length - s };
}

type Bodied = ASTNode & { range: [number, number]; body?: { range?: [number, number] } | null };

/** The new tree, or null when the edit is not confined to one body or the edited member no longer parses. */
export function spliceEdit(oldText: string, ast: SourceUnit, newText: string, span = changedSpan(oldText, newText)): SourceUnit | null {
  const { start, oldEnd, newEnd } = span;
  const inside = (n: ASTNode | null | undefined): n is Bodied => {
    if (!n || (n.type !== 'FunctionDefinition' && n.type !== 'ModifierDefinition')) return false;
    const body = (n as Bodied).body?.range;
    // Strictly between the braces: the header and both braces are untouched.
    return !!body && body[0] < start && oldEnd <= body[1];
  };
  let member: Bodied | undefined;
  let context: string | null = null;
  let lastContract: string | null = null;
  for (const child of ast.children) {
    const r = child.range!;
    if (child.type === 'ContractDefinition') {
      if (r[0] < start && oldEnd <= r[1]) {
        member = ((child as ContractDefinition).subNodes as ASTNode[]).find(inside);
        context = child.name;
        break;
      }
      lastContract = child.name;
    } else if (inside(child)) {
      member = child;
      context = lastContract;
      break;
    }
  }
  if (!member) return null;

  const delta = newEnd - oldEnd;
  // Narrowest first: the innermost statement around the edit (a long function takes tens of ms to parse, one
  // statement about one), then the whole member.
  let old: ASTNode | undefined;
  let fresh: ASTNode | undefined;
  const stmt = innermostStatement(member.body as ASTNode, start, oldEnd);
  if (stmt) {
    fresh = reparse(newText, stmt, delta, 'statement', context);
    if (fresh) old = stmt;
  }
  if (!old) {
    fresh = reparse(newText, member, delta, isTopLevel(ast, member) ? 'unit' : 'member', context);
    if (fresh && fresh.type === member.type) old = member;
  }
  if (!old || !fresh) return null;

  // Everything after the edit moves by the length delta; positions on the line where the edit ends also
  // move sideways.
  const oldLineStart = oldText.lastIndexOf('\n', oldEnd - 1) + 1;
  const newLineStart = newText.lastIndexOf('\n', newEnd - 1) + 1;
  const colLine = 1 + countNewlines(oldText, 0, oldEnd);
  const shift = {
    from: oldEnd,
    dOffset: delta,
    dLine: countNewlines(newText, start, newEnd) - countNewlines(oldText, start, oldEnd),
    colLine,
    dCol: newEnd - newLineStart - (oldEnd - oldLineStart),
  };
  return shiftTree(ast, shift, new Map<object, object>([[old, fresh]]));
}

/** The node's text after the edit, parsed alone; null unless it is still exactly one node over the same span. */
function reparse(newText: string, node: ASTNode, delta: number, kind: PieceKind, context: string | null): ASTNode | undefined {
  const start = node.range![0];
  const end = node.range![1] + 1 + delta;
  // The node starts before the edit, so its old position is its new one.
  const at = node.loc ? node.loc.start : new NewlineIndex(newText).position(start);
  const nodes = parsePiece(newText, start, end, kind, context, at).nodes;
  if (nodes?.length !== 1) return undefined;
  const r = nodes[0].range!;
  return r[0] === start && r[1] === end - 1 ? nodes[0] : undefined;
}

/** The innermost element of a `statements` list whose first and last tokens the edit leaves alone. */
function innermostStatement(body: ASTNode, start: number, oldEnd: number): ASTNode | undefined {
  let found: ASTNode | undefined;
  const contains = (n: unknown): n is ASTNode => {
    const r = (n as ASTNode | null)?.range;
    return !!r && r[0] < start && oldEnd <= r[1];
  };
  let node: ASTNode | undefined = body;
  while (node) {
    let next: ASTNode | undefined;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'loc' || k === 'range' || !v || typeof v !== 'object') continue;
      if (Array.isArray(v)) {
        const hit = v.find(contains);
        if (hit) {
          next = hit;
          if (k === 'statements' && node.type === 'Block') found = hit;
          break;
        }
      } else if (contains(v)) {
        next = v;
        break;
      }
    }
    // Inline assembly is Yul: its inner nodes are not statements the wrapper could parse.
    if (next?.type === 'InlineAssemblyStatement') break;
    node = next;
  }
  return found;
}

function isTopLevel(ast: SourceUnit, node: ASTNode): boolean {
  return (ast.children as ASTNode[]).includes(node);
}
