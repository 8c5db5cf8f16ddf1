// What the parts of the matcher's entry point (facts.ts, facts-functions.ts, facts-sender.ts) know of each other,
// as interfaces, so that none imports another in a cycle.
import type { Node } from './cfg-types';
import type { Effect, FunctionEffects } from './effects';
import type { SemanticModel } from './model';
import type { SummaryIndex } from './summaries';
import type { ContractSymbol, FunctionSymbol } from './symbols';

/**
 * What one function contributes to a fact about its whole contract (the privileged state its checks read), kept
 * across scans of an open document by whoever knows when it can have changed (the matcher's unit memory,
 * scan-semantic-units.ts). `kind` names the fact.
 */
export interface FunctionFactCache {
  get(kind: string, contract: ContractSymbol, fn: FunctionSymbol): unknown;
  set(kind: string, contract: ContractSymbol, fn: FunctionSymbol, value: unknown): void;
}

/** The file's side (facts.ts): its model, summaries and symbols. */
export interface FileQueries {
  readonly path: string;
  /** Per-function parts of whole-contract facts, kept from earlier scans (absent: computed every time). */
  readonly functionCache?: FunctionFactCache;
  readonly model: SemanticModel;
  readonly summaryIndex: SummaryIndex;
  functionSymbol(fnNode: Node): FunctionSymbol | undefined;
  contractOf(node: Node): ContractSymbol | undefined;
}

/** An internal call of a function, from a caller in the file. */
export interface CallSite {
  caller: FunctionSymbol;
  call: Effect;
  analysis: FunctionEffects;
  /** No sender check guards the call. */
  unguarded: boolean;
}

/** The function side (facts-functions.ts), as "the sender's own entry" (facts-sender.ts) needs it. */
export interface FunctionQueries {
  analysis(fnNode: Node): FunctionEffects | undefined;
  symbolOf(fnNode: Node): FunctionSymbol | undefined;
  callSites(fn: FunctionSymbol): CallSite[];
}
