// The questions about one function's graph behind guards.ts: which checks each edge and node establish about a
// subject (the sender, `tx.origin`, or a parameter), and the strongest check on every path to an effect.
import { callArguments, isNode, nodeList, unparen } from './cfg-ast';
import { comparisonOf, edgeFacts, factsOf, type Fact } from './cfg-conditions';
import type { CfgEdge, CfgNode, Node } from './cfg-types';
import { isWorldChanging, type Effect, type FunctionEffects } from './effects';
import { callEffect, isZero } from './effects-calls';
import type { GuardContext, GuardKind, GuardSite, Subject } from './guards-types';
import type { SemanticModel } from './model';
import { onAllPathsFromEntry } from './order';
import type { FunctionSymbol } from './symbols';
import { locationOf } from './types';

/** Names of checks whose definition the model cannot see (an unresolved import): taken at their word, flagged. */
const ROLE_NAMES =
  /^(hasRole|hasAnyRole|hasAllRoles|isOwner|isAdmin|isAuthori[sz]ed|isOperator|isManager|isGovernance|isGuardian|isMinter|isPauser|isWhitelisted|canCall|authorized)$/;
const CHECK_NAMES =
  /^(_checkOwner|_checkRole|_checkAdmin|_onlyOwner|_onlyAdmin|_onlyRole|_checkAuth|_authorizeUpgrade|requireAuth|_requireOwner|_checkCanCall)$/;

const MODIFIER_NAMES = /^(only[A-Z_]\w*|auth|requiresAuth|restricted|ownerOnly|adminOnly)$/;

/** `only...` modifiers that restrict something other than who calls. */
const NOT_ACCESS = /^only(EOA|Initializ|Proxy|Delegate|When|If|Before|After|During|Valid|Not|Once|Human|Contract|Active|Open|Live)/;

const STRONG: GuardKind[] = ['sender', 'role'];

/** The questions about one function's graph. */
export class Query {
  private readonly byNode = new Map<CfgNode, Effect[]>();
  private readonly edgeMemo = new Map<string, Map<CfgEdge, GuardKind[]>>();
  private readonly nodeMemo = new Map<string, Map<CfgNode, GuardSite[]>>();

  constructor(
    private readonly g: GuardContext,
    private readonly model: SemanticModel,
    private readonly a: FunctionEffects,
    private readonly fn: FunctionSymbol,
  ) {
    for (const e of a.effects) {
      const list = this.byNode.get(e.node);
      if (list) list.push(e);
      else this.byNode.set(e.node, [e]);
    }
  }

  /**
   * Effects that need a guard: world-changing ones, and internal calls to code that changes the world unguarded.
   * A modifier's own effects (a lock's flag, a reward update) are the modifier's business, not the function's.
   */
  counted(): Effect[] {
    return this.a.effects.filter((e) => {
      if (e.node.origin) return false;
      if (isWorldChanging(e)) return true;
      if (e.kind !== 'internal') return false;
      const s = this.g.summaryOfCall(e.ast);
      return !!s && (s.writes.size > 0 || s.selfdestructs || s.calls.some((c) => !c.static));
    });
  }

  /** The strongest kind of check on every path to the effect. */
  guardOf(e: Effect, subject: Subject): GuardKind | null {
    if (e.kind === 'internal') {
      const inner = this.g.calleeFacts(e.ast)?.facts.effectsGuarded;
      if (inner) return inner;
    }
    return this.kindAt(e.node, subject);
  }

  kindAt(target: CfgNode, subject: Subject): GuardKind | null {
    const by = (accept: (k: GuardKind) => boolean) =>
      onAllPathsFromEntry(this.a.cfg, target, {
        edge: (e) => this.edgeKinds(e, subject).some(accept),
        node: (n) => this.nodeKinds(n, subject).some(accept),
      });
    if (!by(() => true)) return null;
    if (by((k) => k === 'sender')) return 'sender';
    if (by((k) => STRONG.includes(k))) return 'role';
    return 'tx-origin';
  }

  /** Every check in the graph (of the subject, or of `tx.origin`). */
  sites(subject: Subject): GuardSite[] {
    const out: GuardSite[] = [];
    for (const n of this.a.cfg.nodes) {
      for (const e of n.out) {
        for (const f of edgeFacts(e)) {
          const k = this.authKind(f, subject, n) ?? (subject.kind === 'sender' ? this.authKind(f, { kind: 'origin' }, n) : null);
          if (k && !out.some((s) => s.node === n && s.ast === f.expr)) out.push({ node: n, ast: f.expr, kind: k, how: 'condition' });
        }
      }
      for (const c of this.guardCalls(n, subject)) out.push(c);
    }
    return out;
  }

