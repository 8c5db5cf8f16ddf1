// The matcher's side of the semantic filters (compile-semantic.ts): from a candidate match to the nodes the
// semantic model answers about, and the answer. The model of a file is built on the first question
// (`lazyFacts`), so a file where no semantic finding gets a candidate never builds it.
import type { CompiledFollowedBy, CompiledNode } from './compile';
import type { CallFacts, CompiledSemanticFilter, CompiledSubject, DeclarationFacts, FunctionFacts as FunctionFactFilter } from './compile-semantic';
import type { ParsedSource } from './parse';
import type { ProjectSettings } from './project-settings';
import { isNode, type Node } from './pattern/ast';
import { merge } from './pattern/match';
import { startsOf, type FileIndex, type Match } from './scan-index';
import { innermost } from './scan-occurrences';
import { FileFacts, type MessageCall, type SemanticContext } from './semantics/facts';
import { riskAsk, wideAsk, type WideSink } from './scan-semantic-probes';
import { mayBeLowLevelCall, mayWriteNumberedSlot } from './scan-semantic-text';

export interface SemanticEnv {
  index: FileIndex;
  /** The file's facts, built on first call; undefined when the model cannot be built. */
  facts: () => FileFacts | undefined;
  /**
   * Told when a filter asks a fact about the whole contract (privileged state, reachability: every function's
   * checks and calls), so a unit's answers can be kept only while no function of the file changed
   * (scan-semantic-units.ts); with each such question and its answer, so that it can be asked again
   * (scan-semantic-probes.ts).
   */
  wide?: WideSink;
  /** The project's build configuration, without the model (the `project` filter). */
  settings?: () => ProjectSettings | undefined;
}

/** A file's facts, built when first asked for (and at most once), and what it rests on. */
export interface LazyFacts {
  get: () => FileFacts | undefined;
  built: () => FileFacts | undefined;
  /** The project's build configuration (the `project` filter), read without building the model. */
  settings: () => ProjectSettings | undefined;
  /**
   * The other files the answers rest on, in a project: the imports when the model was built, the configuration
   * files when the settings were read; undefined when neither was asked or the file has no project.
   */
  dependencies: () => string[] | undefined;
  /** The project asked, once anything was (undefined before, and for a file without one). */
  asked: () => SemanticContext | undefined;
  /** The project, asked now if it was not yet. */
  context: () => SemanticContext | undefined;
}

export function lazyFacts(parsed: ParsedSource, context?: SemanticContext | (() => SemanticContext | undefined)): LazyFacts {
  let facts: FileFacts | undefined;
  let tried = false;
  let ctx: SemanticContext | undefined;
  let resolved = false;
  let settingsRead = false;
  const contextOf = (): SemanticContext | undefined => {
    if (!resolved) {
      resolved = true;
      try {
        ctx = typeof context === 'function' ? context() : context;
      } catch {
        ctx = undefined;
      }
    }
    return ctx;
  };
  return {
    get: () => {
      if (!tried) {
        tried = true;
        try {
          facts = new FileFacts(parsed, contextOf());
        } catch {
          facts = undefined;
        }
      }
      return facts;
    },
    built: () => facts,
    asked: () => (resolved ? ctx : undefined),
    context: contextOf,
    settings: () => {
      settingsRead = true;
      return contextOf()?.project.settings;
    },
    dependencies: () => {
      if (!resolved || !ctx || ctx.solo || (!facts && !settingsRead)) return undefined;
      const files = facts?.hosted ? facts.dependencies() : [];
      const { settings, root } = ctx.project;
      // A result that asked the build configuration holds while the configuration files keep their text.
      if (settingsRead && settings && root) {
        for (const f of settings.files) {
          const path = `${root.replace(/\/$/, '')}/${f}`;
          if (!files.includes(path)) files.push(path);
        }
      }
      return files;
    },
  };
}

const CALLS = ['FunctionCall'];
const ARITHMETIC = ['BinaryOperation', 'UnaryOperation', 'FunctionCall'];

