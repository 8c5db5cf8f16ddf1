// Whether a signature check can be replayed (the `signature:` filter, docs/pack-format.md): the signed digest a
// recovery (`ecrecover`, `ECDSA.recover`, `hash.recover(sig)`, `isValidSignatureNow`) checks is computed from a
// nonce the function consumes, or the function marks the signed data as used. Either way a second submission of
// the same signature finds the state changed; otherwise it authorises the same thing again.
import { callArguments, callee, forEachChild, isNode, unparen } from './cfg-ast';
import type { CfgNode, Node } from './cfg-types';
import { reachingDefinitions } from './dataflow-defs';
import type { Effect, FunctionEffects } from './effects';
import type { CallSite } from './facts-types';
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
  /** The internal calls of a function in the file. */
  callSites: (fn: FunctionSymbol) => CallSite[];
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
  /** State read on the way to the value (`Contract.var`). */
  reads: Set<string>;
  /** A nonce taken on the way: `nonces[owner]++` inside it, or an internal call that writes state. */
  consumes: boolean;
  /** The way passes through code the model cannot see (an internal function without a body). */
  unknown: boolean;
  /** Names the value comes from: locals on the way and the parameters they read. */
  names: Set<string>;
  /** The expressions walked: the value and the definitions of the locals it is computed from. */
  exprs: Node[];
}

/** What `expr` (at graph node `at` of the host's function) is computed from, through locals. */
function traceOf(h: ReplayHost, expr: Node, at: CfgNode): Trace {
  const rd = reachingDefinitions(h.analysis.cfg);
  const trace: Trace = { reads: new Set(), consumes: false, unknown: false, names: new Set(), exprs: [] };
  const seen = new Set<Node>();
  const walk = (e: Node, n: CfgNode, depth: number): void => {
    if (depth > 8 || seen.has(e)) return;
    seen.add(e);
    trace.exprs.push(e);
    for (const x of effectsWithin(h.analysis, e)) {
      if (x.kind === 'write') trace.consumes = true;
      // A call the model cannot resolve (a base in a file not read yet): it may take the nonce.
      else if (unseenInternal(x)) trace.unknown = true;
      else if (x.kind === 'read' && x.state) trace.reads.add(x.state.key);
      else if (x.kind === 'internal') {
        const callee = h.summaries.calleeOf(x.ast);
        const summary = callee?.body ? h.summaries.summaryOfCall(x.ast) : undefined;
        if (!summary) trace.unknown = true;
        else if (summary.writes.size > 0) trace.consumes = true;
        // A getter (`nonces(owner)`): what it reads is read here.
        else for (const k of summary.reads) trace.reads.add(k);
      }
    }
    for (const id of identifiers(e)) {
      const name = String(id.name);
      trace.names.add(name);
      for (const def of rd.reaching(n)) if (def.variable === name && def.value) walk(def.value, def.node, depth + 1);
    }
  };
  walk(expr, at, 0);
  return trace;
}

/** The value is a nonce the function consumes: built by a call that writes state, or from state it writes. */
function consumed(h: ReplayHost, t: Trace): boolean {
  const writes = h.summaries.summaryOf(h.fn).writes;
  return t.consumes || [...t.reads].some((k) => writes.has(k));
}

/** Whether the recovery `call` (in the host's function) is protected against replay. */
export function replayProtected(h: ReplayHost, call: Node): boolean | undefined {
  const digest = signedDigest(h.model, call);
  const at = digest && nodesOf(h.analysis.cfg, call)[0];
  if (!digest || !at) return undefined;
  const trace = traceOf(h, digest, at);
  // A view only verifies, and a helper is handed the digest (`ECDSA.recover(hash, sig)`, `_verify(hash, sig)`):
  // the functions that call them must consume the signature.
  if (isHelperParameter(h.fn, digest) || h.fn.mutability === 'view' || h.fn.mutability === 'pure') return askCallers(h, trace);
  if (consumed(h, trace)) return true;
  if (trace.unknown) return undefined;
  if (checksSignedData(h, trace.names, 0, [call, ...trace.exprs])) return true;
  // Signed data handed to a call the model cannot resolve (`_useCheckedNonce(owner, nonce)` of an unread base)
  // may be checked there: unanswered rather than reported.
  return passesToUnseen(h, trace.names) ? undefined : false;
}

/**
 * An unresolved call of a bare name or through `super`: an internal function of a base the model has not read,
 * which may write state. Library calls (`ECDSA.recover`, `hash.toEthSignedMessageHash()`) cannot write the
 * caller's nonces.
 */
function unseenInternal(e: Effect): boolean {
  if (e.kind !== 'opaque' || e.ast.type !== 'FunctionCall') return false;
  const c = callee(e.ast);
  return (
    c?.type === 'Identifier' || (c?.type === 'MemberAccess' && isNode(c.expression) && c.expression.type === 'Identifier' && c.expression.name === 'super')
  );
}