  private edgeKinds(e: CfgEdge, subject: Subject): GuardKind[] {
    if (!e.condition) return [];
    const memo = memoFor(this.edgeMemo, subject);
    const known = memo.get(e);
    if (known) return known;
    const out: GuardKind[] = [];
    memo.set(e, out);
    for (const f of edgeFacts(e)) {
      const k = this.authKind(f, subject, e.from) ?? (subject.kind === 'sender' ? this.authKind(f, { kind: 'origin' }, e.from) : null);
      if (k) out.push(k);
    }
    return out;
  }

  private nodeKinds(n: CfgNode, subject: Subject): GuardKind[] {
    return this.guardCalls(n, subject).map((s) => s.kind);
  }

  /** Calls at a node of functions that return only when the subject passed a check. */
  private guardCalls(n: CfgNode, subject: Subject): GuardSite[] {
    const memo = memoFor(this.nodeMemo, subject);
    const known = memo.get(n);
    if (known) return known;
    const out: GuardSite[] = [];
    memo.set(n, out);
    for (const e of this.byNode.get(n) ?? []) {
      if (e.kind === 'internal') {
        const found = this.g.calleeFacts(e.ast);
        if (!found) continue;
        const { facts } = found;
        if (subject.kind === 'sender' && facts.returnsOnlyIf) out.push({ node: n, ast: e.ast, kind: facts.returnsOnlyIf, how: 'call' });
        else {
          const args = e.args ?? [];
          for (const [i, k] of facts.params) if (args[i] && this.isSubject(args[i], subject, n)) out.push({ node: n, ast: e.ast, kind: k, how: 'call' });
        }
      } else if (e.kind === 'opaque' && subject.kind === 'sender') {
        // A check the model cannot see into (an unresolved import): `_checkOwner()`, an `onlyOwner` modifier.
        const name = e.name ?? '';
        const named = e.ast.type === 'FunctionCall' ? CHECK_NAMES.test(name) : n.kind === 'modifier' && MODIFIER_NAMES.test(name) && !NOT_ACCESS.test(name);
        if (named) out.push({ node: n, ast: e.ast, kind: /Role|Auth|auth|CanCall|Restricted/.test(name) ? 'role' : 'sender', how: 'call', byName: true });
      }
    }
    return out;
  }

  /** The kind of check a fact establishes about the subject, if any. */
  authKind(fact: Fact, subject: Subject, at: CfgNode): GuardKind | null {
    const weak: GuardKind = subject.kind === 'origin' ? 'tx-origin' : 'sender';
    const c = comparisonOf(fact);
    if (c) {
      if (c.operator === '==') {
        if ((this.isSubject(c.left, subject, at) && this.isStorage(c.right, at)) || (this.isSubject(c.right, subject, at) && this.isStorage(c.left, at)))
          return weak;
        if ((this.isLookup(c.left, subject, at) && isTruthyConstant(c.right)) || (this.isLookup(c.right, subject, at) && isTruthyConstant(c.left))) return weak;
      }
      if (c.operator === '!=' && ((this.isLookup(c.left, subject, at) && isFalsy(c.right)) || (this.isLookup(c.right, subject, at) && isFalsy(c.left))))
        return weak;
      return null;
    }
    const e = unparen(fact.expr);
    // A disjunction established whole (`a || b` holding, `a && b` failing) guards when each of its cases does:
    // `require(msg.sender == owner || admins[msg.sender])`, `if (s != a && s != b) revert()`.
    if (e.type === 'BinaryOperation' && isNode(e.left) && isNode(e.right) && ((e.operator === '||' && fact.holds) || (e.operator === '&&' && !fact.holds))) {
      const cases = [...factsOf(e.left, fact.holds), ...factsOf(e.right, fact.holds)].map((f) => this.authKind(f, subject, at));
      if (cases.some((k) => !k)) return null;
      return cases.includes('tx-origin') ? 'tx-origin' : cases.includes('sender') ? 'sender' : 'role';
    }
    if (!fact.holds) return null;
    if (this.isLookup(e, subject, at)) return weak;
    if (e.type === 'FunctionCall') return this.predicateCall(e, subject, at);
    return null;
  }

