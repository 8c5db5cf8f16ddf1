// A finding as written in a pack (plain data, already validated against pack.schema.json),
// and the compiled form the matcher runs. See docs/pack-format.md for the meaning of every field.
import type { FindingText } from '../shared/types';
import type { Reference } from './types';

export type MatchNode = PatternNode | AnyNode | AllNode;
export interface PatternNode {
  pattern: string;
}
export interface AnyNode {
  any: MatchNode[];
}
export interface AllNode {
  all: AllItem[];
}
export type AllItem =
  | MatchNode
  | { not: MatchNode }
  | { inside: MatchNode }
  | { 'not-inside': MatchNode }
  | { where: Filter[] }
  | { 'followed-by': FollowedBy };

/**
 * What must come after the candidate on some path of its function's control-flow graph (semantics/facts.ts):
 * code matching a node, or a write to state (any, or only state the function read before the candidate).
 */
export type FollowedBy = MatchNode | { 'state-write': 'any' | 'read-before' };

export type Filter =
  | { metavariable: string; regex: string }
  /** The regex against the matched code's own text, comments and string contents included. */
  | { text: 'match'; regex: string }
  | { metavariable: string; comparison: string }
  | MetavariableFacts
  | { function: FunctionFilter }
  | { contract: ContractFilter }
  | { project: ProjectFilter }
  | { solidity: string }
  | { pragma: 'missing' | 'locked' | 'floating' }
  | ResultFilter
  | ArithmeticFilter
  | CallFilter
  | ValueFilter
  | SignatureFilter;

/** The subject of a semantic filter: a metavariable, or `match` (the matched code itself). */
export type Subject = string;

/** What a metavariable's code is, as the semantic model resolves it (docs/pack-format.md, "Semantic filters"). */
export interface MetavariableFacts {
  metavariable: string;
  kind?: string[];
  type?: string[];
  privileged?: boolean;
  'shadows-state'?: boolean;
  'default-visibility'?: boolean;
  used?: boolean;
  'order-dependent-inheritance'?: boolean;
  growable?: boolean;
  'set-by-guarded'?: boolean;
}

/** Whether a signature check can be replayed: its digest takes no nonce the function consumes, nothing marks it used. */
export interface SignatureFilter {
  signature: Subject;
  'replay-protected': boolean;
}

/** Whether the value a call returns is tested (a condition, require, return, checking helper) on every use. */
export interface ResultFilter {
  result: Subject;
  checked: boolean;
}

/** Whether an arithmetic operation reverts on overflow (0.8+ outside `unchecked`, or SafeMath). */
export interface ArithmeticFilter {
  arithmetic: Subject;
  checked?: boolean;
  /** An operand comes from the caller (a parameter, through locals). */
  'user-controlled'?: boolean;
  /** A comparison before it, or of its result after it, rules the wrap out. */
  bounded?: boolean;
  /** Its result is written to state. */
  stored?: boolean;
  /** A multiplication of a quotient, directly or through a local. */
  'divides-first'?: boolean;
}

/**
 * Where a value comes from (`from`: block values, tx.gasprice, an account's balance, the literal 0) and where it
 * goes (`used-as`), through locals, state initial values and internal functions' returns.
 */
export interface ValueFilter {
  value: Subject;
  from?: string[];
  hashed?: boolean;
  'used-as'?: string[];
  component?: number;
}

/** A message call the call makes, directly or through the internal function it calls. */
export interface CallFilter {
  call: Subject;
  'sends-value'?: boolean;
  'gas-stipend'?: boolean;
  delegate?: boolean;
  static?: boolean;
  token?: boolean;
  'low-level'?: boolean;
  payment?: boolean;
}

export interface FunctionFilter {
  visibility?: Array<'public' | 'external' | 'internal' | 'private'>;
  mutability?: Array<'pure' | 'view' | 'payable' | 'nonpayable'>;
  kind?: Array<'function' | 'constructor' | 'modifier' | 'fallback' | 'receive'>;
  'name-regex'?: string;
  'has-modifier'?: string[];
  'lacks-modifier'?: string[];
  // Semantic facts (semantics/facts.ts), through modifiers and internal calls.
  'sender-guarded'?: boolean;
  'reentrancy-locked'?: boolean;
  'writes-state'?: boolean;
  'transfers-value'?: boolean;
  'calls-external'?: boolean;
  'reachable-externally'?: boolean;
  initializer?: boolean;
  feasible?: boolean;
  'guard-takeover'?: boolean;
  'consults-caller'?: boolean;
  'writes-numbered-slot'?: boolean;
  'in-loop'?: boolean;
  'payable-batch'?: boolean;
  'peers-guarded'?: boolean;
}

