// Guards (guards.ts) with three more shapes of the functions a check calls, which audited libraries use and the
// guard analysis does not read yet (listed for it; this adapter goes when it does):
// - a getter that returns storage read in assembly (`_admin()` of the transparent proxies: `adm := sload(slot)`);
// - a predicate that is a conjunction or disjunction of checks of one subject (solmate's `isAuthorized`:
//   `(address(auth) != address(0) && auth.canCall(user, ..)) || user == owner`);
// - a predicate through a set-membership library, the subject passed through conversions and a storage-pointer
//   parameter (OpenZeppelin 3/4 `hasRole` -> `EnumerableSet.contains` -> `set._indexes[value] != 0`).
import { callArguments, isNode, unparen, walk } from './cfg-ast';
import type { Node } from './cfg-types';
import { callEffect } from './effects-calls';
import { Guards } from './guards';
import type { GuardFacts } from './guards-types';
import type { FunctionSymbol } from './symbols';

export class ModelGuards extends Guards {
  private readonly more = new WeakMap<object, GuardFacts>();
  private readonly busy = new Set<FunctionSymbol>();

  override factsOf(fn: FunctionSymbol): GuardFacts {
    const base = super.factsOf(fn);
    if ((base.predicate && base.returnsState) || this.busy.has(fn)) return base;
    const known = this.more.get(base);
    if (known) return known;
    this.busy.add(fn);
    let out = base;
    try {
      out = { ...base };
      if (!base.returnsState && this.assemblyGetter(fn)) out.returnsState = true;
      if (!base.predicate) {
        const subject = this.predicateSubject(fn);
        if (subject !== undefined) out.predicate = { subject, kind: subject === 'sender' ? 'sender' : 'role' };
      }
    } catch {
      out = base;
    } finally {
      this.busy.delete(fn);
    }
    this.more.set(base, out);
    return out;
  }

  /** One return variable, set without a `return` (in assembly), from storage, writing nothing. */
  private assemblyGetter(fn: FunctionSymbol): boolean {
    if (fn.returns.length !== 1 || !fn.body || returnsOf(fn.body).length) return false;
    let assembly = false;
    walk(fn.body, (x) => {
      if (x.type === 'InlineAssemblyStatement') assembly = true;
    });
    const s = this.summaries.summaryOf(fn);
    return assembly && s.writes.size === 0 && s.reads.size > 0;
  }

  /** Whom every `return` of the function checks: the sender, or parameter i; undefined when not a predicate. */
  private predicateSubject(fn: FunctionSymbol): 'sender' | number | undefined {
    if (!fn.body || fn.returns.length !== 1) return undefined;
    const values = returnsOf(fn.body);
    if (!values.length) return undefined;
    let subject: 'sender' | number | undefined;
    for (const v of values) {
      const s = this.checkOf(fn, v, 0);
      if (s === undefined || (subject !== undefined && s !== subject)) return undefined;
      subject = s;
    }
    return subject;
  }

  private checkOf(fn: FunctionSymbol, expr: Node, depth: number): 'sender' | number | undefined {
    if (depth > 8) return undefined;
    const e = unparen(expr);
    if (e.type === 'BinaryOperation' && isNode(e.left) && isNode(e.right)) {
      const l = e.left;
      const r = e.right;
      if (e.operator === '||') {
        const a = this.checkOf(fn, l, depth + 1);
        return a !== undefined && a === this.checkOf(fn, r, depth + 1) ? a : undefined;
      }
      // A conjunction holds only when each part does: one check in it suffices.
      if (e.operator === '&&') return this.checkOf(fn, l, depth + 1) ?? this.checkOf(fn, r, depth + 1);
      if (e.operator === '==') {
        const sl = this.subjectOf(fn, l);
        const sr = this.subjectOf(fn, r);
        if (sl !== undefined && this.isState(fn, r)) return sl;
        return sr !== undefined && this.isState(fn, l) ? sr : undefined;
      }
      if (e.operator === '!=' || e.operator === '>') return isZeroLiteral(r) ? this.lookupSubject(fn, l) : undefined;
      return undefined;
    }
    if (e.type === 'IndexAccess' || e.type === 'MemberAccess') return this.lookupSubject(fn, e);
    if (e.type === 'FunctionCall') return this.callSubject(fn, e);
    return undefined;
  }