  /** `hasRole(ROLE, msg.sender)`, `isOwner()`, `acl.isAdmin(msg.sender)`. */
  private predicateCall(call: Node, subject: Subject, at: CfgNode): GuardKind | null {
    const args = callArguments(call);
    const found = this.g.calleeFacts(call);
    if (found) {
      const p = found.facts.predicate;
      if (!p) return null;
      if (p.subject === 'sender') return subject.kind === 'sender' ? p.kind : null;
      const bound = this.boundArgs(call, args);
      return bound[p.subject] && this.isSubject(bound[p.subject], subject, at) ? (p.kind === 'sender' ? 'role' : p.kind) : null;
    }
    if (!args.some((x) => this.isSubject(x, subject, at))) return null;
    const e = callEffect(this.model, call);
    if (e.kind === 'external' && e.call.static) return subject.kind === 'origin' ? 'tx-origin' : 'role';
    const name = calledName(call);
    if ((e.kind === 'opaque' || e.kind === 'external') && name && ROLE_NAMES.test(name)) return subject.kind === 'origin' ? 'tx-origin' : 'role';
    return null;
  }

  private boundArgs(call: Node, args: Node[]): Node[] {
    const e = callEffect(this.model, call);
    return e.kind === 'internal' ? e.args : args;
  }

  /** A storage lookup keyed by the subject: `admins[msg.sender]`, `roles[R][msg.sender]`, `users[msg.sender].isAdmin`. */
  private isLookup(e: Node, subject: Subject, at: CfgNode): boolean {
    let cur = unparen(e);
    let keyed = false;
    for (let depth = 0; depth < 16; depth++) {
      if (cur.type === 'IndexAccess' && isNode(cur.base)) {
        if (isNode(cur.index) && this.isSubject(cur.index, subject, at)) keyed = true;
        cur = unparen(cur.base);
      } else if (cur.type === 'MemberAccess' && isNode(cur.expression)) cur = unparen(cur.expression);
      else break;
    }
    return keyed && cur.type === 'Identifier' && this.isStateName(cur, at);
  }

  /** `msg.sender`, `_msgSender()`, `tx.origin`, parameter `i`, or a local that holds one of them. */
  isSubject(expr: Node, subject: Subject, at: CfgNode, depth = 0): boolean {
    const e = stripConversion(unparen(expr));
    if (subject.kind === 'sender' || subject.kind === 'origin') {
      const [base, member] = subject.kind === 'sender' ? ['msg', 'sender'] : ['tx', 'origin'];
      if (e.type === 'MemberAccess' && e.memberName === member && isNode(e.expression) && e.expression.type === 'Identifier' && e.expression.name === base) {
        return this.model.declarationOf(e.expression)?.kind !== 'localVariable';
      }
      // The signer recovered from a signature speaks for itself as the caller does: checking it against storage
      // (`require(isAdmin[signer])`) authorises a relayed call. Replay is another question (HS-SIG-*).
      if (subject.kind === 'sender' && e.type === 'FunctionCall' && RECOVERY.test(calledName(e) ?? '')) return true;
      if (subject.kind === 'sender' && e.type === 'FunctionCall') {
        const found = this.g.calleeFacts(e);
        if (found) return found.facts.returnsSender;
        return calledName(e) === '_msgSender';
      }
    }
    if (e.type !== 'Identifier' || depth > 4) return false;
    const d = this.model.declarationOf(e);
    if (subject.kind === 'param' && d && d.kind !== 'builtin' && d.node === subject.decl) return true;
    if (d?.kind !== 'localVariable') return false;
    // A local: every definition that reaches here holds the subject.
    const defs = this.g
      .definitions(this.a.cfg)
      .reaching(at)
      .filter((x) => x.variable === e.name);
    return defs.length > 0 && defs.every((x) => !!x.value && x.component === undefined && this.isSubject(x.value, subject, x.node, depth + 1));
  }

  /** A value read from storage: a state variable (constants and immutables too), a lookup, a getter, a fixed address. */
  isStorage(expr: Node, at: CfgNode, depth = 0): boolean {
    const e = stripConversion(unparen(expr));
    if (e.type === 'NumberLiteral' && /^0x[0-9a-fA-F]{40}$/.test(String(e.number))) return true;
    // The contract itself (`msg.sender == address(this)`: only a self-call passes) and a constant of another
    // contract or library (`Utils.ENTRYPOINT`) are fixed like storage.
    if (e.type === 'Identifier' && e.name === 'this' && this.model.declarationOf(e)?.kind === 'builtin') return true;
    if (e.type === 'MemberAccess' && this.model.declarationOf(e)?.kind === 'stateVariable') return true;
    if (e.type === 'FunctionCall') {
      const found = this.g.calleeFacts(e);
      if (found) return found.facts.returnsState;
      const c = callEffect(this.model, e);
      return c.kind === 'external' && c.call.static;
    }
    let root = e;
    while ((root.type === 'IndexAccess' && isNode(root.base)) || (root.type === 'MemberAccess' && isNode(root.expression))) {
      root = unparen((root.type === 'IndexAccess' ? root.base : root.expression) as Node);
    }
    if (root.type === 'Identifier') return this.isStateName(root, at, depth);
    // `_getOwnableStorage()._owner`: a field of storage a function pointed at.
    return root !== e && root.type === 'FunctionCall' && locationOf(this.model.typeOf(root)) === 'storage';
  }

