// Parsing one piece of a file alone (a contract member, a top-level unit or a contract header) so that its
// nodes carry exactly the loc and range a parse of the whole file would give them. The piece is wrapped in
// just enough text to be a valid source unit; the wrapper puts the piece on line 2 at its own column, so only
// offsets and line numbers need moving afterwards (columns already agree).
import * as parser from './parser';
import type { ASTNode, ContractDefinition, FunctionDefinition, SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';
import { shiftTree } from './shift';
import { nestingProblem } from './depth';

export const PARSE_OPTIONS = { tolerant: true, loc: true, range: true } as const;

export type ParserErrorItem = parser.SyntaxErrorItem;

export type RawParse = { ast: SourceUnit; errors: ParserErrorItem[] } | { ast: null; errors: ParserErrorItem[]; thrown: string };

/**
 * The parser, guarded: tolerant mode still throws TypeErrors from its tree builder on some broken code.
 * `piece`: the caller discards the tree of text with errors (see parseWrapped), so broken text may be
 * diagnosed the faster way (parseOrDiagnose); whole files get exactly the package's answer.
 */
export function rawParse(text: string, piece = false): RawParse {
  const deep = nestingProblem(text);
  if (deep) {
    const at = new NewlineIndex(text).position(deep.offset);
    return { ast: null, errors: [{ message: deep.message, line: at.line, column: at.column }], thrown: deep.message };
  }
  try {
    const result = piece ? parser.parseOrDiagnose(text, PARSE_OPTIONS) : parser.parse(text, PARSE_OPTIONS);
    if (!('type' in result)) return { ast: null, errors: result.errors.map(tidy), thrown: result.thrown ?? 'syntax errors' };
    const errors = (result.errors ?? []).map(tidy);
    delete result.errors;
    return { ast: result, errors };
  } catch (err) {
    const e = err as { errors?: ParserErrorItem[]; message?: string };
    return { ast: null, errors: (e.errors ?? []).map(tidy), thrown: e.message ?? String(err) };
  }
}

/** ANTLR lists every token it could have accepted; past a handful that is noise in an editor tooltip. */
function tidy(e: ParserErrorItem): ParserErrorItem {
  const m = /^(.*?expecting )\{(.*)\}$/s.exec(e.message);
  if (!m) return e;
  const options = m[2].split(', ');
  if (options.length <= 6) return e;
  return { ...e, message: `${m[1]}one of ${options.slice(0, 6).join(', ')}, … (${options.length - 6} more)` };
}

/** Maps the parser's '\n'-counted lines to offsets and back. */
export class NewlineIndex {
  private readonly nl: number[] = [];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.nl.push(i);
  }
  /** 1-based line, 0-based column, as the parser reports them. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.nl[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return { line: lo + 1, column: offset - (lo > 0 ? this.nl[lo - 1] + 1 : 0) };
  }
  offset(line: number, column: number): number {
    const start = line <= 1 ? 0 : line - 2 < this.nl.length ? this.nl[line - 2] + 1 : this.text.length;
    return Math.min(this.text.length, start + Math.max(0, column));
  }
}

/** `statement`: statements of a function body, used only to find where a piece the parser chokes on breaks. */
export type PieceKind = 'member' | 'unit' | 'header' | 'statement';

export interface PieceResult {
  /** The piece's nodes at their place in the file; null when the piece does not parse cleanly. */
  nodes: ASTNode[] | null;
  /** Absolute offsets into the file (not yet clamped to the piece). */
  errors: Array<{ offset: number; message: string }>;
  /** The parser's own exception, when it threw instead of reporting an error. */
  thrown?: string;
}

/**
 * `contract` is the enclosing contract's name for members, the name of the last contract before the
 * piece for units (the parser marks a free function named like it as a constructor), unused for headers.
 */
export function parsePiece(
  text: string,
  start: number,
  end: number,
  kind: PieceKind,
  contract: string | null,
  nl: NewlineIndex | { line: number; column: number },
): PieceResult {
  const { line, column } = nl instanceof NewlineIndex ? nl.position(start) : nl;
  let head: string;
  if (kind === 'member') head = `contract ${contract ?? '__X'} {\n`;
  else if (kind === 'statement') head = `contract ${contract ?? '__X'} { function __hindsight() {\n`;
  else if (kind === 'unit' && contract) head = `contract ${contract}{}\n`;
  else head = '\n';
  const prefix = head + ' '.repeat(column);
  const tail = kind === 'header' ? '}' : kind === 'member' ? '\n}' : kind === 'statement' ? '\n}}' : '';
  const wrapped = prefix + text.slice(start, end) + tail;
  const dOffset = start - prefix.length;
  const dLine = line - 2;
  // A failed splice and the piece-by-piece parse that follows it ask for the same piece: parse it once.
  if (last && last.wrapped === wrapped && last.dOffset === dOffset && last.dLine === dLine && last.kind === kind) return last.result;
  const result = parseWrapped(wrapped, kind, contract, start, dOffset, dLine);
  last = { wrapped, dOffset, dLine, kind, result };
  return result;
}

let last: { wrapped: string; dOffset: number; dLine: number; kind: PieceKind; result: PieceResult } | undefined;

function parseWrapped(wrapped: string, kind: PieceKind, contract: string | null, start: number, dOffset: number, dLine: number): PieceResult {
  const raw = rawParse(wrapped, true);

  const errors: PieceResult['errors'] = [];
  if (raw.errors.length) {
    // Error positions are rare; map them through the wrapped text's own lines.
    const wnl = new NewlineIndex(wrapped);
    for (const e of raw.errors) errors.push({ offset: wnl.offset(e.line, e.column) + dOffset, message: e.message });
  }
  if (!raw.ast || errors.length) return { nodes: null, errors, thrown: raw.ast ? undefined : raw.thrown };

  let nodes: ASTNode[] | null = null;
  const children = raw.ast.children;
  if (kind === 'member') {
    const c = children[0] as ContractDefinition | undefined;
    if (children.length === 1 && c?.type === 'ContractDefinition') nodes = c.subNodes as ASTNode[];
  } else if (kind === 'statement') {
    const c = children[0] as ContractDefinition | undefined;
    const fn = c?.subNodes[0] as FunctionDefinition | undefined;
    if (children.length === 1 && c?.subNodes.length === 1 && fn?.type === 'FunctionDefinition' && fn.body) nodes = fn.body.statements as ASTNode[];
  } else if (kind === 'unit') {
    nodes = contract ? (children.slice(1) as ASTNode[]) : (children as ASTNode[]);
  } else if (children.length === 1 && children[0].type === 'ContractDefinition') nodes = children as ASTNode[];
  if (!nodes) return { nodes: null, errors: [{ offset: start, message: 'Syntax error: this code does not parse on its own' }] };
  return { nodes: shiftTree(nodes, { from: 0, dOffset, dLine, colLine: -1, dCol: 0 }), errors };
}
