// Parsing never throws, survives half-typed code and is incremental.
// - A file that parses as a whole gets exactly @solidity-parser/parser's tree.
// - A file that does not is parsed piece by piece (top-level units, contract headers, members), so one broken
//   function costs only its own findings; its error is reported where it is (parse-recover.ts).
// - Given the previous result, an edit inside one function body re-parses the statement (else the function)
//   around it alone and splices it in (parse-splice.ts); any other edit re-parses only the pieces whose text
//   changed. Either way the tree is the one a fresh parse of the new text gives (parse-incremental.test.ts
//   checks this on real code).
import type { SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';
import { LineIndex } from '../positions';
import { NewlineIndex, rawParse } from './piece';
import { parseSegmented, type Memo } from './recover';
import { tokenProblem, type OffsetProblem } from './token-problem';
import { tokenize } from './outline';
import { spliceEdit } from './splice';
import type { SyntaxProblem } from '../types';

export interface ParsedSource {
  text: string;
  lines: LineIndex;
  /** null when nothing could be parsed. Node `range`s are [start, end] UTF-16 offsets, end inclusive. */
  ast: SourceUnit | null;
  syntaxErrors: SyntaxProblem[];
  /**
   * True when the file did not parse as a whole and `ast` holds only the pieces that did (pieces with a
   * syntax error are left out). Positions of the nodes that are there are exact either way.
   */
  recovered?: boolean;
}

/** Pieces of each result that the next incremental parse may reuse. Kept aside so ParsedSource stays plain data. */
const memos = new WeakMap<ParsedSource, Memo>();

export function parseSource(text: string, previous?: ParsedSource): ParsedSource {
  try {
    if (previous && previous.text === text) return previous;
    if (previous?.ast && previous.syntaxErrors.length === 0 && !previous.recovered) {
      const ast = spliceEdit(previous.text, previous.ast, text);
      if (ast) return parsedWhole(text, ast);
    }
    if (previous?.ast) return segmented(text, memos.get(previous) ?? memoFromTree(previous));
    return fullParse(text);
  } catch (err) {
    // Our own code failing must not take the editor down either: a whole-file parse is the safe answer.
    try {
      return fullParse(text);
    } catch {
      const lines = new LineIndex(text);
      const message = `Syntax error: the file could not be parsed (${(err as Error)?.message ?? String(err)})`;
      return { text, lines, ast: null, syntaxErrors: [{ message, range: lines.range(0, 0) }], recovered: true };
    }
  }
}

function parsedWhole(text: string, ast: SourceUnit): ParsedSource {
  return { text, lines: new LineIndex(text), ast, syntaxErrors: [], recovered: false };
}

function fullParse(text: string): ParsedSource {
  // Diagnosing is enough at first: with errors, what is shown comes from the pieces.
  const quick = rawParse(text, true);
  if (quick.ast && quick.errors.length === 0) return parsedWhole(text, quick.ast);
  const result = segmented(text);
  if (result.syntaxErrors.length === 0) {
    // The pieces all parse but the whole does not: trust the parser's verdict, at its positions.
    const raw = rawParse(text);
    if (raw.ast && raw.errors.length === 0) return parsedWhole(text, raw.ast);
    const nl = new NewlineIndex(text);
    const tokens = tokenize(text);
    const problems = raw.errors.map((e) => tokenProblem(tokens, nl.offset(e.line, e.column), 0, text.length, e.message));
    tokens.release();
    if (!problems.length)
      problems.push({ start: 0, end: 0, message: `Syntax error: the parser could not read this file (${raw.ast ? 'unknown error' : raw.thrown})` });
    return { ...result, syntaxErrors: toProblems(result.lines, problems), recovered: true };
  }
  return result;
}

function segmented(text: string, memo?: Memo): ParsedSource {
  const r = parseSegmented(text, memo);
  const lines = new LineIndex(text);
  const result: ParsedSource = { text, lines, ast: r.ast, syntaxErrors: toProblems(lines, r.errors), recovered: r.errors.length > 0 };
  memos.set(result, r.memo);
  return result;
}

function toProblems(lines: LineIndex, problems: OffsetProblem[]): SyntaxProblem[] {
  const seen = new Set<string>();
  const out: SyntaxProblem[] = [];
  for (const p of [...problems].sort((a, b) => a.start - b.start)) {
    const key = `${p.start}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ message: p.message, range: lines.range(p.start, Math.max(p.start, p.end)) });
  }
  return out;
}

/** Reusable pieces of a tree that came from a whole-file parse: its members and top-level units. */
function memoFromTree(previous: ParsedSource): Memo {
  const memo: Memo = new Map();
  const text = previous.text;
  let lastContract: string | null = null;
  const add = (kind: string, context: string | null, node: { range?: [number, number]; loc?: { start: { line: number; column: number } } }) => {
    if (!node.range || !node.loc) return;
    const key = `${kind}\u0000${context ?? ''}\u0000${text.slice(node.range[0], node.range[1] + 1)}`;
    memo.set(key, { start: node.range[0], line: node.loc.start.line, column: node.loc.start.column, nodes: [node as never], errors: [] });
  };
  for (const child of previous.ast?.children ?? []) {
    if (child.type === 'ContractDefinition') {
      for (const m of child.subNodes) add('member', child.name, m);
      lastContract = child.name;
    } else add('unit', lastContract, child);
  }
  return memo;
}

/**
 * The first parse in a fresh process is several times slower than later ones (the parser's code is not yet
 * optimised and its prediction caches are empty). Parsing a small file that touches most of the grammar
 * at start-up moves that cost out of the user's first keystroke.
 */
export function warmUpParser(rounds = 3): void {
  for (let i = 0; i < rounds; i++) for (const step of warmUpSteps()) step();
}

/**
 * The warm-up as separate steps of tens of milliseconds each, for a server to run between other work.
 * Broken code is read by the package's own parser (stage 2 of parse-two-stage.ts), whose code and caches are
 * apart from stage 1's, and goes through the recovery paths: those are warmed too, or the first half-typed
 * statement of a session pays for them — a whole broken file, and a keystroke that breaks a parsed one.
 */
export function warmUpSteps(): Array<() => void> {
  let good: ParsedSource | undefined;
  const steps: Array<() => void> = [() => (good = parseSource(WARM_UP_SOURCE))];
  for (const [from, to] of WARM_UP_BREAKS) {
    const broken = WARM_UP_SOURCE.replace(from, to);
    steps.push(
      () => parseSource(broken),
      () => parseSource(broken, good),
    );
  }
  return steps;
}

const WARM_UP_BREAKS: Array<[string, string]> = [
  ['uint8[3] memory small = [1, 2, 3];', 'uint8[3] memory small = ;'],
  ['    emit Moved(', '    u emit Moved('],
];

const WARM_UP_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
import {IERC20 as Token} from "./IERC20.sol";
import "./Lib.sol";
using SafeMath for uint256;
error Unauthorized(address caller);
type Price is uint128;
uint256 constant MAX = 2**256 - 1;
struct Pair { address a; uint96 b; }
enum State { Open, Closed }
event Moved(address indexed from, uint256 value);
function freeHelper(uint256 x) pure returns (uint256) { return x * 2; }
interface IThing { function thing(bytes calldata data) external returns (bool ok, bytes memory out); }
library L {
  function f(uint256[] storage xs, uint256 i) internal view returns (uint256) { return xs[i] + 1; }
}
abstract contract Base is IThing, Other(1, "x") {
  using L for uint256[];
  mapping(address => mapping(uint256 => Pair)) internal pairs;
  uint256[] public values;
  address public immutable owner = msg.sender;
  bytes32 private constant SLOT = keccak256("hindsight.slot");
  State public state = State.Open;
  modifier onlyOwner() { if (msg.sender != owner) revert Unauthorized(msg.sender); _; }
  constructor(uint256 v) payable { values.push(v); }
  receive() external payable {}
  fallback(bytes calldata) external returns (bytes memory) { return msg.data; }
  function thing(bytes calldata data) external virtual override onlyOwner returns (bool ok, bytes memory out) {
    (ok, out) = owner.call{value: 0, gas: gasleft()}(abi.encodeWithSignature("x(uint256)", data.length));
    require(ok && out.length > 0, "failed");
    for (uint256 i = 0; i < values.length; ++i) { unchecked { values[i] += i ** 2 >> 1; } }
    while (state == State.Open) { state = State.Closed; break; }
    do { delete values; } while (false);
    try IThing(owner).thing(data) returns (bool r, bytes memory) { ok = r; } catch Error(string memory) { ok = false; } catch { revert(); }
    uint8[3] memory small = [1, 2, 3];
    Pair memory p = Pair({a: address(this), b: uint96(small[0])});
    emit Moved(p.a, p.b > 1 ? 1 ether : 1 gwei);
    assembly { let x := sload(0) if iszero(x) { mstore(0, 1) } }
    return (ok, out);
  }
}
`;
