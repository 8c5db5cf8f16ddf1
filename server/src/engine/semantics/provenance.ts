// Where a value comes from and where it goes, for the `value:` filter (docs/pack-format.md, "Semantic filters"):
// whether an expression is computed from block values (`block.timestamp`, `now`, `blockhash` of a recent block),
// `tx.gasprice`, an account's ether balance or the literal 0, following locals (reaching definitions), state
// variables through their initial value, and internal functions through their return values; and whether a value
// ends up used as a number (converted to an integer, in arithmetic or a comparison). Syntactic where the parser's
// shape suffices, so half-typed code is answered too; what cannot be followed is simply not a source.
import { callArguments, callee, forEachChild, isNode, isThisAddress, nodeList, unparen } from './cfg-ast';
import type { Cfg, CfgNode, Node } from './cfg-types';
import { reachingDefinitions, type ReachingDefinitions } from './dataflow-defs';
import { usesIn } from './dataflow';
import type { SemanticModel } from './model';
import type { CallTarget } from './calls';
import { nodesOf, parentOf } from './order';
import { isZero } from './effects-calls';
import { isPoolBalanceCall } from './pool-balance';
import { isSpotPriceCall } from './spot-price';

/** What a value may be computed from. */
export const VALUE_SOURCES = ['block-values', 'tx-gasprice', 'balance', 'reserves', 'pool-balance', 'spot-price', 'zero', 'max-uint'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

/** How a value may be used. */
export const VALUE_USES = ['integer', 'comparison', 'bound'] as const;
export type ValueUse = (typeof VALUE_USES)[number];

/** The sources of a value; `hashedBlock`: some way from block values to it passes through a hash or blockhash. */
export interface Origins {
  sources: Set<ValueSource>;
  hashedBlock: boolean;
  /** Some way from block values to it passes through no hash. */
  plainBlock: boolean;
}

export interface ProvenanceHost {
  model: SemanticModel;
  /** The control-flow graph of a function or modifier node, when it can be built. */
  cfgOf(fnNode: Node): Cfg | undefined;
}

const BLOCK_MEMBERS = new Set(['timestamp', 'number', 'difficulty', 'prevrandao', 'coinbase', 'gaslimit', 'basefee', 'blobbasefee']);
const HASHES = new Set(['keccak256', 'sha3', 'sha256', 'ripemd160']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['%', '/', '*', '+', '-', '**', '&', '|', '^', '>>', '<<']);
/** `x += v` computes `x + v`: its right side is an operand of arithmetic. */
const COMPOUND = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);
const MAX_DEPTH = 12;

/** What `variable` follows from a name, in order: `drop` after a definition that computes from the old value. */
interface Flow {
  init?: Node;
  defs: Array<[value: Node, drop: boolean]>;
}

const rdCache = new WeakMap<Cfg, ReachingDefinitions>();
function definitionsOf(cfg: Cfg): ReachingDefinitions {
  let rd = rdCache.get(cfg);
  if (!rd) rdCache.set(cfg, (rd = reachingDefinitions(cfg)));
  return rd;
}

function empty(): Origins {
  return { sources: new Set(), hashedBlock: false, plainBlock: false };
}

function addInto(into: Origins, from: Origins, hashed: boolean): void {
  from.sources.forEach((s) => into.sources.add(s));
  if (from.sources.has('block-values')) {
    if (hashed) into.hashedBlock = true;
    else {
      into.hashedBlock ||= from.hashedBlock;
      into.plainBlock ||= from.plainBlock;
    }
  }
}

/** `blockhash(n)` or legacy `block.blockhash(n)`. */
export function isBlockhashCall(n: Node): boolean {
  if (n.type !== 'FunctionCall') return false;
  const c = callee(n);
  if (!c) return false;
  if (c.type === 'Identifier') return c.name === 'blockhash';
  return (
    c.type === 'MemberAccess' && c.memberName === 'blockhash' && isNode(c.expression) && c.expression.type === 'Identifier' && c.expression.name === 'block'
  );
}

function hashName(n: Node): string | undefined {
  const c = n.type === 'FunctionCall' ? callee(n) : undefined;
  return c?.type === 'Identifier' && typeof c.name === 'string' && HASHES.has(c.name) ? c.name : undefined;
}

function isIntConversion(call: Node): boolean {
  const c = callee(call);
  return (c?.type === 'ElementaryTypeName' || c?.type === 'Identifier') && typeof c.name === 'string' && /^u?int\d*$/.test(c.name);
}