export function semanticFilter(f: CompiledSemanticFilter, c: Match, env: SemanticEnv): boolean {
  // A name the enclosing function declares is its own, whatever else the file declares: no model needed to know
  // it is not state.
  if (f.op === 'facts' && f.kinds && !hasLocalKind(f.kinds)) {
    const bound = c.b[f.metavariable]?.node;
    const fn = bound && enclosingFunction(env.index, c.start, c.end);
    if (bound && fn && declaredInFunction(fn, bound)) return false;
  }
  if (f.op === 'call' && f.facts.lowLevel === true) {
    const call = subjectNode(f.subject, c, env, CALLS);
    if (call && !mayBeLowLevelCall(call, env.index.text)) return false;
  }
  const facts = env.facts();
  if (!facts) return false;
  switch (f.op) {
    case 'facts': {
      // Facts about the whole contract or file (privileged state, who can grow an array or set a variable, which
      // names refer to a declaration): asked through `wideAsk`, so a unit's matches are kept after an edit elsewhere
      // only while they get the same answers (scan-semantic-probes.ts).
      const node = c.b[f.metavariable]?.node ?? subjectNode({ kind: 'metavariable', name: f.metavariable }, c, env);
      const wideUsed = f.declaration?.used !== undefined && !usedWithinUnit(node, c, env, facts);
      // `for...in` visits the keys `Object.entries` lists, in its order, without an array per question.
      const declaration = f.declaration ?? {};
      for (const name in declaration) {
        const key = name as keyof DeclarationFacts;
        const want = declaration[key];
        const start = c.b[f.metavariable]?.start;
        const got =
          (key === 'used' && wideUsed) || key === 'order-dependent-inheritance'
            ? wideAsk<boolean | undefined>(env.wide, facts, 'decl', [node], start === undefined ? [] : [start], key)
            : facts.declarationFact(node, start, key);
        if (got === undefined || got !== want) return false;
      }
      if (!node) return !f.kinds && !f.types && f.privileged === undefined && !!f.declaration;
      if (f.kinds) {
        const kinds = facts.kinds(node);
        if (!kinds.some((k) => f.kinds!.has(k))) return false;
      }
      if (f.types) {
        const names = facts.typeNames(node);
        if (!names.length || !f.types.some((t) => t(names))) return false;
      }
      if (f.privileged !== undefined && (wideAsk<boolean | undefined>(env.wide, facts, 'privileged', [node]) ?? false) !== f.privileged) return false;
      if (f.growable !== undefined && (wideAsk<boolean | undefined>(env.wide, facts, 'growable', [node]) ?? false) !== f.growable) return false;
      if (f.setByGuarded !== undefined && (wideAsk<boolean | undefined>(env.wide, facts, 'setByGuarded', [node]) ?? false) !== f.setByGuarded) return false;
      return true;
    }
    case 'result': {
      const call = subjectNode(f.subject, c, env, CALLS);
      if (!call) return false;
      const checked = facts.resultChecked(call, enclosingFunction(env.index, c.start, c.end));
      return checked !== undefined && checked === f.checked;
    }
    case 'arithmetic': {
      const op = subjectNode(f.subject, c, env, ARITHMETIC);
      if (!op) return false;
      if (f.checked !== undefined) {
        const checked = facts.arithmeticChecked(op);
        if (checked === undefined || checked !== f.checked) return false;
      }
      if (!f.risk) return true;
      // `bounded` looks at every write of the contract (state no function ever writes): matched again on any change.
      const fn = enclosingFunction(env.index, c.start, c.end);
      const risk = f.risk.bounded !== undefined ? riskAsk(env.wide, facts, op, fn) : facts.arithmeticRisk(op, fn);
      if (!risk) return false;
      const { userControlled, bounded, stored, dividesFirst } = f.risk;
      return (
        (userControlled === undefined || risk.userControlled === userControlled) &&
        (bounded === undefined || risk.bounded === bounded) &&
        (stored === undefined || risk.stored === stored) &&
        (dividesFirst === undefined || risk.dividesFirst === dividesFirst)
      );
    }
    case 'call': {
      if (f.facts.sendsValue === true && !facts.mayTransferValue()) return false;
      const call = subjectNode(f.subject, c, env, CALLS);
      if (!call) return false;
      // Only a call's own message call is low-level: the summaries of an internal callee cannot answer yes.
      if (f.facts.lowLevel === true) {
        const own = facts.ownMessageCall(call);
        return typeof own === 'object' && callHolds(own, f.facts);
      }
      const calls = facts.messageCalls(call);
      return !!calls && calls.some((m) => callHolds(m, f.facts));
    }
    case 'signature': {
      // A mark of used signatures holds only while no other function writes it: matched again on any change.
      const call = subjectNode(f.subject, c, env, CALLS);
      const fn = enclosingFunction(env.index, c.start, c.end);
      const got = call && fn ? wideAsk<boolean | undefined>(env.wide, facts, 'replay', [fn, call]) : undefined;
      return got !== undefined && got === f.replayProtected;
    }
    case 'value': {
      // Values flow through state variables' initial values (the file's base: any change re-matches every unit) and
      // the return values of the functions the unit names (re-matched when one of them changes): not wide.
      const node = subjectNode(f.subject, c, env);
      if (!node) return false;
      if (f.from) {
        const o = facts.origins(node);
        if (!o || ![...f.from].some((s) => o.sources.has(s))) return false;
        if (f.hashed === true && !o.hashedBlock) return false;
        if (f.hashed === false && !o.plainBlock) return false;
      }
      if (f.usedAs) {
        const fn = enclosingFunction(env.index, c.start, c.end);
        if (!fn || !facts.usedAs(node, fn, f.usedAs, f.component)) return false;
      }
      return true;
    }
  }
}

