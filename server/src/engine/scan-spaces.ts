// Whitespace typed or deleted between the tokens of one unit (a space after a `;`, a newline, indentation) leaves
// its tokens, hence its tree, the same but for positions: the last full scan's matches, moved, are then a fresh
// scan's (scan-reuse.ts keeps them, `spaces`). What the matcher reads besides the tree is checked here:
//
// - the whitespace lies in code, not in a comment or a string, and joins or splits no token;
// - a filter that read a bound span's text around the edit (regex, comparison: FileIndex.reads) is asked again of
//   the new text and answers the same;
// - a name is found in its node's text after the node's first whitespace (pattern/match.ts `nameSpan`): every node
//   around the edit has whitespace before it, so that place does not move.
//
// The model's answers rest on the tree alone, as for the `gap` edits the reuse already keeps.
import type { ChangedSpan } from './parse/splice';
import { isNode, type Node } from './pattern/ast';
import { askAgain, type TextRead } from './scan-index';

type Move = (o: number) => number;

/** Solidity's whitespace (the lexer's WS). */
const SPACE = /^[ \t\r\n\f]*$/;
const SPACE_CHAR = /[ \t\r\n\f]/;
/** Tokens of one character that no longer token begins or ends with. */
const SINGLE = ';,(){}[]';
/** Operator characters that never continue a word or a number (unlike `.` in `1.5` and `-` in `1e-5`). */
const OPERATOR = '=<>!&|^~?:%*+/';
const WORD = /[A-Za-z0-9_$]/;

/** Whether the edit `span` from `oldText` to `newText` is whitespace between the tokens of `unit` (the new tree's node). */
export function sameTokens(oldText: string, newText: string, unit: Node, span: ChangedSpan): boolean {
  const removed = oldText.slice(span.start, span.oldEnd);
  const inserted = newText.slice(span.start, span.newEnd);
  if (!SPACE.test(removed) || !SPACE.test(inserted)) return false;
  // With no whitespace left on one side, the two characters around it meet.
  if ((!removed || !inserted) && !apart(oldText[span.start - 1], oldText[span.oldEnd])) return false;
  const from = unit.range?.[0];
  if (from === undefined || !inCode(oldText, from, span.start)) return false;
  return spacedBefore(newText, unit, span);
}

/** Whether two characters written next to each other are two tokens (false when unsure). */
function apart(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (SPACE_CHAR.test(a) || SPACE_CHAR.test(b)) return true;
  if (SINGLE.includes(a) || SINGLE.includes(b)) return true;
  return (WORD.test(a) && OPERATOR.includes(b)) || (OPERATOR.includes(a) && WORD.test(b));
}

/** Whether offset `to` of `text`, read from `from` (the start of a unit), is in code: not in a comment or string. */
function inCode(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i + 2);
      if (nl < 0 || nl >= to) return false;
      i = nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > to) return false;
      i = close + 2;
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < to && text[k] !== c && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
      if (k >= to || text[k] !== c) return false;
      i = k + 1;
    } else i++;
  }
  return true;
}

/**
 * Whether every question of `reads` (offsets of the old text, less `by`) whose text the edit changed gets the same
 * answer from `newText`.
 */
export function readsHold(reads: readonly TextRead[], span: ChangedSpan, newText: string, moveStart: Move, moveEnd: Move, by = 0): boolean {
  const insertion = span.start === span.oldEnd;
  const read = (s: number, e: number) => newText.slice(moveStart(s + by), moveEnd(e + by));
  for (const r of reads) {
    let changed = false;
    for (let k = 0; k < r.spans.length && !changed; k += 2) {
      const s = r.spans[k] + by;
      const e = r.spans[k + 1] + by;
      changed = insertion ? s < span.start && e > span.start : s < span.oldEnd && e > span.start;
    }
    if (changed && askAgain(r, read) !== r.answer) return false;
  }
  return true;
}

/** Whether every node of `unit` that holds the edit (new offsets) has whitespace between its start and the edit. */
function spacedBefore(text: string, unit: Node, span: ChangedSpan): boolean {
  const holds = (n: Node) => !!n.range && n.range[0] < span.start && span.newEnd <= n.range[1];
  let node: Node | undefined = unit;
  while (node) {
    if (!holds(node) || text.slice(node.range![0], span.start).search(/\s/) < 0) return false;
    node = childHolding(node, holds);
  }
  return true;
}

function childHolding(node: Node, holds: (n: Node) => boolean): Node | undefined {
  for (const k in node) {
    if (k === 'range' || k === 'loc') continue;
    const v = node[k];
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x) && holds(x)) return x;
    } else if (isNode(v) && holds(v)) return v;
  }
  return undefined;
}

/**
 * Text questions moved to the next text, their offsets counted from `from` before (in the old text) and from `to`
 * after (in the new); undefined when one cannot be.
 */
export function moveReads(reads: readonly TextRead[], moveStart: Move, moveEnd: Move, from = 0, to = 0): TextRead[] | undefined {
  const out: TextRead[] = [];
  const start = (o: number) => moveStart(o + from) - to;
  const end = (o: number) => moveEnd(o + from) - to;
  for (const r of reads) {
    const spans: number[] = [];
    for (let k = 0; k < r.spans.length; k += 2) {
      const s = start(r.spans[k]);
      const e = end(r.spans[k + 1]);
      if (s + to < 0 || e < s) return undefined;
      spans.push(s, e);
    }
    out.push({ ...r, spans });
  }
  return out;
}