function isZeroLiteral(n: Node): boolean {
  return n.type === 'NumberLiteral' && /^0+$/.test(String(n.number)) && !n.subdenomination;
}

export class Provenance {
  private readonly memo = new Map<Node, Origins>();
  /**
   * What the model says of a node, found once: every query that passes through a variable or a call again (each
   * comparison of a file through the same internal function, say) asks the same of the same tree.
   */
  private readonly returns = new Map<Node, Node[]>();
  private readonly targets = new Map<Node, CallTarget>();
  private readonly flows = new Map<Node, Flow>();

  constructor(private readonly host: ProvenanceHost) {}

  /** The sources `expr` may be computed from (an expression of any function or state variable of the model's unit). */
  originsOf(expr: Node): Origins {
    return this.origins(expr, 0, new Set());
  }

  private origins(expr: Node, depth: number, visiting: Set<Node>): Origins {
    const known = this.memo.get(expr);
    if (known) return known;
    if (depth > MAX_DEPTH || visiting.has(expr)) return empty();
    visiting.add(expr);
    const out = this.compute(unparen(expr), depth, visiting);
    visiting.delete(expr);
    if (depth === 0) this.memo.set(expr, out);
    return out;
  }

  private compute(e: Node, depth: number, visiting: Set<Node>): Origins {
    const out = empty();
    const sub = (x: unknown, hashed = false) => {
      if (isNode(x)) addInto(out, this.origins(x, depth + 1, visiting), hashed);
    };
    switch (e.type) {
      case 'NumberLiteral':
        if (isZeroLiteral(e)) out.sources.add('zero');
        return out;
      case 'MemberAccess': {
        const base = isNode(e.expression) ? unparen(e.expression) : undefined;
        if (base?.type === 'Identifier' && base.name === 'block' && BLOCK_MEMBERS.has(String(e.memberName))) return block(out);
        if (base?.type === 'Identifier' && base.name === 'tx' && e.memberName === 'gasprice') {
          out.sources.add('tx-gasprice');
          return out;
        }
        if (e.memberName === 'max' && base?.type === 'FunctionCall' && isTypeOfUint(base)) {
          out.sources.add('max-uint');
          return out;
        }
        if (e.memberName === 'balance' && base && this.isAccount(base)) {
          out.sources.add('balance');
          return out;
        }
        return this.variable(e, out, depth, visiting);
      }
      case 'Identifier':
        if (e.name === 'now') {
          const d = this.host.model.declarationOf(e);
          if (!d || d.kind === 'builtin') return block(out);
        }
        return this.variable(e, out, depth, visiting);
      case 'IndexAccess': {
        // A mapping or array entry: the variable's initial value says nothing of its entries; the index is no source.
        // An element of a DEX quote (`router.getAmountsOut(a, path)[1]`, `amounts[1]`) is still that quote.
        if (isNode(e.base) && this.origins(e.base, depth + 1, visiting).sources.has('spot-price')) out.sources.add('spot-price');
        return out;
      }
      case 'FunctionCall':
        return this.call(e, out, sub, depth, visiting);
      case 'BinaryOperation':
        if (e.operator === '=') sub(e.right);
        else {
          sub(e.left);
          sub(e.right);
          dropConstants(out);
        }
        return out;
      case 'UnaryOperation':
        sub(e.subExpression);
        dropConstants(out);
        return out;
      case 'Conditional':
        sub(e.trueExpression);
        sub(e.falseExpression);
        return out;
      case 'TupleExpression':
        for (const c of nodeList(e.components)) sub(c);
        return out;
      default:
        return out;
    }
  }

