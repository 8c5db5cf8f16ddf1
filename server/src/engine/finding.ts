// A finding as written in a pack (plain data, already validated against pack.schema.json),
// and the compiled form the matcher runs. See docs/pack-format.md for the meaning of every field.
import type { Confidence, Reference, Severity } from './types';

export type MatchNode = PatternNode | AnyNode | AllNode;
export interface PatternNode { pattern: string }
export interface AnyNode { any: MatchNode[] }
export interface AllNode { all: AllItem[] }
export type AllItem =
  | MatchNode
  | { not: MatchNode }
  | { inside: MatchNode }
  | { 'not-inside': MatchNode }
  | { where: Filter[] };

export type Filter =
  | { metavariable: string; regex: string }
  | { metavariable: string; comparison: string }
  | { function: FunctionFilter }
  | { contract: ContractFilter }
  | { solidity: string };

export interface FunctionFilter {
  visibility?: Array<'public' | 'external' | 'internal' | 'private'>;
  mutability?: Array<'pure' | 'view' | 'payable' | 'nonpayable'>;
  kind?: Array<'function' | 'constructor' | 'modifier' | 'fallback' | 'receive'>;
  'name-regex'?: string;
  'has-modifier'?: string[];
  'lacks-modifier'?: string[];
}

export interface ContractFilter {
  kind?: Array<'contract' | 'abstract' | 'library' | 'interface'>;
  inherits?: string[];
  'not-inherits'?: string[];
  'name-regex'?: string;
}

export type EditTarget = string; // 'match' | 'focus' | '$X'
export type FixEditDefinition =
  | { replace?: EditTarget; with: string }
  | { 'insert-before': EditTarget; text: string }
  | { 'insert-after': EditTarget; text: string }
  | { 'insert-line-before': EditTarget; text: string }
  | { 'insert-line-after': EditTarget; text: string };

export interface FixDefinition {
  title: string;
  safe?: boolean;
  edits: FixEditDefinition[];
}

export interface FindingDefinition {
  id: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  category: string;
  description: string;
  recommendation: string;
  references: Reference[];
  match: MatchNode;
  focus?: string;
  fix?: FixDefinition;
  /** Relative to the pack folder; default tests/<id>.sol */
  tests?: string;
}

export interface PackInfo {
  name: string;
  version: string;
  description?: string;
  /** Absolute folder of the pack, or '' for packs built in memory. */
  dir: string;
  /** Absolute path of pack.yaml / pack.json. */
  file: string;
}

/** A finding ready to run. `compiled` is opaque outside the engine. */
export interface Finding extends FindingDefinition {
  pack: PackInfo;
  compiled: unknown;
}

/**
 * Raised by compileFinding. `path` locates the offending value inside the finding definition
 * (e.g. ['match', 'all', 0, 'pattern']) so the pack loader can turn it into file:line:column;
 * `offset` is the UTF-16 offset inside that string value when the problem is inside a pattern.
 */
export class PatternError extends Error {
  constructor(message: string, readonly path: Array<string | number>, readonly offset?: number) {
    super(message);
    this.name = 'PatternError';
  }
}
