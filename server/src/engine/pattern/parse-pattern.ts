// Turns pattern text into parser nodes. Patterns are Solidity fragments, so each kind is wrapped in the smallest
// synthetic contract/function that makes it a source unit, parsed, then unwrapped. `...` is not Solidity: it is
// rewritten to the identifier `$$$` (same length, so parse errors keep pointing at the right column) and, where a
// statement is expected, to the statement `$$$;` (one inserted character, tracked so offsets map back).
import * as parser from '../parse/parser';
import { LineIndex } from '../positions';
import { parseSource } from '../parse';
import { ELLIPSIS, isNode, METAVARIABLE, type Node } from './ast';

export type PatternKind = 'contract' | 'member' | 'state-variable' | 'statements' | 'expression';

export interface ParsedPattern {
  kind: PatternKind;
  /** `statements`: the statement list; every other kind: exactly one node. */
  nodes: Node[];
}

/** A problem inside the pattern text; `offset` indexes the original pattern string. */
export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const CONTRACT_START = /^(abstract\s+contract|contract|library|interface)\b/;
const MEMBER_START = /^(function|modifier|constructor|fallback|receive|event|error|struct|enum|using)\b/;
const STATE_KEYWORDS = /\b(public|private|internal|constant|immutable)\b/;

export function detectKind(text: string): PatternKind {
  const t = stripComments(text).trim();
  if (CONTRACT_START.test(t)) return 'contract';
  if (MEMBER_START.test(t)) return 'member';
  // `uint256 public $X;`, `mapping(address => uint) internal $M;`, `$T constant $C = ...;`: a type, then a
  // visibility/constancy keyword before any `=`, and nothing that reads as a statement.
  if (t.endsWith(';') && !t.includes('{')) {
    const head = t.split(/(?<![=!<>])=(?![=>])/)[0];
    if (STATE_KEYWORDS.test(head) && !/^(return|emit|require|assert|revert|if|for|while|delete)\b/.test(t)) return 'state-variable';
  }
  if (t.endsWith(';') || t.endsWith('}')) return 'statements';
  return 'expression';
}

/**
 * Parsed patterns by text. The Solidity parser costs milliseconds per pattern and packs repeat patterns across
 * findings (`function $F(...) $MOD`); parsed trees are never mutated, so sharing them is safe.
 */
const parsedPatterns = new Map<string, ParsedPattern>();
const MAX_CACHED = 10_000;

export function parsePattern(text: string): ParsedPattern {
  const cached = parsedPatterns.get(text);
  if (cached) return cached;
  const parsed = parseUncached(text);
  if (parsedPatterns.size >= MAX_CACHED) parsedPatterns.clear();
  parsedPatterns.set(text, parsed);
  return parsed;
}

/** This thread's parsed patterns, as plain data for another thread (a scan worker) to start from. */
export function parsedPatternsSnapshot(): Array<[string, ParsedPattern]> {
  return [...parsedPatterns];
}

/** Takes parsed patterns from another thread of this same engine build: compiling them again then skips the parser. */
export function seedParsedPatterns(entries: Array<[string, ParsedPattern]>): void {
  for (const [text, parsed] of entries) if (parsedPatterns.size < MAX_CACHED && !parsedPatterns.has(text)) parsedPatterns.set(text, parsed);
}

function parseUncached(text: string): ParsedPattern {
  checkMetavariables(text);
  const kind = detectKind(text);
  const pre = preprocess(text, kind);
  let prefix = '';
  let suffix = '';
  switch (kind) {
    case 'contract':
      suffix = /\{[\s\S]*\}\s*$/.test(stripComments(pre.text).trim()) ? '' : ' {}';
      break;
    case 'member':
    case 'state-variable':
      prefix = 'contract __Hindsight__ {\n';
      suffix = (/[;}]\s*$/.test(stripComments(pre.text).trim()) ? '' : ';') + '\n}';
      break;
    case 'statements':
      prefix = 'contract __Hindsight__ { function __hindsight__() {\n';
      suffix = '\n} }';
      break;
    case 'expression':
      prefix = 'contract __Hindsight__ { function __hindsight__() {\n';
      suffix = '\n; } }';
      break;
  }
  const wrapped = prefix + pre.text + suffix;
  const toPattern = (wrappedOffset: number): number => Math.max(0, Math.min(text.length, pre.original(wrappedOffset - prefix.length)));

  let unit: Node;
  try {
    const result = parser.parse(wrapped, { tolerant: true, range: true, loc: false }) as unknown as Node & {
      errors?: Array<{ message: string; line: number; column: number }>;
    };
    const first = result.errors?.[0];
    if (first) {
      const lines = new LineIndex(wrapped);
      const at = toPattern(lines.offset({ line: first.line - 1, character: first.column }));
      throw new PatternSyntaxError(`pattern does not parse as Solidity: ${first.message} (at ${describe(text, at)})`, at);
    }
    unit = result;
  } catch (err) {
    if (err instanceof PatternSyntaxError) throw err;
    // The parser's tree builder crashed (e.g. on `uint x = ;`) and lost its error list: the file parser knows
    // how to localise such failures, so ask it where the problem is.
    const problem = parseSource(wrapped).syntaxErrors[0];
    if (problem) {
      const at = toPattern(new LineIndex(wrapped).offset(problem.range.start));
      throw new PatternSyntaxError(`pattern does not parse as Solidity: ${problem.message} (at ${describe(text, at)})`, at);
    }
    throw new PatternSyntaxError(`pattern does not parse as Solidity: ${(err as Error).message}`, 0);
  }

  const nodes = unwrap(unit, kind, text.length);
  return { kind, nodes };
}

