// Compiles the semantic part of the pack language (docs/pack-format.md, "Semantic filters"): what a metavariable
// resolves to, what a call, a result or an arithmetic operation does, facts of the enclosing function, and
// `followed-by`. Checked once here; answered by the semantic model (semantics/facts.ts) only when a candidate
// reaches them.
import { RE2JS } from 're2js';
import { PatternError, type Filter, type FunctionFilter } from './finding';
import { ANY, ELLIPSIS, isMetaName } from './pattern/ast';
import { regexFinds } from './regex-finds';
import { VALUE_SOURCES, VALUE_USES, type ValueSource, type ValueUse } from './semantics/provenance';

type Path = Array<string | number>;

export const METAVARIABLE_KINDS = [
  'state-variable',
  'constant',
  'immutable',
  'parameter',
  'return-variable',
  'local',
  'function',
  'modifier',
  'event',
  'error',
  'contract',
  'interface',
  'library',
  'struct',
  'enum',
  'type',
  'builtin',
  'external-contract',
  'literal',
] as const;

/** `match` (the matched code) or a bound metavariable. */
export type CompiledSubject = { kind: 'match' } | { kind: 'metavariable'; name: string };

export type TypeTest = (names: readonly string[]) => boolean;

export type CompiledSemanticFilter =
  | {
      op: 'facts';
      metavariable: string;
      kinds?: Set<string>;
      types?: TypeTest[];
      privileged?: boolean;
      growable?: boolean;
      setByGuarded?: boolean;
      declaration?: DeclarationFacts;
    }
  | { op: 'result'; subject: CompiledSubject; checked: boolean }
  | { op: 'arithmetic'; subject: CompiledSubject; checked?: boolean; risk?: RiskFacts }
  | { op: 'call'; subject: CompiledSubject; facts: CallFacts }
  | { op: 'value'; subject: CompiledSubject; from?: Set<ValueSource>; hashed?: boolean; usedAs?: Set<ValueUse>; component?: number }
  | { op: 'signature'; subject: CompiledSubject; replayProtected: boolean };

/** Facts of the declaration a metavariable names (facts-declarations.ts). */
export interface DeclarationFacts {
  'shadows-state'?: boolean;
  'default-visibility'?: boolean;
  used?: boolean;
  'order-dependent-inheritance'?: boolean;
}
export const DECLARATION_FACTS = ['shadows-state', 'default-visibility', 'used', 'order-dependent-inheritance'] as const;

export interface CallFacts {
  sendsValue?: boolean;
  gasStipend?: boolean;
  delegate?: boolean;
  static?: boolean;
  token?: boolean;
  lowLevel?: boolean;
  payment?: boolean;
}

/** What an arithmetic filter asks beyond `checked` (semantics/arithmetic-risk.ts). */
export interface RiskFacts {
  userControlled?: boolean;
  bounded?: boolean;
  stored?: boolean;
  dividesFirst?: boolean;
}

const RISK_FACTS: Array<[string, keyof RiskFacts]> = [
  ['user-controlled', 'userControlled'],
  ['bounded', 'bounded'],
  ['stored', 'stored'],
  ['divides-first', 'dividesFirst'],
];

export interface FunctionFacts {
  senderGuarded?: boolean;
  reentrancyLocked?: boolean;
  writesState?: boolean;
  transfersValue?: boolean;
  callsExternal?: boolean;
  reachableExternally?: boolean;
  initializer?: boolean;
  feasible?: boolean;
  guardTakeover?: boolean;
  consultsCaller?: boolean;
  writesNumberedSlot?: boolean;
  inLoop?: boolean;
  payableBatch?: boolean;
  peersGuarded?: boolean;
}

const FUNCTION_FACTS: Array<[keyof FunctionFilter, keyof FunctionFacts]> = [
  ['sender-guarded', 'senderGuarded'],
  ['reentrancy-locked', 'reentrancyLocked'],
  ['writes-state', 'writesState'],
  ['transfers-value', 'transfersValue'],
  ['calls-external', 'callsExternal'],
  ['reachable-externally', 'reachableExternally'],
  ['initializer', 'initializer'],
  ['feasible', 'feasible'],
  ['guard-takeover', 'guardTakeover'],
  ['consults-caller', 'consultsCaller'],
  ['writes-numbered-slot', 'writesNumberedSlot'],
  ['in-loop', 'inLoop'],
  ['payable-batch', 'payableBatch'],
  ['peers-guarded', 'peersGuarded'],
];