function callHolds(m: MessageCall, f: CallFacts): boolean {
  if (f.sendsValue !== undefined && (m.value === 'yes') !== f.sendsValue) return false;
  if (f.gasStipend !== undefined && (m.kind === 'send' || m.kind === 'transfer') !== f.gasStipend) return false;
  if (f.delegate !== undefined && m.delegate !== f.delegate) return false;
  if (f.static !== undefined && m.static !== f.static) return false;
  if (f.token !== undefined && m.token !== f.token) return false;
  if (f.lowLevel !== undefined && (m.kind === 'low-level' && m.own === true) !== f.lowLevel) return false;
  if (f.payment !== undefined && (m.payment === true) !== f.payment) return false;
  return true;
}

/** The semantic facts of a `function` filter, on the function (or modifier) enclosing the match. */
export function functionFactsHold(f: FunctionFactFilter, fn: Node, c: Match, env: SemanticEnv): boolean {
  // Answered from the text where it can be, without building the model (scan-semantic-text.ts).
  if (f.writesNumberedSlot === true && !mayWriteNumberedSlot(fn, env.index.text)) return false;
  const facts = env.facts();
  if (!facts) return false;
  const ff = facts.fn;
  // Cheapest first: facts of this function alone, then those that look at every function of the contract.
  const checks: Array<[boolean | undefined, () => boolean | undefined]> = [
    [f.reentrancyLocked, () => ff.reentrancyLocked(fn)],
    [f.writesState, () => ff.writesState(fn)],
    [f.transfersValue, () => ff.transfersValue(fn)],
    [f.callsExternal, () => ff.callsExternal(fn)],
    [f.senderGuarded, () => ff.senderGuarded(fn, c.start, c.end, subjectNode({ kind: 'match' }, c, env))],
    [f.initializer, () => ff.initializer(fn, c.start, c.end)],
    [f.reachableExternally, () => wideAsk<boolean | undefined>(env.wide, facts, 'reachable', [fn])],
    // What the function and the functions it names do: re-matched when one of those changes.
    [f.consultsCaller, () => ff.consultsCaller(fn)],
    [f.writesNumberedSlot, () => ff.writesNumberedSlot(fn)],
    // Whether a payable batch of the contract or a base runs the function: re-matched when any function changed.
    [f.payableBatch, () => wideAsk<boolean | undefined>(env.wide, facts, 'batch', [fn])],
    // Whether a loop runs the match, also from the callers of its function: re-matched when any function changed.
    [
      f.inLoop,
      () => {
        const node = subjectNode({ kind: 'match' }, c, env);
        return node && wideAsk<boolean | undefined>(env.wide, facts, 'loop', [fn, node]);
      },
    ],
    // Facts about the whole contract (who may set a guard's state, which values state can reach): a unit asking
    // them is matched again whenever any function or modifier changed.
    [f.guardTakeover, () => wideAsk<boolean | undefined>(env.wide, facts, 'takeover', [fn])],
    [f.peersGuarded, () => wideAsk<boolean | undefined>(env.wide, facts, 'peers', [fn])],
    [
      f.feasible,
      () => {
        const node = subjectNode({ kind: 'match' }, c, env);
        return node && wideAsk<boolean | undefined>(env.wide, facts, 'feasible', [fn, node]);
      },
    ],
  ];
  for (const [want, ask] of checks) {
    if (want === undefined) continue;
    const got = ask();
    if (got === undefined || got !== want) return false;
  }
  return true;
}