function unwrap(unit: Node, kind: PatternKind, length: number): Node[] {
  const children = (unit.children as Node[]).filter((c) => c.type !== 'PragmaDirective');
  const fail = (message: string): never => {
    throw new PatternSyntaxError(message, 0);
  };
  if (kind === 'contract') {
    if (children.length !== 1 || children[0].type !== 'ContractDefinition') fail('a contract pattern must be exactly one contract, library or interface');
    return children;
  }
  const contract = children[0];
  const members = (contract?.subNodes ?? []) as Node[];
  if (kind === 'member' || kind === 'state-variable') {
    if (members.length !== 1)
      fail(`a ${kind === 'member' ? 'definition' : 'state variable'} pattern must hold exactly one declaration, found ${members.length}`);
    if (kind === 'state-variable' && members[0].type !== 'StateVariableDeclaration')
      fail('pattern looks like a state variable declaration but does not parse as one');
    return members;
  }
  const body = (members[0]?.body as Node | undefined)?.statements as Node[] | undefined;
  if (!body || body.length === 0) fail('pattern is empty');
  if (kind === 'statements') return body!;
  if (body!.length !== 1 || body![0].type !== 'ExpressionStatement' || !isNode(body![0].expression)) {
    fail(`an expression pattern must be one expression (end it with ';' to write statements)`);
  }
  void length;
  return [body![0].expression as Node];
}

/** `$x`, `$1` and a lone `$` are almost always typos of a metavariable: say so instead of silently never matching. */
function checkMetavariables(text: string): void {
  forEachCode(text, (i) => {
    if (text[i] !== '$') return 1;
    let j = i + 1;
    while (j < text.length && /[A-Za-z0-9_$]/.test(text[j])) j++;
    const name = text.slice(i, j);
    if (name !== '$_' && !METAVARIABLE.test(name)) {
      throw new PatternSyntaxError(
        `invalid metavariable '${name}' at ${describe(text, i)}: write '$' then an upper-case letter, then letters, digits or '_' (e.g. $TOKEN), or '$_'`,
        i,
      );
    }
    return j - i;
  });
}

interface Preprocessed {
  text: string;
  /** Maps an offset in `text` back to the original pattern. */
  original(offset: number): number;
}

function preprocess(text: string, kind: PatternKind): Preprocessed {
  let out = '';
  const inserted: number[] = []; // offsets in `out` where a character that is not in the pattern was added
  let last = 0;
  const stack: Array<'block' | 'options'> = [];
  const statementEllipsisEnds = new Set<number>();
  forEachCode(text, (i) => {
    const c = text[i];
    if (c === '{') {
      stack.push(isCallOptions(text, i) ? 'options' : 'block');
      return 1;
    }
    if (c === '}') {
      stack.pop();
      return 1;
    }
    if (!text.startsWith('...', i)) return 1;
    const blockDepth = stack.filter((s) => s === 'block').length;
    const top = stack[stack.length - 1];
    const before = previousSignificantAt(text, i);
    // `...` right after a statement `...` is a statement too (`a(); ... ... b();`).
    const prev = before >= 0 && statementEllipsisEnds.has(before + 1) ? ';' : before >= 0 ? text[before] : '';
    const statementSlot = (prev === '' || prev === '{' || prev === ';' || prev === '}') && top !== 'options';
    const memberLevel = (kind === 'contract' && blockDepth === 1) || ((kind === 'member' || kind === 'state-variable') && blockDepth === 0);
    out += text.slice(last, i);
    if (statementSlot && memberLevel) {
      out += '   '; // `...` among contract members: members already match as a subset in any order
    } else if (statementSlot && (kind === 'statements' || blockDepth > 0)) {
      statementEllipsisEnds.add(i + 3);
      out += ELLIPSIS;
      inserted.push(out.length);
      out += ';';
    } else {
      out += ELLIPSIS;
    }
    last = i + 3;
    return 3;
  });
  out += text.slice(last);
  return {
    text: out,
    original(offset: number): number {
      let shift = 0;
      for (const at of inserted) if (at < offset) shift++;
      return offset - shift;
    },
  };
}

/** `x.call{value: v}` and `new C{salt: s}`: options are `name: value` pairs; a block never starts that way. */
function isCallOptions(text: string, brace: number): boolean {
  return /^\s*[A-Za-z_][A-Za-z0-9_]*\s*:/.test(text.slice(brace + 1, brace + 80));
}

/** Offset of the last character before `i` that is not whitespace or comment, or -1. */
function previousSignificantAt(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0) {
    if (/\s/.test(text[j])) {
      j--;
      continue;
    }
    if (text[j] === '/' && text[j - 1] === '*') {
      const open = text.lastIndexOf('/*', j - 2);
      if (open < 0) return j;
      j = open - 1;
      continue;
    }
    const lineStart = text.lastIndexOf('\n', j) + 1;
    const lineComment = findLineComment(text, lineStart, j);
    if (lineComment >= 0) {
      j = lineComment - 1;
      continue;
    }
    return j;
  }
  return -1;
}

function findLineComment(text: string, from: number, to: number): number {
  let quote = '';
  for (let k = from; k <= to; k++) {
    const c = text[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && text[k + 1] === '/') return k;
  }
  return -1;
}

/** Calls `visit` for each offset outside strings and comments; `visit` returns how far to advance. */
function forEachCode(text: string, visit: (i: number) => number): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else {
      i += Math.max(1, visit(i));
    }
  }
}

function stripComments(text: string): string {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
}

function describe(text: string, offset: number): string {
  const lines = new LineIndex(text);
  const p = lines.position(offset);
  return `line ${p.line + 1}, column ${p.character + 1}`;
}
