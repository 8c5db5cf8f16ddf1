// When the parser throws on a piece instead of reporting an error (its tree builder trips over the holes
// that error recovery leaves, e.g. `uint x = ;`), we know the piece is broken but not where. Parsing the
// header and then each statement of the body alone, descending into blocks, finds the statement that breaks
// it, so the squiggle lands on the half-typed line and not on the whole function.
import { LBRACE, RBRACE, SEMI, type Tokens } from './outline';
import { NewlineIndex, parsePiece, type PieceKind } from './piece';
import { tokenAt, tokenProblem, type OffsetProblem } from './token-problem';

const GENERIC = 'Syntax error: this code cannot be parsed';

export function localizeFailure(
  text: string,
  tokens: Tokens,
  start: number,
  end: number,
  kind: PieceKind,
  context: string | null,
  thrown: string | undefined,
): OffsetProblem {
  const fallback = (): OffsetProblem => {
    if (!tokens.length) return { start, end: Math.min(end, start + 1), message: GENERIC };
    const t = tokenAt(tokens, start);
    return { start: tokens.start(t), end: tokens.end(t) <= end ? tokens.end(t) : Math.min(end, start + 1), message: GENERIC };
  };
  void thrown;
  if (kind !== 'member' && kind !== 'unit') return fallback();
  const nl = new NewlineIndex(text);
  const first = tokenAt(tokens, start);
  let last = first;
  while (last + 1 < tokens.length && tokens.end(last + 1) <= end) last++;
  // The body: the first `{` (headers have none of their own, and a deleted `)` must not hide the body).
  let open = -1;
  for (let i = first; i <= last; i++) {
    const x = tokens.char(i);
    if (x === LBRACE) {
      open = i;
      break;
    } else if (x === SEMI) break;
  }
  if (open < 0) return fallback();
  // A header that breaks on its own is the problem.
  const header = parsePiece(`${text.slice(0, tokens.end(open))}}`, start, tokens.end(open) + 1, kind, context, nl);
  if (!header.nodes) {
    const e = header.errors[0];
    return e ? tokenProblem(tokens, e.offset, start, tokens.end(open), e.message) : (diagnose(tokens, first, open - 1, open) ?? fallback());
  }
  return findInBlock(text, tokens, open, last, context, nl) ?? fallback();
}

/** Statements of the block opened at token `open`, parsed one by one; the first that fails, narrowed down. */
function findInBlock(text: string, tokens: Tokens, open: number, last: number, context: string | null, nl: NewlineIndex): OffsetProblem | null {
  let i = open + 1;
  while (i <= last && tokens.char(i) !== RBRACE) {
    const s = i;
    const e = statementEnd(tokens, s, last);
    const from = tokens.start(s);
    const to = tokens.end(e);
    const r = parsePiece(text, from, to, 'statement', context, nl);
    if (!r.nodes) {
      if (r.errors.length) return tokenProblem(tokens, r.errors[0].offset, from, to, r.errors[0].message);
      for (let j = s; j <= e; j++) {
        // Inline assembly is Yul, not Solidity statements: the assembly statement itself is the answer.
        if (tokens.is(j, 'assembly')) break;
        if (tokens.char(j) !== LBRACE) continue;
        const inner = findInBlock(text, tokens, j, e, context, nl);
        if (inner) return inner;
        j = blockEnd(tokens, j, e);
      }
      return diagnose(tokens, s, e, -1) ?? { start: from, end: to, message: 'Syntax error: this statement cannot be parsed' };
    }
    i = e + 1;
  }
  return null;
}

/**
 * Index of a statement's last token: its `;` outside braces, or its closing `}` when no else/catch/while
 * follows. Unclosed parentheses give way to braces, so `f(a;` still ends at its `;`.
 */
function statementEnd(tokens: Tokens, s: number, last: number): number {
  // By text: this runs only for a piece the parser threw on, so the words it slices cost nothing that matters.
  const stack: string[] = [];
  let braces = 0;
  for (let j = s; j <= last; j++) {
    const x = tokens.text(j);
    if (x === '(' || x === '[') stack.push(x);
    else if (x === '{') {
      stack.push(x);
      braces++;
    } else if ((x === ')' && stack[stack.length - 1] === '(') || (x === ']' && stack[stack.length - 1] === '[')) stack.pop();
    else if (x === '}') {
      if (braces === 0) return Math.max(s, j - 1);
      while (stack.length && stack.pop() !== '{');
      braces--;
      if (braces === 0 && !tokens.is(j + 1, 'else') && !tokens.is(j + 1, 'catch') && !tokens.is(j + 1, 'while')) return j;
    } else if (x === ';' && braces === 0) return j;
  }
  return last;
}

function blockEnd(tokens: Tokens, open: number, last: number): number {
  let depth = 0;
  for (let j = open; j <= last; j++) {
    if (tokens.char(j) === LBRACE) depth++;
    else if (tokens.char(j) === RBRACE && --depth === 0) return j;
  }
  return last;
}

/**
 * The parser gave no position, so say what is most likely missing from the tokens [s, e]: an unclosed
 * bracket, or the `;` of a statement, at the token where it was expected. `at` is that token for a header
 * (its body's `{`); -1 for a statement (its `;`, else its last token).
 */
function diagnose(tokens: Tokens, s: number, e: number, at: number): OffsetProblem | null {
  const statement = at < 0;
  const stack: string[] = [];
  for (let j = s; j <= e; j++) {
    const x = tokens.text(j);
    if (x === '(' || x === '[' || x === '{') stack.push(x);
    else if (x === ')' || x === ']' || x === '}') {
      const want = x === ')' ? '(' : x === ']' ? '[' : '{';
      if (stack[stack.length - 1] === want) stack.pop();
      else return { start: tokens.start(j), end: tokens.end(j), message: `Syntax error: unexpected '${x}'` };
    }
  }
  const w = statement ? e : at;
  const where = { start: tokens.start(w), end: tokens.end(w) };
  const closer: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  if (stack.length) return { start: where.start, end: where.end, message: `Syntax error: missing '${closer[stack[stack.length - 1]]}'` };
  if (statement && tokens.char(e) === SEMI && e > s && /^[-=+*/%&|^<>!~?:,.]$/.test(tokens.text(e - 1))) {
    return { start: where.start, end: where.end, message: `Syntax error: expected an expression after '${tokens.text(e - 1)}'` };
  }
  if (statement && tokens.char(e) !== SEMI && tokens.char(e) !== RBRACE) {
    return { start: where.start, end: where.end, message: "Syntax error: missing ';' after this" };
  }
  return null;
}
