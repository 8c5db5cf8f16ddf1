// The engine's public contract. The CLI, the language server and the tests all speak these types;
// nothing outside server/src/engine depends on how matching is done.

import type { Range } from '../shared/types';

export { SEVERITIES, type Confidence, type Position, type Range, type Reference, type Severity } from '../shared/types';

/** One text edit of a fix, after metavariables were substituted. Offsets are UTF-16 code units into the file. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** Shown as the quick fix title. */
  title: string;
  /** `safe` fixes are "preferred" quick fixes and are applied by fix-all; `review` fixes are offered one at a time. */
  kind: 'safe' | 'review';
  /** `kind === 'safe'`, for readers of the older field. */
  safe: boolean;
  /** Why a fix its pack marks safe is offered for review here: a precondition that could not be established. */
  reviewReason?: string;
  /** The edit in short (`old` → `new`), so a review fix can be judged from its title. */
  preview: string;
  edits: TextEdit[];
}

export interface Binding {
  /** Source text of the bound code exactly as written. */
  text: string;
  range: Range;
}

/** One place where a finding matched. */
export interface Occurrence {
  findingId: string;
  /** Pack name the finding came from. */
  pack: string;
  /** The range reported to the user: the `focus` metavariable's code if the finding has one, else the whole match. */
  range: Range;
  /** The whole matched code (e.g. the function), for context. */
  matchRange: Range;
  /** Names of the enclosing contract and function (empty string when none). */
  contract: string;
  function: string;
  bindings: Record<string, Binding>;
  fix?: Fix;
  /**
   * Stable identity of this occurrence across unrelated edits: hash of finding id, contract, function and
   * the normalised matched code (never the line number), plus an index when the same code occurs twice.
   */
  fingerprint: string;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
}

export interface ScanResult {
  occurrences: Occurrence[];
  /** Parse errors. Non-empty does not mean no occurrences: parts that still parse are matched. */
  syntaxErrors: SyntaxProblem[];
  /**
   * Other files the result depends on: the imports the semantic model read (directly or not) when the scan was
   * given a project (`ScanOptions.semantic`), asked for them (`ScanOptions.dependencies`) and a semantic filter was
   * tried. A cache must check them too.
   */
  dependencies?: string[];
}