/**
 * The candidates kept by `followed-by`: some path of the enclosing function's graph after the candidate reaches
 * the target. A node target's bindings must agree with the candidate's, and extend them.
 */
export function followedBy(target: CompiledFollowedBy, cands: Match[], env: SemanticEnv, matchesOf: (node: CompiledNode) => Match[]): Match[] {
  const out: Match[] = [];
  const facts = cands.length ? env.facts() : undefined;
  if (!facts) return out;
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i];
    const fn = enclosingFunction(env.index, c.start, c.end);
    const node = fn && subjectNode({ kind: 'match' }, c, env);
    if (!fn || !node) continue;
    if (target.kind === 'state-write') {
      if (facts.fn.followedByWrite(fn, node, target.readBefore)) out.push(c);
      continue;
    }
    for (const m of matchesOf(target.node)) {
      const b = merge(c.b, m.b);
      if (!b || !facts.fn.runsAfter(fn, node, m.start, m.end)) continue;
      out.push({ start: c.start, end: c.end, b, node: c.node });
      break;
    }
  }
  return out;
}

/**
 * The node a filter is about: a metavariable's (the node it is bound to), or the match's: the node spanning
 * exactly the match (of one of `types` when given), else the outermost one starting there.
 */
function subjectNode(s: CompiledSubject, c: Match, env: SemanticEnv, types?: string[]): Node | undefined {
  let start = c.start;
  let end = c.end;
  if (s.kind === 'match' && c.node) {
    const hit = !types || types.includes(c.node.type) ? c.node : firstOf(c.node, types);
    if (hit) return hit;
  }
  if (s.kind === 'metavariable') {
    const bound = c.b[s.name];
    if (!bound) return undefined;
    if (bound.node && (!types || types.includes(bound.node.type))) return bound.node;
    start = bound.start;
    end = bound.end;
  }
  const at = startsOf(env.index.deep()).get(start);
  if (!at) return undefined;
  // The exact nodes in order: the first of the kind, else (a statement match, `x.call(..);`) its expression, or
  // the first of the kind inside. Indexed loops: this runs for every candidate, mostly before V8 optimises it.
  for (let i = 0; i < at.length; i++) {
    const n = at[i];
    if (n.range && n.range[1] + 1 === end && (!types || types.includes(n.type))) return n;
  }
  for (let i = 0; i < at.length; i++) {
    const n = at[i];
    if (!n.range || n.range[1] + 1 !== end) continue;
    const inner = firstOf(n, types);
    if (inner) return inner;
  }
  let best: Node | undefined;
  for (let i = 0; i < at.length; i++) {
    const n = at[i];
    if (n.range && n.range[1] + 1 <= end && (!types || types.includes(n.type)) && (!best || n.range[1] > best.range![1])) best = n;
  }
  return best;
}

