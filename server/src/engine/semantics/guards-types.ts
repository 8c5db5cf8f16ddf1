// The shape of guard answers (guards.ts) and what the per-function queries (guards-query.ts) need from them.
import type { Cfg, CfgNode, Node } from './cfg-types';
import type { ReachingDefinitions } from './dataflow-defs';
import type { Effect } from './effects';
import type { Summary } from './summaries';
import type { FunctionSymbol } from './symbols';

export type GuardKind = 'sender' | 'role' | 'tx-origin';

export interface GuardSite {
  /** The condition or call node that checks. */
  node: CfgNode;
  /** The tested expression, or the call of a guarding function. */
  ast: Node;
  kind: GuardKind;
  how: 'condition' | 'call';
  /** Recognised by the called function's name only (it could not be resolved). */
  byName?: boolean;
}

export interface GuardedEffect {
  effect: Effect;
  /** The kind of check on every path to it; null when some path has none. */
  guard: GuardKind | null;
}

export interface GuardReport {
  /** The kind that guards every effect (strongest first); 'none' when some effect is unguarded. */
  kind: GuardKind | 'none';
  /** Checks found in the function's graph, whether or not they guard everything. */
  sites: GuardSite[];
  /** Effects that change the world (writes, message calls, selfdestruct, internal calls that do those). */
  effects: GuardedEffect[];
  /** The kind of check every normal completion passed (for functions without effects). */
  exit: GuardKind | null;
}

/** What callers need to know about a function to count a call of it as a check. */
export interface GuardFacts {
  /** It returns only when the sender passed a check of this kind (`_checkOwner()`). */
  returnsOnlyIf: GuardKind | null;
  /** It returns only when parameter `i` passed a check (`_checkRole(role, account)`). */
  params: Map<number, GuardKind>;
  /** It returns a check as a bool: of the sender (`isOwner()`) or of parameter `subject` (`hasRole(r, a)`). */
  predicate: { subject: 'sender' | number; kind: GuardKind } | null;
  /** Every value it returns is read from storage (`owner()`). */
  returnsState: boolean;
  /** It returns the sender (`_msgSender()`). */
  returnsSender: boolean;
  /** Each of its own effects is guarded inside it. */
  effectsGuarded: GuardKind | null;
}

export type Subject = { kind: 'sender' } | { kind: 'origin' } | { kind: 'param'; index: number; decl: Node };

/** What a query asks of the contract-wide guard analysis: callees' facts and summaries, a graph's definitions. */
export interface GuardContext {
  calleeFacts(call: Node): { facts: GuardFacts; callee: FunctionSymbol } | undefined;
  summaryOfCall(call: Node): Summary | undefined;
  definitions(cfg: Cfg): ReachingDefinitions;
}
