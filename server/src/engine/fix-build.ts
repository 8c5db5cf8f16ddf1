// One match's fix: its preconditions checked on the code (fix-requires.ts), then its edits rendered (edits.ts).
// A fix whose precondition fails is not offered; one whose precondition could not be established is offered
// for review only, whatever kind its pack gives it.
import type * as semver from 'semver';
import { renderFix, type FixContext } from './edits';
import type { FixDefinition } from './finding';
import { checkRequirements, statementOf, type RequireContext } from './fix-requires';
import type { ParsedSource } from './parse';
import type { SemanticModel } from './semantics';
import type { Fix } from './types';

export interface BuildContext extends FixContext {
  parsed: ParsedSource;
  pragma: semver.Range | null;
  /** The scan's semantic model of the file (it reads imports when the scan was given a project). */
  model?: () => SemanticModel | undefined;
}

export function buildFix(def: FixDefinition, cx: BuildContext): Fix | undefined {
  const rq: RequireContext = { parsed: cx.parsed, pragma: cx.pragma, match: cx.match, focus: cx.focus, bindings: cx.bindings, model: cx.model };
  const verdict = checkRequirements(def.requires, rq);
  if (verdict.offer === 'no') return undefined;
  const wantsStatement = def.requires?.some((r) => 'statement-context' in r) ?? false;
  const statement = wantsStatement ? statementOf(rq) : undefined;
  if (wantsStatement && !statement) return undefined;
  const fix = renderFix(def, cx, statement);
  if (!fix || verdict.offer !== 'review') return fix;
  return { ...fix, reviewReason: verdict.reason, ...(fix.kind === 'safe' ? { kind: 'review', safe: false } : {}) };
}