/** Where a statement or declaration holds the expression `firstOf` looks into. */
const INNER_FIELDS = ['expression', 'initialValue', 'condition'];

function firstOf(n: Node, types: string[] | undefined): Node | undefined {
  if (!types) return n;
  if (types.includes(n.type)) return n;
  for (let i = 0; i < INNER_FIELDS.length; i++) {
    const v = n[INNER_FIELDS[i]];
    if (isNode(v)) {
      const hit = firstOf(v, types);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Whether `used` asks about a parameter or local of the function holding the candidate: nothing outside the
 * function can name it, so its unit alone answers (else the answer reads the whole file: the unit is wide).
 */
function usedWithinUnit(node: Node | undefined, c: Match, env: SemanticEnv, facts: FileFacts): boolean {
  const fn = enclosingFunction(env.index, c.start, c.end);
  let d: ReturnType<FileFacts['rootDeclaration']>;
  try {
    d = fn?.range && node ? facts.rootDeclaration(node) : undefined;
  } catch {
    return false;
  }
  const r = d && d.kind !== 'builtin' && d.file === facts.path ? d.node.range : undefined;
  return !!r && fn!.range![0] <= r[0] && r[1] <= fn!.range![1];
}

const LOCAL_KINDS = ['local', 'parameter', 'return-variable'];

function hasLocalKind(kinds: ReadonlySet<string>): boolean {
  for (let i = 0; i < LOCAL_KINDS.length; i++) if (kinds.has(LOCAL_KINDS[i])) return true;
  return false;
}

/**
 * Whether the root name of an access path (`x`, `x[i]`, `x.f`) is a parameter or return variable of `fn`, or a
 * local declared before it in a block that holds it: such a name shadows any state variable.
 */
function declaredInFunction(fn: Node, node: Node): boolean {
  let root = node;
  while ((root.type === 'IndexAccess' && isNode(root.base)) || (root.type === 'MemberAccess' && isNode(root.expression))) {
    root = (root.type === 'IndexAccess' ? root.base : root.expression) as Node;
  }
  if (root.type !== 'Identifier' || !root.range) return false;
  const name = root.name;
  const at = root.range[0];
  const named = (list: unknown) => Array.isArray(list) && list.some((p) => isNode(p) && p.name === name);
  if (named(fn.parameters) || named(fn.returnParameters)) return true;
  let found = false;
  const visit = (block: Node) => {
    if (found || !block.range || block.range[0] > at || block.range[1] < at) return;
    for (const st of Array.isArray(block.statements) ? (block.statements as Node[]) : []) {
      if (!isNode(st) || !st.range) continue;
      if (st.range[0] > at) break;
      if (st.type === 'VariableDeclarationStatement' && st.range[1] < at && named(st.variables)) found = true;
      walkBlocks(st, visit);
    }
  };
  if (isNode(fn.body)) visit(fn.body);
  return found;
}

const NESTED_FIELDS = ['trueBody', 'falseBody', 'body', 'block'];

/** The blocks directly inside a statement (if/else bodies, loop bodies, unchecked, try/catch), not deeper. */
function walkBlocks(st: Node, visit: (b: Node) => void): void {
  for (let i = 0; i < NESTED_FIELDS.length; i++) {
    const key = NESTED_FIELDS[i];
    const v = st[key];
    if (isNode(v) && v.type === 'Block') visit(v);
    else if (isNode(v) && v.type !== 'Block' && key !== 'block') walkBlocks(v, visit);
  }
  if (st.type === 'Block') visit(st);
  if (Array.isArray(st.catchClauses)) for (const cc of st.catchClauses as Node[]) if (isNode(cc) && isNode(cc.body)) visit(cc.body);
}

/** The innermost function or modifier holding [start, end). */
export function enclosingFunction(index: FileIndex, start: number, end: number): Node | undefined {
  return innermost(index.functions, start, end);
}