  /** A name that denotes storage: a state variable, a storage pointer, or a modifier parameter bound to storage. */
  private isStateName(id: Node, at: CfgNode, depth = 0): boolean {
    const d = this.model.declarationOf(id);
    if (!d || d.kind === 'builtin') return false;
    if (d.kind === 'stateVariable') return true;
    if (d.kind === 'parameter' && d.owner?.kind === 'modifier' && at.origin && depth < 4) {
      // `modifier only(address who) { require(msg.sender == who); _; }` invoked as `only(owner)`.
      const i = d.owner.parameters.findIndex((p) => p.node === d.node);
      const arg = nodeList(at.origin.invocation.arguments)[i];
      return !!arg && this.isStorage(arg, at, depth + 1);
    }
    if (d.kind === 'localVariable') {
      const t = this.model.typeOf(id);
      if ('location' in t && t.location === 'storage') return true;
      const defs = this.g
        .definitions(this.a.cfg)
        .reaching(at)
        .filter((x) => x.variable === id.name);
      return depth < 4 && defs.length > 0 && defs.every((x) => !!x.value && x.component === undefined && this.isStorage(x.value, x.node, depth + 1));
    }
    return false;
  }

  addressParams(): Extract<Subject, { kind: 'param' }>[] {
    const out: Extract<Subject, { kind: 'param' }>[] = [];
    this.fn.parameters.forEach((p, index) => {
      const t = this.model.typeOfDeclaration(p);
      if (t.kind === 'address' || t.kind === 'unknown') out.push({ kind: 'param', index, decl: p.node });
    });
    return out;
  }

  /** The expressions the function returns, with their nodes. */
  returnValues(): { expr: Node; node: CfgNode }[] {
    const out: { expr: Node; node: CfgNode }[] = [];
    for (const n of this.a.cfg.nodes) {
      if (n.ast?.type === 'ReturnStatement' && isNode(n.ast.expression) && !n.origin) out.push({ expr: n.ast.expression, node: n });
    }
    return out;
  }
}

function memoFor<K, V>(memos: Map<string, Map<K, V>>, subject: Subject): Map<K, V> {
  const id = subject.kind === 'param' ? `param:${subject.index}` : subject.kind;
  let m = memos.get(id);
  if (!m) memos.set(id, (m = new Map()));
  return m;
}

function stripConversion(e: Node): Node {
  let cur = e;
  for (let i = 0; i < 4; i++) {
    const c = isNode(cur.expression) ? cur.expression : undefined;
    const name = c?.type === 'Identifier' || c?.type === 'ElementaryTypeName' ? String(c.name) : '';
    if (cur.type === 'FunctionCall' && /^(address|payable)$/.test(name) && callArguments(cur).length === 1) cur = unparen(callArguments(cur)[0]);
    else break;
  }
  return cur;
}

/** `ecrecover(..)`, `ECDSA.recover(..)`, `hash.recover(sig)`: a signature's signer. */
const RECOVERY = /^(ecrecover|recover)$/;

function calledName(call: Node): string | undefined {
  const c = isNode(call.expression) ? call.expression : undefined;
  if (c?.type === 'Identifier') return String(c.name);
  if (c?.type === 'MemberAccess') return String(c.memberName);
  return undefined;
}

export function isFalse(e: Node): boolean {
  const x = unparen(e);
  return x.type === 'BooleanLiteral' && x.value === false;
}

/** `true`, a non-zero number, a constant or an enum member: `admins[msg.sender] == true`, `wards[usr] == 1`. */
function isTruthyConstant(e: Node): boolean {
  const x = unparen(e);
  if (x.type === 'BooleanLiteral') return x.value === true;
  if (x.type === 'NumberLiteral') return !isZero(x);
  if (x.type === 'MemberAccess' && isNode(x.expression) && x.expression.type === 'Identifier') return /^[A-Z]/.test(String(x.expression.name));
  return x.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(String(x.name));
}

function isFalsy(e: Node): boolean {
  const x = unparen(e);
  return (x.type === 'BooleanLiteral' && x.value === false) || (x.type === 'NumberLiteral' && isZero(x));
}