function passesToUnseen(h: ReplayHost, names: Set<string>): boolean {
  return h.analysis.effects.some((e) => unseenInternal(e) && callArguments(e.ast).some((a) => identifiers(a).some((id) => names.has(String(id.name)))));
}

/**
 * A view or a helper handed the digest verifies for its callers: protected when every function that calls it,
 * through further views, protects what it passes (consumes a nonce the verification read or a nonce it passes,
 * or checks the data it passes). Unanswered when nothing in the file calls it (an API for other contracts);
 * unprotected when every way to it starts at a view, since nothing then ever consumes the signature.
 */
function askCallers(h: ReplayHost, trace: Trace): boolean | undefined {
  // A library verifies for the contracts that use it: none of them is in sight.
  if (trace.unknown || h.fn.contract?.contractKind === 'library' || !h.callSites(h.fn).length) return undefined;
  const params = new Set(h.fn.parameters.map((p) => p.name).filter((n) => trace.names.has(n)));
  const v = callersVerdict(h, trace.reads, params, 0);
  // `none`: every way in starts at a view.
  return v === undefined ? undefined : v === 'yes';
}

type Verdict = 'yes' | 'no' | 'none';

function callersVerdict(h: ReplayHost, reads: Set<string>, params: Set<string>, depth: number): Verdict | undefined {
  if (depth > 4) return undefined;
  let verdict: Verdict = 'none';
  for (const site of h.callSites(h.fn)) {
    const caller = site.caller;
    const ch: ReplayHost = { ...h, fn: caller, analysis: site.analysis };
    const names = new Set<string>();
    const machinery: Node[] = [site.call.ast];
    const seen = new Set(reads);
    let consumes = false;
    let unknown = false;
    h.fn.parameters.forEach((p, i) => {
      const arg = site.call.args?.[i];
      if (!arg || !params.has(p.name)) return;
      const t = traceOf(ch, arg, site.call.node);
      unknown ||= t.unknown;
      consumes ||= t.consumes;
      for (const k of t.reads) seen.add(k);
      for (const n of t.names) names.add(n);
      machinery.push(...t.exprs);
    });
    if (unknown) return undefined;
    if (caller.mutability === 'view' || caller.mutability === 'pure') {
      const up = callersVerdict(ch, seen, new Set(caller.parameters.map((p) => p.name).filter((n) => names.has(n))), depth + 1);
      if (up === undefined || up === 'no') return up;
      if (up === 'yes') verdict = 'yes';
      continue;
    }
    const writes = h.summaries.summaryOf(caller).writes;
    if (!(consumes || [...seen].some((k) => writes.has(k)) || checksSignedData(ch, names, 0, machinery))) return 'no';
    verdict = 'yes';
  }
  return verdict;
}

/**
 * Signed data (`names`, variables of the host's function) is checked against state that stays changed: it keys a
 * lasting mark (`used[digest] = true`), it is compared with a nonce the function consumes (`nonce != _useNonce(o)`),
 * or it is passed to an internal function that does one of these (`_useCheckedNonce(owner, nonce)`). `machinery`,
 * given for the function a replay submits again (depth 0), holds the expressions that build the digest and recover
 * the signer: what they do is not part of the signed action.
 */
function checksSignedData(h: ReplayHost, names: Set<string>, depth: number, machinery?: Node[]): boolean {
  if (marksUsed(h, names, depth === 0 ? machinery : undefined) || comparedWithConsumed(h, names)) return true;
  if (depth > 3) return false;
  for (const e of h.analysis.effects) {
    if (e.kind !== 'internal' || !e.args) continue;
    const callee = h.summaries.calleeOf(e.ast);
    if (!callee?.body || callee === h.fn) continue;
    const params = callee.parameters.map((p) => p.name);
    const carried = new Set(params.filter((_, i) => e.args![i] && identifiers(e.args![i]).some((id) => names.has(String(id.name)))));
    if (!carried.size) continue;
    const analysis = h.summaries.analysisOf(callee);
    if (checksSignedData({ ...h, fn: callee, analysis }, carried, depth + 1)) return true;
  }
  return false;
}

function comparedWithConsumed(h: ReplayHost, names: Set<string>): boolean {
  for (const n of h.analysis.cfg.nodes) {
    for (const root of n.ast ? [n.ast] : []) {
      for (const cmp of descendants(root)) {
        if (cmp.type !== 'BinaryOperation' || (cmp.operator !== '==' && cmp.operator !== '!=') || !isNode(cmp.left) || !isNode(cmp.right)) continue;
        for (const [mine, other] of [
          [cmp.left, cmp.right],
          [cmp.right, cmp.left],
        ] as const) {
          if (!identifiers(mine).some((id) => names.has(String(id.name)))) continue;
          if (consumed(h, traceOf(h, other, n))) return true;
        }
      }
    }
  }
  return false;
}

