// One match's fix: its preconditions checked on the code (fix-requires.ts), then its edits rendered (edits.ts).
// A fix whose precondition fails is not offered; one whose precondition could not be established is offered
// for review only, whatever kind its pack gives it.
import type * as semver from 'semver';
import { renderFix, type FixContext, type FixPlaces } from './edits';
import type { FixDefinition } from './finding';
import { ancestorsOf, componentName, enclosingContract, enclosingFunction, modifierPlace, parameterPlace } from './fix-ast';
import { resolveNeeds } from './fix-needs';
import { checkRequirements, statementOf, type RequireContext } from './fix-requires';
import type { ParsedSource } from './parse';
import type { Node } from './pattern/ast';
import type { SemanticModel } from './semantics';
import type { Fix } from './types';

export interface BuildContext extends FixContext {
  parsed: ParsedSource;
  pragma: semver.Range | null;
  /** The scan's semantic model of the file (it reads imports when the scan was given a project). */
  model?: () => SemanticModel | undefined;
}

export function buildFix(def: FixDefinition, given: BuildContext): Fix | undefined {
  const cx = withFixBindings(def, given);
  if (!cx) return undefined;
  const rq: RequireContext = { parsed: cx.parsed, pragma: cx.pragma, match: cx.match, focus: cx.focus, bindings: cx.bindings, model: cx.model };
  const verdict = checkRequirements(def.requires, rq);
  if (verdict.offer === 'no') return undefined;
  const wantsStatement = def.requires?.some((r) => 'statement-context' in r) ?? false;
  const statement = wantsStatement ? statementOf(rq) : undefined;
  if (wantsStatement && !statement) return undefined;
  const places = placesOf(def, cx);
  if (!places) return undefined;
  const needs = resolveNeeds(def.needs, cx);
  if (needs.offer === 'no') return undefined;
  const rendered = renderFix(def, cx, statement, places);
  if (!rendered) return undefined;
  // The edits that bring in what the fix uses (imports, `using`, a base) go with it; the preview stays on the change.
  const fix = needs.edits.length
    ? { ...rendered, edits: [...needs.edits, ...rendered.edits], preview: `${rendered.preview} (adds ${needs.added.map((a) => `\`${a}\``).join(', ')})` }
    : rendered;
  const reasons = [verdict.offer === 'review' ? verdict.reason : undefined, needs.review].filter((r): r is string => !!r);
  if (!reasons.length) return fix;
  return { ...fix, reviewReason: reasons.join('; '), ...(fix.kind === 'safe' ? { kind: 'review', safe: false } : {}) };
}

/** The context with the names `fix.bind` asks for added to the match's bindings; undefined when one has none here. */
function withFixBindings(def: FixDefinition, cx: BuildContext): BuildContext | undefined {
  const binds = Object.entries(def.bind ?? {});
  if (!binds.length) return cx;
  const root = cx.parsed.ast as unknown as Node | null;
  if (!root) return undefined;
  const chain = ancestorsOf(root, cx.match);
  const bindings = { ...cx.bindings };
  for (const [name, b] of binds) {
    const span = componentName(chain, cx.match, b.component);
    if (!span) return undefined;
    bindings[name] = span;
  }
  return { ...cx, bindings };
}

/** Where the AST-placed edits of a fix go; undefined when one has no place here (the fix is not offered). */
function placesOf(def: FixDefinition, cx: BuildContext): FixPlaces | undefined {
  const places: FixPlaces = {};
  const root = cx.parsed.ast as unknown as Node | null;
  const chain = () => (root ? ancestorsOf(root, cx.match) : []);
  for (const e of def.edits) {
    if ('add-modifier' in e) {
      const place = modifierPlace(chain(), cx.text, e['add-modifier']);
      if ('no' in place) return undefined;
      places.modifierAt = place.at;
    } else if ('add-parameter' in e) {
      const place = parameterPlace(chain(), cx.text);
      if ('no' in place) return undefined;
      places.parameterAt = place.at;
      places.parameterFirst = place.first;
    } else if ('append-to' in e) {
      const holder = e['append-to'] === 'contract' ? enclosingContract(chain()) : enclosingFunction(chain());
      const body = e['append-to'] === 'contract' ? holder : (holder?.body as Node | null | undefined);
      const end = (body?.range as [number, number] | undefined)?.[1];
      if (end === undefined || cx.text[end] !== '}') return undefined;
      if (e['append-to'] === 'contract') places.contractEnd = end;
      else places.functionEnd = end;
    }
  }
  return places;
}
