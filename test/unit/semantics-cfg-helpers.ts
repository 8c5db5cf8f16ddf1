// Helpers of the control-flow and data-flow tests: build a function's graph from inline Solidity and name its
// nodes by their source text.
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import { buildCfg, type Cfg, type CfgNode, type CfgOptions, type Node } from '../../server/src/engine/semantics/cfg';
import { functionsOf, walk } from '../../server/src/engine/semantics/cfg-ast';

export interface Built {
  src: string;
  cfg: Cfg;
  fn: Node;
  contract?: Node;
}

/** The graph of function `name` (the first of that name) in `src`, with the default same-contract modifier lookup. */
export function cfgOf(src: string, name: string, options: CfgOptions = {}): Built {
  const parsed = parseSource(src);
  assert.deepEqual(parsed.syntaxErrors, [], 'the test source parses');
  const found = functionsOf(parsed.ast).find((f) => f.fn.name === name);
  assert.ok(found, `function ${name} exists`);
  return { src, cfg: buildCfg(found.fn, { contract: found.contract, ...options }), fn: found.fn, contract: found.contract };
}

/** Statements wrapped in a contract with an owner, a balance mapping and an `onlyOwner` modifier. */
export function contract(body: string, members = ''): string {
  return `pragma solidity ^0.8.20;
contract C {
  address owner;
  mapping(address => uint256) balances;
  uint256 total;
  error NotOwner();
  modifier onlyOwner() { require(msg.sender == owner, "not owner"); _; }
${members}
  function f(address to, uint256 amount) public {
${body}
  }
}
`;
}

export function text(b: Built, n: CfgNode): string {
  const r = n.ast?.range;
  return r ? b.src.slice(r[0], r[1] + 1).replace(/\s+/g, ' ') : n.kind;
}

/** Every node whose source text starts with `snippet` (several when a body is expanded for two `_`). */
export function all(b: Built, snippet: string): CfgNode[] {
  return b.cfg.nodes.filter((n) => n.ast?.range && text(b, n).startsWith(snippet));
}

/** The one node whose source text starts with `snippet`. */
export function one(b: Built, snippet: string): CfgNode {
  const found = all(b, snippet);
  assert.equal(found.length, 1, `exactly one node starts with ${JSON.stringify(snippet)}: ${found.map((n) => text(b, n)).join(' | ')}`);
  return found[0];
}

/** `kind→text` of each outgoing edge, in order. */
export function succ(b: Built, n: CfgNode): string[] {
  return n.out.map((e) => `${e.kind}${e.back ? '(back)' : ''}→${text(b, e.to)}`);
}

/** Node texts in creation order (roughly source order), entry/exit/revert left out. */
export function order(b: Built): string[] {
  return b.cfg.nodes.slice(3).map((n) => text(b, n));
}

/** True when the node's own code contains a node satisfying `test`. */
export function contains(n: CfgNode, test: (x: Node) => boolean): boolean {
  if (!n.ast || n.ast.type === 'CatchClause') return false;
  let found = false;
  walk(n.ast, (x) => {
    if (found) return false;
    if (test(x)) found = true;
  });
  return found;
}

/** A low-level call (`.call(..)`, `.call{..}(..)`, `.call.value(..)()`), `.send` or `.transfer`: ETH going out. */
export function isExternalCall(n: CfgNode): boolean {
  return contains(n, (x) => x.type === 'MemberAccess' && ['call', 'send', 'transfer', 'delegatecall'].includes(String(x.memberName)));
}

/** An assignment, `++`/`--` or `delete` whose target is `balances[..]` or `total`. */
export function isStateWrite(n: CfgNode): boolean {
  const target = (x: unknown): boolean => {
    const t = x as Node | undefined;
    if (!t) return false;
    if (t.type === 'Identifier') return t.name === 'total';
    if (t.type === 'IndexAccess') return (t.base as Node)?.type === 'Identifier' && (t.base as Node).name === 'balances';
    return false;
  };
  return contains(
    n,
    (x) =>
      (x.type === 'BinaryOperation' && /^[-+*/%|&^]?=$|^<<=$|^>>=$/.test(String(x.operator)) && target(x.left)) ||
      (x.type === 'UnaryOperation' && ['++', '--', 'delete'].includes(String(x.operator)) && target(x.subExpression)),
  );
}