/**
 * The function sets an entry keyed by signed data to a constant (`used[digest] = true`, `usedNonce[nonce] = 1`)
 * that no other function of the contract sets otherwise, so the mark stays; and either it reads that same entry
 * (the check of the mark: `require(!used[digest])`), or such marks are all the function does (`isMember[user] =
 * true`, no other write, no message call): a replay then sets what is already set and changes nothing.
 */
function marksUsed(h: ReplayHost, names: Set<string>, machinery: Node[] | undefined): boolean {
  const reads = h.analysis.effects.filter((e) => e.kind === 'read' && e.state);
  const writes = h.analysis.effects.filter((e) => e.kind === 'write');
  const marks = writes.filter((e) => isMark(h, e, names));
  if (marks.some((m) => reads.some((r) => r.state!.key === m.state!.key && sameIndexes(r.ast, m.ast)))) return true;
  // A helper's marks (`_grant(user)`) say nothing of what its caller does besides.
  return machinery !== undefined && marks.length > 0 && marks.length === writes.length && onlyMarks(h, machinery);
}

/** `m[k] = c` with `k` computed from the signed data, and no other function of the contract clears it. */
function isMark(h: ReplayHost, e: Effect, names: Set<string>): boolean {
  if (!e.state) return false;
  const a = unparen(e.ast);
  if (a.type !== 'BinaryOperation' || a.operator !== '=' || !isNode(a.left) || !isNode(a.right) || !isConstant(a.right)) return false;
  // The key may be a local computed from the signed data (`txid = hashOf(to, value, nonce)`).
  if (!indexes(a.left).some((i) => [...traceOf(h, i, e.node).names].some((n) => names.has(n)))) return false;
  return !clearedElsewhere(h, e.state.key, constantText(a.right));
}

/**
 * Nothing but the function's own writes changes the world: no callee writes, no message call, no code the model
 * cannot see outside the signature's own machinery (an unread `recover` or `toEthSignedMessageHash`).
 */
function onlyMarks(h: ReplayHost, machinery: Node[]): boolean {
  const s = h.summaries.summaryOf(h.fn);
  if (s.selfdestructs || s.calls.some((c) => !c.static)) return false;
  const inMachinery = (e: Effect): boolean => machinery.some((m) => within(e.ast, m));
  const harmless = (e: Effect): boolean => {
    if (e.kind === 'opaque') return false;
    if (e.kind !== 'internal') return true;
    const callee = h.summaries.summaryOfCall(e.ast);
    return !!callee && callee.writes.size === 0 && !callee.opaque;
  };
  return h.analysis.effects.every((e) => harmless(e) || inMachinery(e));
}

function within(inner: Node, outer: Node): boolean {
  const a = inner.range;
  const b = outer.range;
  return !!a && !!b && b[0] <= a[0] && a[1] <= b[1];
}

/** A read and a write of the same entry: `used[digest]` both times. */
function sameIndexes(read: Node, write: Node): boolean {
  const w = unparen(write);
  const place = w.type === 'BinaryOperation' && isNode(w.left) ? w.left : w;
  const a = indexes(read);
  const b = indexes(place);
  return a.length === b.length && a.every((x, i) => sameExpression(x, b[i]));
}

function sameExpression(a: Node, b: Node): boolean {
  const x = unparen(a);
  const y = unparen(b);
  if (x.type !== y.type) return false;
  for (const k of ['name', 'memberName', 'number', 'value', 'operator'] as const) if (x[k] !== y[k]) return false;
  const xs: Node[] = [];
  const ys: Node[] = [];
  forEachChild(x, (c) => xs.push(c));
  forEachChild(y, (c) => ys.push(c));
  return xs.length === ys.length && xs.every((c, i) => sameExpression(c, ys[i]));
}

/** Some other function of the contract writes the place, other than by setting the same constant. */
function clearedElsewhere(h: ReplayHost, key: string, mark: string): boolean {
  const contract = h.fn.contract;
  if (!contract) return true;
  for (const c of h.model.linearization(contract)) {
    for (const g of h.model.functionsOf(c)) {
      if (g === h.fn || g.isConstructor || !g.body) continue;
      const a = h.summaries.analysisOf(g);
      for (const e of a.effects) {
        if (e.kind !== 'write' || e.state?.key !== key) continue;
        const w = unparen(e.ast);
        const same = w.type === 'BinaryOperation' && w.operator === '=' && isNode(w.right) && isConstant(w.right) && constantText(w.right) === mark;
        if (!same) return true;
      }
    }
  }
  return false;
}

function constantText(e: Node): string {
  const x = unparen(e);
  return String(x.type === 'BooleanLiteral' ? x.value : x.number);
}

function descendants(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    out.push(n);
    forEachChild(n, visit);
  };
  visit(root);
  return out;
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
  return a.effects.filter((e) => within(e.ast, expr));
}
