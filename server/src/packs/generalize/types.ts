// What generalising a selection gives back: shared by the modules that build it and by the callers.
import type { Range } from '../../engine';

export type GeneralizedKind = 'statements' | 'expression' | 'member' | 'state-variable';

export interface Metavariable {
  /** `$AMOUNT` */
  name: string;
  /** The code it replaced (first occurrence). */
  text: string;
  kind: 'identifier' | 'literal';
  occurrences: number;
}

export interface GeneralizedPattern {
  pattern: string;
  kind: GeneralizedKind;
  metavariables: Metavariable[];
  /** Names kept as written (anchors), for the UI ("keeps: call, msg.sender"). */
  kept: string[];
  /** The code the pattern was built from: the selection widened to whole statements / expression / member. */
  range: Range;
  /** The same code without generalisation (comments stripped), for reviewers who want an exact pattern. */
  exact: string;
  /** Enclosing contract and function ('' when none). */
  contract: string;
  function: string;
}

export type GeneralizeResult = GeneralizedPattern | { error: string };
