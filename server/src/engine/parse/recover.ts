// Parsing a file piece by piece: every top-level unit, contract header and contract member alone. Used when
// the file does not parse as a whole (so one broken function does not take the findings of the others with
// it) and on edits the splice cannot take (pieces whose text did not change are reused from the previous
// result instead of re-parsed). When every piece parses, the tree is exactly the one a whole-file parse gives.
import type { ASTNode, ContractDefinition, SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';
import { outline } from './outline';
import { NewlineIndex, parsePiece, type PieceKind } from './piece';
import { localizeFailure } from './localize';
import { tokenAt, tokenProblem, type OffsetProblem } from './token-problem';
import { shiftTree } from './shift';

interface MemoEntry {
  start: number;
  line: number;
  column: number;
  nodes: ASTNode[] | null;
  /** Offsets relative to `start`. */
  errors: OffsetProblem[];
}

/** Pieces of one parse, by kind, context and exact text: what the next parse of an edited file may reuse. */
export type Memo = Map<string, MemoEntry>;

export interface Segmented {
  ast: SourceUnit;
  errors: OffsetProblem[];
  memo: Memo;
}

export function parseSegmented(text: string, previous?: Memo): Segmented {
  const { tokens, units, openComment } = outline(text);
  const nl = new NewlineIndex(text);
  const memo: Memo = new Map();
  const errors: OffsetProblem[] = [];
  // Everything after it is comment, so no piece fails to say so.
  if (openComment >= 0) errors.push({ start: openComment, end: openComment + 2, message: "Syntax error: unterminated comment (missing '*/')" });

  const piece = (kind: PieceKind, start: number, end: number, context: string | null): ASTNode[] | null => {
    const key = `${kind}\u0000${context ?? ''}\u0000${text.slice(start, end)}`;
    const { line, column } = nl.position(start);
    let entry = memo.get(key);
    const old = entry ?? previous?.get(key);
    if (old && old.start === start && old.line === line && old.column === column) entry = old;
    else if (old) {
      const s = { from: 0, dOffset: start - old.start, dLine: line - old.line, colLine: old.line, dCol: column - old.column };
      entry = { start, line, column, nodes: old.nodes && shiftTree(old.nodes, s), errors: old.errors };
    } else {
      const r = parsePiece(text, start, end, kind, context, nl);
      let problems: OffsetProblem[];
      if (r.nodes) problems = [];
      else if (r.errors.length) {
        // Errors the wrapper's own closing text provokes only repeat what the piece's errors say.
        const own = r.errors.filter((e) => e.offset < end);
        problems = (own.length ? own : r.errors.slice(0, 1)).map((e) => tokenProblem(tokens, e.offset, start, end, e.message));
      } else problems = [localizeFailure(text, tokens, start, end, kind, context, r.thrown)];
      entry = { start, line, column, nodes: r.nodes, errors: problems.map((p) => ({ ...p, start: p.start - start, end: p.end - start })) };
    }
    memo.set(key, entry);
    for (const e of entry.errors) errors.push({ message: e.message, start: e.start + start, end: e.end + start });
    return entry.nodes;
  };

  const children: ASTNode[] = [];
  let lastContract: string | null = null;
  for (const unit of units) {
    if (unit.kind === 'unit') {
      const nodes = piece('unit', unit.start, unit.end, lastContract);
      if (nodes) children.push(...nodes);
      continue;
    }
    lastContract = unit.name;
    if (unit.bodyStart < 0) {
      // A header that never opens a body: report it and keep nothing of it.
      piece('unit', unit.start, unit.end, null);
      continue;
    }
    const header = piece('header', unit.start, unit.bodyStart, null);
    const subNodes: ASTNode[] = [];
    for (const m of unit.members) {
      const nodes = piece('member', m.start, m.end, unit.name);
      if (nodes) subNodes.push(...nodes);
    }
    const endOffset = unit.close >= 0 ? unit.close : unit.end - 1;
    if (unit.close < 0) {
      const last = tokenAt(tokens, unit.end - 1);
      errors.push({ start: tokens.start(last), end: tokens.end(last), message: `Syntax error: contract ${unit.name} is not closed (missing '}')` });
    }
    const h = header?.[0] as ContractDefinition | undefined;
    const endPos = nl.position(unit.close >= 0 ? unit.close : tokens.start(tokenAt(tokens, unit.end - 1)));
    if (h && h.type === 'ContractDefinition') {
      children.push({ ...h, subNodes, loc: { start: h.loc!.start, end: endPos }, range: [h.range![0], endOffset] } as ContractDefinition);
    } else {
      // The header does not parse (half-typed `is` list...): keep the members under a contract that has
      // only its name, so findings that do not depend on the header still show.
      children.push({
        type: 'ContractDefinition',
        name: unit.name,
        baseContracts: [],
        subNodes,
        kind: /^abstract\b/.test(text.slice(unit.start, unit.start + 8)) ? 'abstract' : firstWord(text, unit.start),
        loc: { start: nl.position(unit.start), end: endPos },
        range: [unit.start, endOffset],
      } as ContractDefinition);
    }
  }

  const last = tokens.length - 1;
  const ast: SourceUnit = {
    type: 'SourceUnit',
    children: children as SourceUnit['children'],
    loc:
      last >= 0
        ? { start: nl.position(tokens.start(0)), end: nl.position(tokens.start(last)) }
        : { start: nl.position(text.length), end: nl.position(text.length) },
    range: last >= 0 ? [tokens.start(0), tokens.end(last) - 1] : [text.length, text.length],
  };
  // Nothing returned refers to the tokens: their array goes to the next keystroke's tokenize.
  tokens.release();
  return { ast, errors, memo };
}

function firstWord(text: string, at: number): string {
  return /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 16))?.[0] ?? 'contract';
}
