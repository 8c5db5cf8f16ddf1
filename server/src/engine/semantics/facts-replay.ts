// Whether a signature check can be replayed (the `signature:` filter, docs/pack-format.md): the signed digest a
// recovery (`ecrecover`, `ECDSA.recover`, `hash.recover(sig)`, `isValidSignatureNow`) checks is computed from a
// nonce the function consumes, or the function marks the signed data as used. Either way a second submission of
// the same signature finds the state changed; otherwise it authorises the same thing again.
import { callArguments, callee, forEachChild, isNode, unparen } from './cfg-ast';
import type { CfgNode, Node } from './cfg-types';
import { reachingDefinitions } from './dataflow-defs';
import type { Effect, FunctionEffects } from './effects';
import { nodesOf } from './order';
import type { SemanticModel } from './model';
import type { ContractSummaries } from './summaries';
import type { FunctionSymbol } from './symbols';

const RECOVERIES = /^(ecrecover|recover|tryRecover|isValidSignatureNow|isValidERC1271SignatureNow)$/;

export interface ReplayHost {
  model: SemanticModel;
  analysis: FunctionEffects;
  summaries: ContractSummaries;
  fn: FunctionSymbol;
}

/** The digest a recovery call checks, or undefined when `call` is none. */
export function signedDigest(model: SemanticModel, call: Node): Node | undefined {
  if (call.type !== 'FunctionCall') return undefined;
  const c = callee(call);
  const name = c?.type === 'Identifier' ? String(c.name) : c?.type === 'MemberAccess' ? String(c.memberName) : '';
  if (!RECOVERIES.test(name)) return undefined;
  const args = callArguments(call);
  if (name.startsWith('isValid')) return args[1];
  if (c?.type === 'Identifier') return args[0];
  // `ECDSA.recover(hash, sig)` names the library; `hash.recover(sig)` binds the hash (`using ECDSA for bytes32`).
  const receiver = c && isNode(c.expression) ? unparen(c.expression) : undefined;
  if (!receiver) return undefined;
  const d = receiver.type === 'Identifier' ? model.declarationOf(receiver) : undefined;
  const isLibrary = d ? d.kind === 'contract' : receiver.type === 'Identifier' && /^[A-Z]/.test(String(receiver.name));
  return isLibrary ? args[0] : receiver;
}

interface Trace {
  /** State read on the way to the digest (`Contract.var`). */
  reads: Set<string>;
  /** A nonce taken on the way: `nonces[owner]++` inside the digest, or an internal call that writes state. */
  consumes: boolean;
  /** Names the signed data comes from: locals on the way and the parameters they read. */
  names: Set<string>;
}

/** Whether the recovery `call` (in the host's function) is protected against replay. */
export function replayProtected(h: ReplayHost, call: Node): boolean | undefined {
  const digest = signedDigest(h.model, call);
  if (!digest) return undefined;
  // A helper handed the digest (`ECDSA.recover(hash, sig)` itself, `_verify(hash, sig)`): its callers decide.
  if (isHelperParameter(h.fn, digest)) return undefined;
  const rd = reachingDefinitions(h.analysis.cfg);
  const trace: Trace = { reads: new Set(), consumes: false, names: new Set() };
  const seen = new Set<Node>();
  const walk = (expr: Node, at: CfgNode, depth: number): void => {
    if (depth > 8 || seen.has(expr)) return;
    seen.add(expr);
    for (const e of effectsWithin(h.analysis, expr)) {
      if (e.kind === 'write') trace.consumes = true;
      else if (e.kind === 'read' && e.state) trace.reads.add(e.state.key);
      else if (e.kind === 'internal' && (h.summaries.summaryOfCall(e.ast)?.writes.size ?? 0) > 0) trace.consumes = true;
    }
    for (const id of identifiers(expr)) {
      const name = String(id.name);
      trace.names.add(name);
      for (const def of rd.reaching(at)) if (def.variable === name && def.value) walk(def.value, def.node, depth + 1);
    }
  };
  const at = nodesOf(h.analysis.cfg, call)[0];
  if (!at) return undefined;
  walk(digest, at, 0);
  const writes = h.summaries.summaryOf(h.fn).writes;
  if (trace.consumes || [...trace.reads].some((k) => writes.has(k))) return true;
  return marksUsed(h, trace.names);
}

/**
 * The function sets an entry keyed by signed data to a constant (`used[digest] = true`, `usedNonce[nonce] = 1`),
 * reads that mapping (the check of the mark), and no other function writes it: the mark stays.
 */
function marksUsed(h: ReplayHost, names: Set<string>): boolean {
  const reads = new Set(h.analysis.effects.filter((e) => e.kind === 'read' && e.state).map((e) => e.state!.key));
  for (const e of h.analysis.effects) {
    if (e.kind !== 'write' || !e.state || !reads.has(e.state.key)) continue;
    const a = unparen(e.ast);
    if (a.type !== 'BinaryOperation' || a.operator !== '=' || !isNode(a.left) || !isNode(a.right) || !isConstant(a.right)) continue;
    if (!indexes(a.left).some((i) => identifiers(i).some((id) => names.has(String(id.name))))) continue;
    const key = e.state.key;
    const contract = h.fn.contract;
    const others = contract ? h.model.functionsOf(contract).filter((g) => g !== h.fn && !g.isConstructor && h.summaries.summaryOf(g).writes.has(key)) : [];
    if (!others.length) return true;
  }
  return false;
}

function isHelperParameter(fn: FunctionSymbol, digest: Node): boolean {
  const d = unparen(digest);
  if (d.type !== 'Identifier') return false;
  const params = Array.isArray(fn.node.parameters) ? (fn.node.parameters as Node[]) : [];
  const helper = fn.visibility === 'internal' || fn.visibility === 'private' || fn.contract?.contractKind === 'library';
  return helper && params.some((p) => p.name === d.name);
}

function isConstant(e: Node): boolean {
  const x = unparen(e);
  return x.type === 'BooleanLiteral' || x.type === 'NumberLiteral';
}

/** The index expressions of an access path: `m[a][b].f` gives a and b. */
function indexes(place: Node): Node[] {
  const out: Node[] = [];
  let cur = unparen(place);
  for (let i = 0; i < 16; i++) {
    if (cur.type === 'IndexAccess' && isNode(cur.base)) {
      if (isNode(cur.index)) out.push(cur.index);
      cur = unparen(cur.base);
    } else if (cur.type === 'MemberAccess' && isNode(cur.expression)) cur = unparen(cur.expression);
    else break;
  }
  return out;
}

function identifiers(expr: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'Identifier') out.push(n);
    forEachChild(n, visit);
  };
  visit(expr);
  return out;
}

function effectsWithin(a: FunctionEffects, expr: Node): Effect[] {
  const r = expr.range;
  if (!r) return [];
  return a.effects.filter((e) => e.ast.range && r[0] <= e.ast.range[0] && e.ast.range[1] <= r[1]);
}
