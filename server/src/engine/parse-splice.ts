// The fast path for typing: an edit strictly inside one function or modifier body re-parses that member
// alone and splices it into a copy of the previous tree. The previous tree is never mutated; nodes before the
// edit are shared, nodes after it are copied with moved positions (O(nodes after the edit)).
import type { ASTNode, ContractDefinition, SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';
import { NewlineIndex, parsePiece } from './parse-piece';
import { countNewlines, shiftTree } from './parse-shift';

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
  const mStart = member.range[0];
  const mEnd = member.range[1] + 1 + delta;
  // The member starts before the edit, so its old position is its new one.
  const at = member.loc ? member.loc.start : new NewlineIndex(newText).position(mStart);
  const parsed = parsePiece(newText, mStart, mEnd, isTopLevel(ast, member) ? 'unit' : 'member', context, at);
  const fresh = parsed.nodes;
  if (!fresh || fresh.length !== 1 || fresh[0].type !== member.type) return null;
  const r = fresh[0].range!;
  if (r[0] !== mStart || r[1] !== mEnd - 1) return null;

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
  return shiftTree(ast, shift, new Map<object, object>([[member, fresh[0]]]));
}

function isTopLevel(ast: SourceUnit, node: ASTNode): boolean {
  return (ast.children as ASTNode[]).includes(node);
}