const CALL_FACTS: Array<[string, keyof CallFacts]> = [
  ['sends-value', 'sendsValue'],
  ['gas-stipend', 'gasStipend'],
  ['delegate', 'delegate'],
  ['static', 'static'],
  ['token', 'token'],
  ['low-level', 'lowLevel'],
  ['payment', 'payment'],
];

/** The semantic facts of a `function` filter, or undefined when it asks none. */
export function compileFunctionFacts(f: FunctionFilter, path: Path): FunctionFacts | undefined {
  let out: FunctionFacts | undefined;
  for (const [key, name] of FUNCTION_FACTS) {
    const v = f[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new PatternError(`\`${key}\` must be true or false`, [...path, key]);
    (out ??= {})[name] = v;
  }
  return out;
}

/**
 * A semantic filter, or undefined when `f` is none (a regex, comparison, function, contract or solidity filter).
 * `bound`: the metavariables the match always binds.
 */
export function compileSemanticFilter(f: Filter, path: Path, bound: Set<string>, unbound: (name: string) => string): CompiledSemanticFilter | undefined {
  const o = f as Record<string, unknown>;
  const factKeys = ['kind', 'type', 'privileged', 'growable', 'set-by-guarded', ...DECLARATION_FACTS];
  if ('metavariable' in o && factKeys.some((k) => k in o) && !('regex' in o) && !('comparison' in o)) {
    const meta = o.metavariable as string;
    if (!bound.has(meta)) throw new PatternError(unbound(meta), [...path, 'metavariable']);
    only(o, ['metavariable', ...factKeys], path);
    let declaration: DeclarationFacts | undefined;
    for (const key of DECLARATION_FACTS) {
      if (o[key] === undefined) continue;
      if (typeof o[key] !== 'boolean') throw new PatternError(`\`${key}\` must be true or false`, [...path, key]);
      (declaration ??= {})[key] = o[key] as boolean;
    }
    const kinds = o.kind === undefined ? undefined : kindSet(o.kind, [...path, 'kind']);
    const types = o.type === undefined ? undefined : typeTests(o.type, [...path, 'type']);
    if (o.privileged !== undefined && typeof o.privileged !== 'boolean') throw new PatternError('`privileged` must be true or false', [...path, 'privileged']);
    if (o.growable !== undefined && typeof o.growable !== 'boolean') throw new PatternError('`growable` must be true or false', [...path, 'growable']);
    const setByGuarded = o['set-by-guarded'];
    if (setByGuarded !== undefined && typeof setByGuarded !== 'boolean')
      throw new PatternError('`set-by-guarded` must be true or false', [...path, 'set-by-guarded']);
    return {
      op: 'facts',
      metavariable: meta,
      kinds,
      types,
      privileged: o.privileged as boolean | undefined,
      growable: o.growable as boolean | undefined,
      setByGuarded: setByGuarded as boolean | undefined,
      declaration,
    };
  }
  if ('arithmetic' in o) {
    only(o, ['arithmetic', 'checked', ...RISK_FACTS.map(([k]) => k)], path);
    const subject = compileSubject(o.arithmetic, [...path, 'arithmetic'], bound, unbound);
    let risk: RiskFacts | undefined;
    for (const [key, name] of RISK_FACTS) {
      const v = o[key];
      if (v === undefined) continue;
      if (typeof v !== 'boolean') throw new PatternError(`\`${key}\` must be true or false`, [...path, key]);
      (risk ??= {})[name] = v;
    }
    if (o.checked !== undefined && typeof o.checked !== 'boolean') throw new PatternError('`checked` must be true or false', [...path, 'checked']);
    if (o.checked === undefined && !risk)
      throw new PatternError(`\`arithmetic\` needs at least one of: checked, ${RISK_FACTS.map(([k]) => k).join(', ')}`, [...path, 'arithmetic']);
    return { op: 'arithmetic', subject, checked: o.checked as boolean | undefined, risk };
  }
  if ('result' in o) {
    const key = 'result';
    only(o, [key, 'checked'], path);
    const subject = compileSubject(o[key], [...path, key], bound, unbound);
    if (typeof o.checked !== 'boolean') throw new PatternError(`\`${key}\` needs \`checked: true\` or \`checked: false\``, [...path, 'checked']);
    return { op: key, subject, checked: o.checked };
  }
  if ('call' in o) {
    only(o, ['call', ...CALL_FACTS.map(([k]) => k)], path);
    const subject = compileSubject(o.call, [...path, 'call'], bound, unbound);
    const facts: CallFacts = {};
    for (const [key, name] of CALL_FACTS) {
      const v = o[key];
      if (v === undefined) continue;
      if (typeof v !== 'boolean') throw new PatternError(`\`${key}\` must be true or false`, [...path, key]);
      facts[name] = v;
    }
    return { op: 'call', subject, facts };
  }
  if ('signature' in o) {
    only(o, ['signature', 'replay-protected'], path);
    const subject = compileSubject(o.signature, [...path, 'signature'], bound, unbound);
    if (typeof o['replay-protected'] !== 'boolean')
      throw new PatternError('`signature` needs `replay-protected: true` or `replay-protected: false`', [...path, 'replay-protected']);
    return { op: 'signature', subject, replayProtected: o['replay-protected'] };
  }
  if ('value' in o) {
    only(o, ['value', 'from', 'hashed', 'used-as', 'component'], path);
    const subject = compileSubject(o.value, [...path, 'value'], bound, unbound);
    const from = o.from === undefined ? undefined : enumSet<ValueSource>(o.from, VALUE_SOURCES, [...path, 'from']);
    const usedAs = o['used-as'] === undefined ? undefined : enumSet<ValueUse>(o['used-as'], VALUE_USES, [...path, 'used-as']);
    if (o.hashed !== undefined && typeof o.hashed !== 'boolean') throw new PatternError('`hashed` must be true or false', [...path, 'hashed']);
    if (!from && !usedAs) throw new PatternError('`value` needs `from` or `used-as`', path);
    if (o.hashed !== undefined && !from?.has('block-values')) throw new PatternError('`hashed` goes with `from: [block-values]`', [...path, 'hashed']);
    const component = o.component;
    if (component !== undefined && (!Number.isInteger(component) || (component as number) < 0 || !usedAs))
      throw new PatternError('`component` is a tuple element index (0, 1, ...) and goes with `used-as`', [...path, 'component']);
    return { op: 'value', subject, from, hashed: o.hashed as boolean | undefined, usedAs, component: component as number | undefined };
  }
  return undefined;
}

function enumSet<T extends string>(v: unknown, allowed: readonly T[], path: Path): Set<T> {
  if (!Array.isArray(v) || v.length === 0) throw new PatternError(`expected a list of: ${allowed.join(', ')}`, path);
  v.forEach((x, i) => {
    if (!(allowed as readonly unknown[]).includes(x)) throw new PatternError(`'${String(x)}' is not one of: ${allowed.join(', ')}`, [...path, i]);
  });
  return new Set(v as T[]);
}

function only(o: Record<string, unknown>, keys: string[], path: Path): void {
  for (const k of Object.keys(o))
    if (!keys.includes(k)) throw new PatternError(`\`${k}\` does not go with \`${keys[0]}\` (expected: ${keys.join(', ')})`, [...path, k]);
}

function compileSubject(v: unknown, path: Path, bound: Set<string>, unbound: (name: string) => string): CompiledSubject {
  if (v === 'match') return { kind: 'match' };
  if (typeof v !== 'string' || !isMetaName(v) || v === ANY || v === ELLIPSIS) throw new PatternError('expected `match` or a metavariable such as $CALL', path);
  if (!bound.has(v)) throw new PatternError(unbound(v), path);
  return { kind: 'metavariable', name: v };
}

function kindSet(v: unknown, path: Path): Set<string> {
  if (!Array.isArray(v) || v.length === 0) throw new PatternError(`expected a list of: ${METAVARIABLE_KINDS.join(', ')}`, path);
  v.forEach((x, i) => {
    if (!(METAVARIABLE_KINDS as readonly unknown[]).includes(x))
      throw new PatternError(`'${String(x)}' is not one of: ${METAVARIABLE_KINDS.join(', ')}`, [...path, i]);
  });
  return new Set(v as string[]);
}

/**
 * Type names (`address`, `mapping`, `uint`, `IERC20`, ...) or `/regex/` over the type as Solidity spells it. A test
 * gets the names of one type, the spelling first (`uint256`) then its families (`uint`, `integer`).
 */
function typeTests(v: unknown, path: Path): TypeTest[] {
  if (!Array.isArray(v) || v.length === 0) throw new PatternError('expected a list of type names or /regex/', path);
  return v.map((x, i) => {
    if (typeof x !== 'string' || x === '') throw new PatternError('expected a type name or /regex/', [...path, i]);
    if (x.length > 2 && x.startsWith('/') && x.endsWith('/')) {
      let re: RE2JS;
      try {
        re = RE2JS.compile(x.slice(1, -1));
      } catch (err) {
        throw new PatternError(`invalid regex '${x}': ${(err as Error).message}`, [...path, i]);
      }
      return (names: readonly string[]) => regexFinds(re, names[0] ?? '');
    }
    return (names: readonly string[]) => names.includes(x);
  });
}