  /** `p[..]` rooted at storage (a state variable or a storage-pointer parameter) with the subject as a key. */
  private lookupSubject(fn: FunctionSymbol, e: Node): 'sender' | number | undefined {
    let cur = unparen(e);
    let subject: 'sender' | number | undefined;
    for (let i = 0; i < 16; i++) {
      if (cur.type === 'IndexAccess' && isNode(cur.base)) {
        if (isNode(cur.index)) subject ??= this.subjectOf(fn, cur.index);
        cur = unparen(cur.base);
      } else if (cur.type === 'MemberAccess' && isNode(cur.expression)) cur = unparen(cur.expression);
      else break;
    }
    return subject !== undefined && this.isState(fn, cur) ? subject : undefined;
  }

  /** A call that checks: an internal predicate of one of its arguments, or a read-only call of another contract. */
  private callSubject(fn: FunctionSymbol, call: Node): 'sender' | number | undefined {
    const model = this.summaries.project.model(fn.file);
    const e = callEffect(model, call);
    if (e.kind === 'internal') {
      const p = this.factsOf(this.summaries.calleeOf(call) ?? e.callee).predicate;
      if (!p) return undefined;
      if (p.subject === 'sender') return 'sender';
      const arg = e.args[p.subject];
      return arg ? this.subjectOf(fn, arg) : undefined;
    }
    if (e.kind === 'external' && e.call.static) {
      for (const a of callArguments(call)) {
        const s = this.subjectOf(fn, a);
        if (s !== undefined) return s;
      }
    }
    return undefined;
  }

  /** The sender, or a parameter of `fn` (through conversions such as `bytes32(uint256(uint160(p)))`). */
  private subjectOf(fn: FunctionSymbol, expr: Node): 'sender' | number | undefined {
    let e = unparen(expr);
    for (let i = 0; i < 4 && e.type === 'FunctionCall' && callArguments(e).length === 1 && isConversion(e); i++) e = unparen(callArguments(e)[0]);
    if (e.type === 'MemberAccess' && e.memberName === 'sender' && isNode(e.expression) && e.expression.name === 'msg') return 'sender';
    if (e.type !== 'Identifier') return undefined;
    const d = this.summaries.project.model(fn.file).declarationOf(e);
    const i = d ? fn.parameters.findIndex((p) => p.node === d.node) : -1;
    return i >= 0 ? i : undefined;
  }

  private isState(fn: FunctionSymbol, expr: Node): boolean {
    const e = unparen(expr);
    if (e.type !== 'Identifier') return false;
    const d = this.summaries.project.model(fn.file).declarationOf(e);
    if (d?.kind === 'stateVariable') return true;
    return d?.kind === 'parameter' && fn.parameters.some((p) => p.node === d.node && p.storageLocation === 'storage');
  }
}

function returnsOf(body: Node): Node[] {
  const out: Node[] = [];
  walk(body, (x) => {
    if (x.type === 'ReturnStatement' && isNode(x.expression)) out.push(x.expression);
  });
  return out;
}

function isConversion(call: Node): boolean {
  const c = isNode(call.expression) ? call.expression : undefined;
  const name = c?.type === 'ElementaryTypeName' || c?.type === 'Identifier' ? String(c.name) : '';
  return /^(address|payable|bytes\d+|u?int\d*)$/.test(name);
}

function isZeroLiteral(e: Node): boolean {
  const x = unparen(e);
  return x.type === 'NumberLiteral' && /^(0x0*|0+)$/i.test(String(x.number));
}