/** What the project's build configuration says (foundry.toml, hardhat.config.*): see project-filter.ts. */
export interface ProjectFilter {
  'evm-version'?: string | string[];
  networks?: string[];
  solc?: string;
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
  | { 'insert-line-after': EditTarget; text: string }
  /** Adds a modifier (`nonReentrant`) to the function holding the match, before `returns` or its body. */
  | { 'add-modifier': string }
  /** Adds `text` as the last line of the body of the function (or contract) holding the match, indented as its members. */
  | { 'append-to': 'function' | 'contract'; text: string }
  /** Adds a parameter (`uint256 deadline`) at the end of the parameter list of the function holding the match. */
  | { 'add-parameter': string };

/**
 * `safe`: behaviour-preserving for every caller, applied without asking (fix-all, on save). `review`: changes
 * behaviour to remove the problem; offered one at a time with its edit shown, never applied by fix-all.
 */
export type FixKind = 'safe' | 'review';

/**
 * What must hold in the code for a fix to be offered (docs/pack-format.md, "Fix preconditions"). Each is checked
 * by the engine when it builds the fix (fix-requires.ts); a target is `match`, `focus` or a bound metavariable.
 */
export type FixRequirement =
  /** Every compiler the file's pragma allows is in this semver range (e.g. '>=0.6.0'). */
  | { pragma: string }
  /** The name at the target is the builtin, not a parameter, a variable or a function of the code's own. */
  | { builtin: EditTarget }
  /** The call at the target is a message call to another contract (what `try` needs). */
  | { 'external-call': EditTarget }
  /** Statements the fix adds stay in the target statement's context: braces where needed, never outside the function. */
  | { 'statement-context': 'block' }
  /** The function declared at (or enclosing) the target is not called from a constructor. */
  | { 'not-called-from-constructor': EditTarget }
  /** The ignored result of the call at the target is not ignored on purpose (a loop, or a payment to a third party). */
  | { 'result-not-ignored-on-purpose': EditTarget }
  /** Reverting is an acceptable outcome at the target: not in a loop, not in a function that reports failure as `false`. */
  | { 'may-revert': EditTarget }
  /** The expression at the target is not the caller (`msg.sender`, `_msgSender()`, and conversions of them). */
  | { 'not-caller': EditTarget }
  /** The value of the expression at the target is thrown away: it is the whole of an expression statement. */
  | { discarded: EditTarget }
  /** The contract at the target has `using <library> for ...` (the fix calls a function the library attaches). */
  | { using: string }
  /** The name is declared or imported in the file (the fix refers to it). */
  | { declared: string }
  /** The function holding the match declares no variable of this name (the fix declares it). */
  | { 'fresh-name': string }
  /** The product at the target is not multiplied further (`(a / b) * c * d`: moving one division is not enough). */
  | { 'outermost-product': EditTarget }
  /** The result of the call at the target is used (it is not a statement of its own, whose result is dropped). */
  | { 'result-used': EditTarget }
  /** The function at the target is not called by name anywhere in the file (one the code calls was likely meant as a helper). */
  | { 'not-called-internally': EditTarget }
  /** The literal at the target is an integer from 0 to 255: the literals a pre-0.5 `var` declares as uint8. */
  | { 'uint8-literal': EditTarget };

/**
 * Something a fix's edits use that the code may not have yet (docs/pack-format.md, "Fix needs"): the fix adds the
 * import (from where the project keeps OpenZeppelin), the `using … for` or the inheritance, or is not offered.
 */
export interface FixNeed {
  /** Ownable and Initializable are only checked (the contract must inherit them), never added. */
  openzeppelin: 'SafeERC20' | 'ReentrancyGuard' | 'Ownable' | 'Initializable';
  /** SafeERC20: the receiver the fix calls a SafeERC20 function on; it must be an IERC20. */
  for?: EditTarget;
}

export interface FixDefinition {
  title: string;
  /** Default `review`. */
  kind?: FixKind;
  /** @deprecated `safe: true` is `kind: safe`, `safe: false` is `kind: review`; `kind` wins when both are given. */
  safe?: boolean;
  requires?: FixRequirement[];
  needs?: FixNeed[];
  /**
   * Names the edits use that the pattern does not bind: `$ANSWER: { component: 1 }` is the variable the statement
   * holding the match declares or assigns for element 1 of the match's value (`(, int256 answer, , , ) = f();`).
   * The fix is not offered where there is no such name.
   */
  bind?: Record<string, FixBinding>;
  edits: FixEditDefinition[];
}

export interface FixBinding {
  /** Zero-based element of the tuple the match returns. */
  component: number;
}

/** The kind a pack gives a fix, reading the deprecated `safe` flag when there is no `kind`. */
export function fixKindOf(def: Pick<FixDefinition, 'kind' | 'safe'>): FixKind {
  if (def.kind === 'safe' || def.kind === 'review') return def.kind;
  return def.safe === true ? 'safe' : 'review';
}

export interface FindingDefinition extends FindingText {
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
  constructor(
    message: string,
    readonly path: Array<string | number>,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}