  private call(e: Node, out: Origins, sub: (x: unknown, hashed?: boolean) => void, depth: number, visiting: Set<Node>): Origins {
    const args = callArguments(e);
    if (isBlockhashCall(e)) {
      // The hash of a block chosen in this transaction (`block.number - 1`, a constant) is known to everyone now;
      // of a block number committed earlier (a commit-reveal), it was not when the commitment was made.
      const arg = args[0] ? unparen(args[0]) : undefined;
      const at = arg && this.origins(arg, depth + 1, visiting);
      if (!arg || arg.type === 'NumberLiteral' || at?.sources.has('block-values')) {
        out.sources.add('block-values');
        out.hashedBlock = true;
      }
      return out;
    }
    if (hashName(e)) {
      for (const a of args) sub(a, true);
      dropConstants(out);
      return out;
    }
    const c = callee(e);
    // `balanceOf(address(this))` on a token: the contract's own balance, which anyone can raise.
    if (c?.type === 'MemberAccess' && c.memberName === 'balanceOf' && args.length === 1 && isThisAddress(args[0])) {
      out.sources.add('balance');
      return out;
    }
    // `balanceOf(pair)` of a stored pool address: a pool's token balance, moved by any swap or donation.
    if (isPoolBalanceCall(this.host.model, e)) {
      out.sources.add('pool-balance');
      return out;
    }
    let target = this.targets.get(e);
    if (!target) this.targets.set(e, (target = this.host.model.resolveCall(e)));
    // An AMM pair's reserves, read from another contract: its spot price, moved by any swap.
    if (isSpotPriceCall(e, target.kind === 'internal')) {
      out.sources.add('spot-price');
      return out;
    }
    if (c?.type === 'MemberAccess' && c.memberName === 'getReserves' && target.kind !== 'internal') {
      out.sources.add('reserves');
      return out;
    }
    if (target.kind === 'internal' && target.function.body) {
      for (const r of this.returnedValues(target.function.node)) sub(r);
      dropConstants(out);
      return out;
    }
    if (target.kind === 'conversion' || target.kind === 'builtin' || c?.type === 'ElementaryTypeName' || isAbiCall(c)) {
      // Conversions, `abi.encode*`, math builtins: the value is made of the arguments.
      if (target.kind === 'builtin' && /^(require|assert|revert)$/.test(target.name)) return out;
      for (const a of args) sub(a);
      return out;
    }
    return out;
  }

  /** An address or contract (legacy `this.balance`), not a struct with a `balance` field. */
  private isAccount(base: Node): boolean {
    if (base.type === 'Identifier' && base.name === 'this') return true;
    const t = this.host.model.typeOf(base);
    return t.kind === 'address' || t.kind === 'contract';
  }

  /** A local's reaching values at its use, or a state variable's initial value. */
  private variable(e: Node, out: Origins, depth: number, visiting: Set<Node>): Origins {
    let flow = this.flows.get(e);
    if (!flow) this.flows.set(e, (flow = this.flowOf(e)));
    if (flow.init) addInto(out, this.origins(flow.init, depth + 1, visiting), false);
    // Indexed, without destructuring (which iterates too): asked per read, mostly before V8 optimises it.
    const defs = flow.defs;
    for (let i = 0; i < defs.length; i++) {
      addInto(out, this.origins(defs[i][0], depth + 1, visiting), false);
      if (defs[i][1]) dropConstants(out);
    }
    return out;
  }

  /** The values a name reads: a state variable's initial value, or the definitions of a local reaching the use. */
  private flowOf(e: Node): Flow {
    const none: Flow = { defs: [] };
    const d = this.host.model.declarationOf(e);
    if (!d) return none;
    if (d.kind === 'stateVariable' || d.kind === 'fileConstant') return { init: isNode(d.node.expression) ? d.node.expression : undefined, defs: [] };
    if (d.kind !== 'localVariable' && d.kind !== 'parameter' && d.kind !== 'returnParameter') return none;
    if (e.type !== 'Identifier') return none;
    const fn = this.host.model.functionOf(e);
    const cfg = fn && this.host.cfgOf(fn.node);
    if (!cfg) return none;
    const rd = definitionsOf(cfg);
    const defs: Flow['defs'] = [];
    const nodes = nodesOf(cfg, e);
    for (let i = 0; i < nodes.length; i++) {
      const reaching = rd.reaching(nodes[i]);
      for (let j = 0; j < reaching.length; j++) {
        const def = reaching[j];
        if (def.variable !== e.name || !def.value) continue;
        defs.push([def.value, def.kind === 'compound' || def.kind === 'update']);
      }
    }
    return { defs };
  }

  /** The expressions a function returns: its `return` statements, and its named return variables at the exit. */
  private returnedValues(fnNode: Node): Node[] {
    let out = this.returns.get(fnNode);
    if (!out) this.returns.set(fnNode, (out = this.findReturnedValues(fnNode)));
    return out;
  }

