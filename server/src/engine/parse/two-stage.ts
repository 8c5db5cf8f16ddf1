// @solidity-parser/parser's `parse`, made about 3× faster with ANTLR's two-stage strategy, and exact.
//
// Profiling showed ~70% of the parser's time in ANTLR's full-context (LL) prediction, almost all of it in a
// decision that is a true ambiguity of the grammar (`primaryExpression`: an identifier or a type name) and is
// taken for nearly every identifier. SLL prediction decides those in microseconds. ANTLR documents the
// guarantee this rests on (PredictionMode.SLL): with SLL, the parser either returns the same tree LL would,
// or it reports a syntax error. The argument is per decision — SLL's choice is the smallest alternative of
// a superset of LL's viable ones, so it either equals LL's or is not viable and fails within the lookahead —
// so it also holds when some decisions use LL and others SLL. Hence:
//   stage 1: SLL, except where the grammar needs full context for valid code (below), with a bail-out on the
//            first syntax error, lexer errors included;
//   stage 2: on any failure, the package's own `parse` (LL, error recovery, tolerant errors), as before.
// Valid code gets the package's tree from stage 1; anything else gets exactly what the package gives.
// `test/unit/parse-two-stage.test.ts` checks the trees are equal on the audited libraries and on broken code.
//
// Where valid code needs LL (measured on 663 files of OpenZeppelin, Uniswap, Aave and solmate: SLL alone
// fails on 204 of them; with these, on none):
//   - `emit E(...)` / `revert E(...)`: the grammar reads them as `functionCall: expression '(' args ')'`, and
//     whether the expression ends before the last `(` depends on the enclosing rule;
//   - `typeName` (`address payable` against `payable(x)`) and `assemblyItem` (`revert(p, s)` in assembly).
import * as antlr from 'antlr4';
import { CharStream, CommonTokenStream } from 'antlr4';
import { TextStream } from './text-stream';
import * as packaged from '@solidity-parser/parser';
import type { SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';

// The package ships its generated parser and tree builder as TypeScript sources beside the bundle; they are
// what its bundle was built from. Loaded untyped: they are not written for this project's compiler settings.
/* eslint-disable @typescript-eslint/no-require-imports */
const SolidityLexer: new (input: CharStream) => LexerLike = require('@solidity-parser/parser/src/antlr/SolidityLexer').default;
const SolidityParser: ParserClass = require('@solidity-parser/parser/src/antlr/SolidityParser').default;
const { ASTBuilder: PackageASTBuilder } = require('@solidity-parser/parser/src/ASTBuilder') as {
  ASTBuilder: new (options: object) => { visit(tree: unknown): unknown; result: SourceUnit | null };
};

/**
 * The package's tree builder, without one copy of every node. Its `_addMeta` sets `loc` and `range` on the node
 * it is given and returns `{ ...{ type }, ...node }`: a copy with `type` first. Every caller passes a node it has
 * just written as a literal (`type` first) and never touches it again, so the node itself, with its keys already
 * in that order, is the same tree with one object less allocated per node (profiled: the copy alone was 7% of a
 * workspace scan's worker time, and it fed the garbage collector; the scan's CPU fell by 14–20%, its peak
 * memory by ~60 MB). A node whose first key is not `type`
 * (none today) is still copied, so key order, and hence JSON, is the package's either way.
 */
function typeFirst(node: object): boolean {
  for (const key in node) return key === 'type';
  return false;
}

class ASTBuilder extends PackageASTBuilder {
  declare options: { loc?: boolean; range?: boolean };
  declare _loc: (ctx: unknown) => unknown;
  declare _range: (ctx: unknown) => unknown;
  _addMeta(node: { type: string; loc?: unknown; range?: unknown }, ctx: unknown): object {
    if (this.options.loc === true) node.loc = this._loc(ctx);
    if (this.options.range === true) node.range = this._range(ctx);
    if (typeFirst(node)) return node;
    const withType = { type: node.type };
    return { ...withType, ...node };
  }
}

// antlr4's type declarations re-export these through folder indexes that this project's module resolution
// does not follow; the runtime has them.
const { BailErrorStrategy, ErrorListener, PredictionMode } = antlr as unknown as {
  BailErrorStrategy: new () => unknown;
  ErrorListener: new () => object;
  PredictionMode: { SLL: number; LL: number };
};

interface RuleContext {
  ruleIndex: number;
  parentCtx: RuleContext | null;
}
interface LexerLike {
  removeErrorListeners(): void;
  addErrorListener(l: object): void;
}
interface ParserLike {
  removeErrorListeners(): void;
  addErrorListener(l: object): void;
  buildParseTrees: boolean;
  _errHandler: unknown;
  _interp: { predictionMode: number; adaptivePredict(input: TokenStreamLike, decision: number, ctx: RuleContext): number };
  sourceUnit(): unknown;
}
interface TokenStreamLike {
  index: number;
  LA(k: number): number;
  sync(i: number): boolean;
  get(i: number): { type: number; channel: number };
}
interface ParserClass {
  new (input: CommonTokenStream): ParserLike;
  readonly RULE_typeName: number;
  readonly RULE_assemblyItem: number;
  readonly RULE_expression: number;
  readonly RULE_functionCall: number;
  readonly RULE_primaryExpression: number;
  readonly RULE_userDefinedTypeName: number;
  readonly _ATN: {
    decisionToState: Array<{ ruleIndex: number; isPrecedenceDecision?: boolean; transitions: Array<{ target: unknown }> }>;
    nextTokens(state: unknown): { contains(token: number): boolean };
  };
  readonly literalNames: Array<string | null>;
}

export type ParseOptions = { loc?: boolean; range?: boolean; tolerant?: boolean };
export type ParseResult = SourceUnit & { errors?: SyntaxErrorItem[] };

/** Decisions whose rule needs full-context prediction on valid code. */
const llDecision: boolean[] = (() => {
  const rules = new Set([SolidityParser.RULE_typeName, SolidityParser.RULE_assemblyItem]);
  return SolidityParser._ATN.decisionToState.map((s) => rules.has(s.ruleIndex));
})();
const EXPRESSION = SolidityParser.RULE_expression;
const FUNCTION_CALL = SolidityParser.RULE_functionCall;
/** The decision of `expression`'s left-recursion loop: alternative 1 goes on with a suffix, 2 ends the expression. */
const EXPRESSION_LOOP = SolidityParser._ATN.decisionToState.findIndex((s) => s.ruleIndex === EXPRESSION && s.isPrecedenceDecision);
/** `typeName`'s choice of a first part: 1 `elementaryTypeName`, 2 `userDefinedTypeName`, ..., 5 `'address' 'payable'`. */
const TYPE_NAME_FIRST = SolidityParser._ATN.decisionToState.findIndex((s) => s.ruleIndex === SolidityParser.RULE_typeName);
/** A literal token's type. */
const literal = (text: string) => SolidityParser.literalNames.indexOf(`'${text}'`);
const ADDRESS = literal('address');
const PAYABLE = literal('payable');
const DOT = literal('.');
const LPAREN = literal('(');
const RPAREN = literal(')');
const SEMICOLON = literal(';');
const LBRACKET = literal('[');
const RBRACKET = literal(']');
const LBRACE = literal('{');
const RBRACE = literal('}');
const COLON = literal(':');
const COMMA = literal(',');
const ASSIGN = literal(':=');
const IDENTIFIER = (SolidityParser as unknown as { Identifier: number }).Identifier;
const EOF = -1;
/** What ANTLR's FIRST sets hold for an alternative that can match nothing. */
const EPSILON = -2;
const DEFAULT_CHANNEL = 0;

/**
 * Stage 1 may answer a decision with the lowest alternative that can start with the next token, without
 * simulating anything, and stay exact: ANTLR picks the lowest viable alternative (an ambiguity resolves to the
 * lowest), the alternatives below it cannot start with that token (nor be empty), so they are not viable; and if
 * the answer is not viable either, the parse fails further on and stage 2 answers. A wrong guess costs a second
 * parse, never a different tree. The guesses below are the ones valid code almost always confirms, each where
 * SLL prediction otherwise reads ahead to the end of a bracket and, the bracket's tokens being new each time,
 * builds new DFA states instead of reusing them (measured on OpenZeppelin: 60% of a cold parse's prediction time
 * went to the `(` of calls alone).
 *   - `f(`: the expression goes on with a call (`EXPRESSION_LOOP`, alternative 1); only `emit`/`revert`, whose
 *     `functionCall` reads the `(` itself, can end an expression there, and those are left to LL as before.
 *   - `a[i]`: an index, not a slice (`SUFFIX`), unless a `:` stands directly in the brackets.
 *   - `(e)`: a parenthesised expression, not a tuple (`PRIMARY`), unless a `,` stands directly in the parentheses.
 */
function lowestFirst(rule: number, token: number, minAlts: number): { decision: number; alt: number } {
  const atn = SolidityParser._ATN;
  for (let d = 0; d < atn.decisionToState.length; d++) {
    const state = atn.decisionToState[d];
    if (state.ruleIndex !== rule || state.isPrecedenceDecision || state.transitions.length < minAlts) continue;
    const firsts = state.transitions.map((t) => atn.nextTokens(t.target));
    const alt = firsts.findIndex((f) => f.contains(token));
    // Only a decision where the alternatives below `alt` can neither start with `token` nor be empty.
    if (alt >= 0 && firsts.slice(0, alt).every((f) => !f.contains(token) && !f.contains(EPSILON))) return { decision: d, alt: alt + 1 };
  }
  return { decision: -1, alt: 0 };
}
/** `expression`'s suffixes (`**`, ..., `[`, `.`, `{`, `(`): 19 alternatives, index before slice. */
const SUFFIX = lowestFirst(SolidityParser.RULE_expression, LBRACKET, 19);
/** `expression`'s prefixes and primaries: `new`, `(e)`, `++`/`--`, ..., then `primaryExpression` (tuples among them). */
const PRIMARY = lowestFirst(SolidityParser.RULE_expression, LPAREN, 8);
/** `primaryExpression` at a name: the name (alternative 5), before the type name it may also be (`T[]`). */
const NAME = lowestFirst(SolidityParser.RULE_primaryExpression, IDENTIFIER, 9);
/**
 * `S[]`, `L.S[2][]`: a name that only a type name reads, since an index needs an expression between its brackets
 * (`abi.decode(d, (S[]))`). Looked at token by token, a few dozen at most: past that, no guess.
 */
function arrayTypeAhead(input: TokenStreamLike): boolean {
  let k = 2;
  while (input.LA(k) === DOT && input.LA(k + 1) === IDENTIFIER) k += 2;
  while (input.LA(k) === LBRACKET) {
    if (input.LA(k + 1) === RBRACKET) return true;
    for (let depth = 0; ; k++) {
      if (k > 64) return true;
      const t = input.LA(k);
      if (t === EOF) return true;
      if (t === LBRACKET || t === LPAREN || t === LBRACE) depth++;
      else if ((t === RBRACKET || t === RPAREN || t === RBRACE) && --depth === 0) break;
    }
    k++;
  }
  return false;
}
/** `userDefinedTypeName` at a `.`: the path goes on (`A.B`). */
const TYPE_PATH = lowestFirst(SolidityParser.RULE_userDefinedTypeName, DOT, 2);

/**
 * `assemblyItem`, whose rule needs LL on valid code, at `f(`: alternative 1 is a bare identifier, the call
 * (`assemblyExpression`) the next alternative that can start with one. LL read every call's arguments with a full
 * context and no DFA to reuse: 2 ms a call in a cold parse, a third of all prediction time left on OpenZeppelin.
 * After `f` alone the next item would have to start with `(`, which only `(a, b) := e` does; where the group that
 * opens there is not followed by `:=`, alternative 1 is not viable and the call is the lowest that may be.
 */
const ASSEMBLY_CALL = (() => {
  const atn = SolidityParser._ATN;
  const decision = atn.decisionToState.findIndex((s) => s.ruleIndex === SolidityParser.RULE_assemblyItem);
  const firsts = decision < 0 ? [] : atn.decisionToState[decision].transitions.map((t) => atn.nextTokens(t.target));
  const alt = firsts.findIndex((f, i) => i > 0 && f.contains(IDENTIFIER));
  return { decision: alt > 0 ? decision : -1, alt: alt + 1, first: firsts[alt], below: firsts.slice(1, Math.max(alt, 1)) };
})();
function assemblyCall(input: TokenStreamLike): boolean {
  const t = input.LA(1);
  if (input.LA(2) !== LPAREN || !ASSEMBLY_CALL.first.contains(t)) return false;
  if (ASSEMBLY_CALL.below.some((f) => f.contains(t) || f.contains(EPSILON))) return false;
  return afterGroup(input) !== ASSIGN;
}

/** For the tests: the decisions the guesses above found in this version of the grammar. */
export const GUESSED_DECISIONS = {
  suffix: SUFFIX,
  primary: PRIMARY,
  name: NAME,
  typePath: TYPE_PATH,
  expressionLoop: EXPRESSION_LOOP,
  assemblyCall: ASSEMBLY_CALL.decision,
};

/** The token after the bracket group that opens at or after the next token (EOF when it does not close). */
function afterGroup(input: TokenStreamLike): number {
  let depth = 0;
  let closed = false;
  for (let i = input.index; input.sync(i); i++) {
    const t = input.get(i);
    if (t.type === EOF) return EOF;
    if (t.channel !== DEFAULT_CHANNEL) continue;
    if (closed) return t.type;
    if (t.type === LPAREN || t.type === LBRACKET || t.type === LBRACE) depth++;
    else if ((t.type === RPAREN || t.type === RBRACKET || t.type === RBRACE) && --depth === 0) closed = true;
  }
  return EOF;
}

/** Whether `token` stands directly inside the bracket that opens at the next token (not nested deeper). */
function insideBrackets(input: TokenStreamLike, token: number): boolean {
  let depth = 0;
  for (let i = input.index; input.sync(i); i++) {
    const t = input.get(i);
    if (t.type === EOF) return true;
    if (t.channel !== DEFAULT_CHANNEL) continue;
    if (t.type === LPAREN || t.type === LBRACKET || t.type === LBRACE) depth++;
    else if (t.type === RPAREN || t.type === RBRACKET || t.type === RBRACE) {
      if (--depth === 0) return false;
    } else if (depth === 1 && t.type === token) return true;
  }
  return true;
}

/**
 * A type that starts with `address` needs full-context prediction only for `address payable`; yet every
 * `address` ran it (about 2,500 in the corpus). When the next token is neither `payable` nor `.`, alternative 5
 * (`'address' 'payable'`) cannot match, and alternatives 1 (`elementaryTypeName`) and 2 (`userDefinedTypeName`, as
 * `address` is also an identifier) both take that one token and end `typeName` at the same state, so either both
 * can parse or neither can. LL resolves such an ambiguity to the lowest alternative, 1, and when neither can parse
 * stage 1 stops anyway. So stage 1 answers 1 there without the simulation.
 */
function plainAddress(input: TokenStreamLike): boolean {
  if (input.LA(1) !== ADDRESS) return false;
  const next = input.LA(2);
  return next !== PAYABLE && next !== DOT;
}

/**
 * `emit E(args);` and `revert E(args);` are `'emit' functionCall ';'` with `functionCall: expression '(' args ')'`.
 * At the `(`, the expression's loop can go on (a call `E(args)`) or end there (the call's own arguments), and only
 * full-context (LL) prediction tells them apart: it reads ahead to the `;` past the arguments, with a full parser
 * context per step. That was a third of everything a workspace scan allocated (measured: ~340 of ~930 MB parsing
 * and matching the corpus), for about 670 statements.
 *
 * Where the `)` matching that `(` is followed by `;`, only ending the expression can parse: going on makes the
 * expression swallow the parenthesised tokens, and `functionCall` then needs a `(` where there is a `;`. So LL, which
 * picks a viable alternative, picks "end" (2) on valid code, and on code that does not parse the bail strategy stops
 * stage 1 as it would have anyway. Stage 1 answers that case without the simulation; any other input, and the
 * recovering run of `parseOrDiagnose` (whose error messages come from the prediction), are predicted as before.
 */
function endsCallStatement(input: TokenStreamLike): boolean {
  let depth = 0;
  for (let i = input.index; input.sync(i); i++) {
    const t = input.get(i);
    if (t.type === EOF) return false;
    if (t.channel !== DEFAULT_CHANNEL) continue;
    if (depth === 0 && i !== input.index) return t.type === SEMICOLON;
    if (t.type === LPAREN) depth++;
    else if (t.type === RPAREN) depth--;
    if (depth < 0) return false;
  }
  return false;
}

/** An expression decision inside `emit`/`revert`'s `functionCall` (through nested expressions only). */
function insideFunctionCall(ctx: RuleContext | null): boolean {
  for (let c = ctx; c; c = c.parentCtx) {
    const rule = c.ruleIndex;
    if (rule === FUNCTION_CALL) return true;
    if (rule !== EXPRESSION) return false;
  }
  return false;
}

export interface SyntaxErrorItem {
  message: string;
  line: number;
  column: number;
}

/** Collects what ANTLR reports, as the package's own listener does. */
class Collect extends ErrorListener {
  readonly errors: SyntaxErrorItem[] = [];
  syntaxError(_recognizer: unknown, _symbol: unknown, line: number, column: number, message: string): void {
    this.errors.push({ message, line, column });
  }
}

/**
 * The package's generated parser with mostly-SLL prediction. `bail`: stop at the first syntax error (stage 1);
 * else ANTLR's usual error recovery, reporting every error.
 */
function runParser(text: string, bail: boolean): { tree: unknown; errors: SyntaxErrorItem[] } | null {
  const listener = new Collect();
  const lexer = new SolidityLexer(new TextStream(text));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = new SolidityParser(new CommonTokenStream(lexer as never));
  parser.removeErrorListeners();
  if (!bail) parser.addErrorListener(listener);
  parser.buildParseTrees = true;
  if (bail) parser._errHandler = new BailErrorStrategy();
  const interp = parser._interp;
  const predict = interp.adaptivePredict;
  interp.adaptivePredict = function (input, decision, ctx) {
    if (bail && decision === TYPE_NAME_FIRST && plainAddress(input)) return 1;
    if (bail && decision === EXPRESSION_LOOP && input.LA(1) === LPAREN) {
      if (!insideFunctionCall(ctx)) return 1; // a call: see lowestFirst
      if (ctx.parentCtx?.ruleIndex === FUNCTION_CALL && endsCallStatement(input)) return 2;
    }
    if (bail && decision === SUFFIX.decision && input.LA(1) === LBRACKET && !insideBrackets(input, COLON)) return SUFFIX.alt;
    if (bail && decision === PRIMARY.decision && input.LA(1) === LPAREN && !insideBrackets(input, COMMA)) return PRIMARY.alt;
    if (bail && decision === ASSEMBLY_CALL.decision && assemblyCall(input)) return ASSEMBLY_CALL.alt;
    if (bail && decision === NAME.decision && input.LA(1) === IDENTIFIER && !arrayTypeAhead(input)) return NAME.alt;
    if (bail && decision === TYPE_PATH.decision && input.LA(1) === DOT) return TYPE_PATH.alt;
    this.predictionMode = llDecision[decision] || (ctx.ruleIndex === EXPRESSION && insideFunctionCall(ctx)) ? PredictionMode.LL : PredictionMode.SLL;
    return predict.call(this, input, decision, ctx);
  };
  try {
    return { tree: parser.sourceUnit(), errors: listener.errors };
  } catch {
    return null; // ParseCancellationException from the bail strategy, or anything unexpected
  }
}

/** Stage 1 alone: the tree, or null when the text needs stage 2 (a syntax error, or the grammar needs LL). */
export function parseFast(text: string, options: ParseOptions): ParseResult | null {
  const run = runParser(text, true);
  if (!run || run.errors.length) return null; // errors here can only be the lexer's
  const builder = new ASTBuilder({ ...options });
  builder.visit(run.tree);
  return builder.result;
}

/**
 * For callers that discard the tree of text with syntax errors (pieces of a file being edited): the tree when
 * stage 1 reads the text; else, when SLL prediction with ANTLR's error recovery finds syntax errors, those
 * errors and no tree; else (SLL was wrong, not the text) stage 2's answer, like `parse`.
 *
 * Half-typed code is the common case while typing, and LL prediction made it cost 3–5 times what valid code
 * costs. The errors come from the same grammar and recovery, but where prediction needed full context they may
 * be worded or placed differently from the package's (on 71 and 68 randomly broken library files in two runs the error
 * lists were all identical: test/unit/parse-two-stage.test.ts); the trees of valid code are never affected.
 */
export function parseOrDiagnose(text: string, options: ParseOptions): ParseResult | { errors: SyntaxErrorItem[]; thrown?: string } {
  return stage1(text, options) ?? diagnose(text, options) ?? stage2(text, options);
}

/** Same contract as `@solidity-parser/parser`'s `parse` for these options: the same tree, errors and throws. */
export function parse(text: string, options: ParseOptions): ParseResult {
  return stage1(text, options) ?? stage2(text, options);
}

function stage1(text: string, options: ParseOptions): ParseResult | null {
  try {
    return parseFast(text, options);
  } catch {
    return null; // the tree builder throws on some trees; stage 2 throws the same way, where callers expect it
  }
}

function stage2(text: string, options: ParseOptions): ParseResult {
  return packaged.parse(text, options) as ParseResult;
}

/** The errors of a recovering SLL run; null when it finds none (SLL was wrong, not the text). */
function diagnose(text: string, options: ParseOptions): { errors: SyntaxErrorItem[]; thrown?: string } | null {
  const diagnosed = runParser(text, false);
  if (!diagnosed?.errors.length) return null;
  try {
    // The package's tree builder throws on some recovered trees, and then reports no errors at all;
    // callers take that as "locate the break yourself" (parse-localize.ts), which says it better.
    new ASTBuilder({ ...options }).visit(diagnosed.tree);
  } catch (err) {
    return { errors: [], thrown: (err as Error)?.message ?? String(err) };
  }
  return { errors: diagnosed.errors };
}
