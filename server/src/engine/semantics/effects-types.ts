// The shape of a function's effects (effects.ts): plain data tied to AST and graph nodes, and the storage places
// they touch, named by keys that survive edits elsewhere.
import type { Cfg, CfgNode, CfgOptions, Node } from './cfg-types';
import type { ExternalCall } from './effects-calls';
import type { ContractSymbol, FunctionSymbol, VariableSymbol } from './symbols';

export type { ExternalCall, ExternalCallKind, ValueFlow } from './effects-calls';

export type WriteHow = 'assign' | 'compound' | 'increment' | 'delete' | 'push' | 'pop' | 'assembly';

/** A place in storage, named so that it survives edits elsewhere (no node identities). */
export interface StateRef {
  /**
   * `Contract.variable` for a state variable; `struct:Lib.S` for storage reached through a pointer of
   * unknown origin (namespaced storage `$._x`); `param:i` for a storage-pointer parameter of the function;
   * `storage:?` / `transient:?` for an assembly slot the model cannot name.
   */
  key: string;
  variable?: VariableSymbol;
  /** Fields and indexes below the root: `[].amount`. */
  path: string;
  transient: boolean;
  /** How the place was reached, when not by naming the variable. */
  through?: 'pointer' | 'parameter' | 'assembly';
  /** For `param:i`: the parameter's position. */
  param?: number;
}

export type EffectKind = 'read' | 'write' | 'call' | 'internal' | 'event' | 'revert' | 'selfdestruct' | 'opaque';

export interface Effect {
  kind: EffectKind;
  /** The expression or statement that has the effect. */
  ast: Node;
  /** The graph node that evaluates it. */
  node: CfgNode;
  /** read/write: where. */
  state?: StateRef;
  /** write: how. */
  how?: WriteHow;
  /** call: the message call. */
  call?: ExternalCall;
  /** internal: the function called, as the model resolved it (before virtual dispatch), and its arguments. */
  callee?: FunctionSymbol;
  args?: Node[];
  /** internal: for each argument that is a storage reference, where it points (binds `param:i` in the callee). */
  argRefs?: (StateRef | undefined)[];
  /** event: its name (`?` for assembly `log`). */
  event?: string;
  /** revert: only when a condition fails (`require`, `assert`). */
  conditional?: boolean;
  /** opaque: what could not be seen (a modifier, a function value, an unresolved name). */
  name?: string;
}

export interface FunctionEffects {
  /** The FunctionDefinition or ModifierDefinition. */
  fn: Node;
  cfg: Cfg;
  effects: Effect[];
  /** 'always': no path returns normally; 'may': some path reverts; 'never': none does. */
  reverts: 'always' | 'may' | 'never';
}

export interface EffectsOptions {
  /** The most derived contract: modifiers are looked up in it (a derived override wins). */
  context?: ContractSymbol;
  /** A call that never returns (see summaries: helpers that always revert). */
  alwaysReverts?: (call: Node) => boolean;
  /** Further CFG options (a checking-helper test, a node budget). */
  cfg?: CfgOptions;
}

/** Effects that change the world: state writes, message calls, selfdestruct, and unknown code. */
export function isWorldChanging(e: Effect): boolean {
  return e.kind === 'write' || (e.kind === 'call' && !e.call?.static) || e.kind === 'selfdestruct';
}