  private findReturnedValues(fnNode: Node): Node[] {
    const out: Node[] = [];
    const visit = (x: Node) => {
      if (x.type === 'ReturnStatement' && isNode(x.expression)) out.push(x.expression);
      forEachChild(x, visit);
    };
    if (isNode(fnNode.body)) visit(fnNode.body);
    const cfg = this.host.cfgOf(fnNode);
    if (cfg) {
      const names = new Set(nodeList(fnNode.returnParameters).map((p) => String(p.name)));
      for (const def of definitionsOf(cfg).reaching(cfg.exit)) if (names.has(def.variable) && def.value) out.push(def.value);
    }
    return out;
  }

  /**
   * Whether the value of `expr` (in function `fnNode`) is used as a number: converted to an integer type, in
   * arithmetic, or compared (`uses`), directly or after hashing, through locals of the function. A comparison
   * may come after arithmetic (`block.timestamp - updatedAt > HEARTBEAT`). `component`: only that element of a
   * tuple result counts (`(, , , uint256 updatedAt, ) = feed.latestRoundData()` takes element 3).
   */
  usedAs(expr: Node, fnNode: Node, uses: ReadonlySet<ValueUse>, component?: number): boolean {
    const cfg = this.host.cfgOf(fnNode);
    if (!cfg) return false;
    const rd = definitionsOf(cfg);
    const seen = new Set<unknown>();
    // `bound` asks for a comparison of the value itself: one after arithmetic compares something else.
    const from = (n: CfgNode, start: Node, computed = false): boolean => {
      let cur = start;
      for (let depth = 0; depth < 64; depth++) {
        const taking = rd.madeAt(n).filter((d) => d.value === cur && (component === undefined || cur !== expr || d.component === component));
        if (component !== undefined && cur === expr && !taking.length) return false;
        if (taking.length) {
          for (const def of taking) {
            if (seen.has(def)) continue;
            seen.add(def);
            for (const m of cfg.nodes) {
              if (!rd.reaches(def, m)) continue;
              for (const use of usesIn(m, def.variable)) if (from(m, use, computed)) return true;
            }
          }
          return false;
        }
        const p = parentOf(cfg, cur);
        if (!p) return false;
        if (p.type === 'TupleExpression') {
          cur = p;
          continue;
        }
        if (p.type === 'BinaryOperation') {
          const op = String(p.operator);
          if (COMPARISONS.has(op)) return uses.has('comparison') || (uses.has('bound') && !computed && !isZeroOperand(p, cur));
          if (COMPOUND.has(op)) return p.right === cur && uses.has('integer');
          if (!ARITHMETIC.has(op)) return false;
          if (uses.has('integer')) return true;
          computed = true;
          cur = p;
          continue;
        }
        if (p.type === 'FunctionCall') {
          if (!callArguments(p).includes(cur)) return false;
          if (isIntConversion(p) && uses.has('integer')) return true;
          const c = callee(p);
          // Hashed again: the outer hash is the value that is used (and reported), not this one.
          if (hashName(p) || isBlockhashCall(p)) return false;
          if (isAbiCall(c) || c?.type === 'ElementaryTypeName' || isIntConversion(p)) {
            cur = p;
            continue;
          }
          if (c?.type === 'Identifier' && (c.name === 'require' || c.name === 'assert')) return false;
          return false;
        }
        return false;
      }
      return false;
    };
    return nodesOf(cfg, expr).some((n) => from(n, expr));
  }
}

/** The other operand of a comparison is the literal 0 (`answer > 0` rules out no bound but zero). */
function isZeroOperand(cmp: Node, side: Node): boolean {
  const other = cmp.left === side ? cmp.right : cmp.left;
  return isNode(other) && isZero(other);
}

/** Arithmetic on a constant is no longer that constant. */
function dropConstants(out: Origins): void {
  out.sources.delete('zero');
  out.sources.delete('max-uint');
}

/** `type(uint256)`, `type(uint)`. */
function isTypeOfUint(n: Node): boolean {
  const c = callee(n);
  const arg = callArguments(n)[0];
  return c?.type === 'Identifier' && c.name === 'type' && !!arg && typeof arg.name === 'string' && /^uint\d*$/.test(arg.name);
}

function block(out: Origins): Origins {
  out.sources.add('block-values');
  out.plainBlock = true;
  return out;
}

function isAbiCall(c: Node | undefined): boolean {
  return c?.type === 'MemberAccess' && isNode(c.expression) && c.expression.type === 'Identifier' && c.expression.name === 'abi';
}
