// Local effects of library and free functions, computed once per project and generation instead of once per
// contract that reaches them (ContractSummaries.localOf). A cold scan of OpenZeppelin, Aave and Uniswap analysed
// 408 library functions 1,547 times.
//
// A function's local effects are the same in every contract when nothing in computing them looked at the contract
// or at the call stack: no call dispatched through the contract's linearization, no callee taken to return because
// it was on the stack (recursion), and every callee's own local effects such too ("pure"). Only those are shared;
// anything else is computed per contract, as before.
import type { Node } from './cfg-types';
import type { SemanticProject } from './project';
import type { Local } from './summaries-facts';
import type { FunctionSymbol } from './symbols';

/** What a contract needs to take a pure local over: the local, and the callees it names (their entries). */
export interface SharedLocal {
  local: Local;
  callees: FunctionSymbol[];
}

/** What one computation of a local looked at: whether it stayed pure, and the callees it named. */
export interface LocalTrace {
  pure: boolean;
  callees: FunctionSymbol[];
}

/** Locals computed without looking at a contract or the stack (in any project). */
const pureLocals = new WeakSet<Local>();

export function isPure(local: Local): boolean {
  return pureLocals.has(local);
}

export function markPure(local: Local): void {
  pureLocals.add(local);
}

/** A library's or free function's local reads no contract's context (a library's own summaries excepted). */
export function shareable(fn: FunctionSymbol, own: boolean): boolean {
  return !own && (!fn.contract || fn.contract.contractKind === 'library');
}

const byProject = new WeakMap<SemanticProject, { generation: number; locals: WeakMap<Node, SharedLocal> }>();

/** The project's shared locals of its current generation (an edit drops them all). */
export function sharedLocals(project: SemanticProject): WeakMap<Node, SharedLocal> {
  const generation = project.generation();
  let known = byProject.get(project);
  if (!known || known.generation !== generation) byProject.set(project, (known = { generation, locals: new WeakMap() }));
  return known.locals;
}
