// One report per cause. Findings of a pack overlap on purpose (a broad rule and a sharper one for the same
// mistake), and two findings of one category on exactly the same code are one problem told twice: an
// unprotected `initialize` that sets the owner is both "initializer callable by anyone" (HS-ACCESS-003) and "owner
// can be changed by anyone" (HS-ACCESS-007). The rule, applied by the CLI and the language server alike before
// suppression comments:
//
//   Occurrences in one file from the same pack, with the same category and the same reported range, are one
//   cause; only one of them is reported: the most severe, then the most confident, then the one with the
//   narrowest match (the most specific), then the first by id. Different categories on one range, different
//   ranges, or different packs are different causes and are all reported (a team pack that repeats a built-in
//   finding says something of its own; hiding it would surprise its authors).
import { SEVERITIES, type Confidence, type Finding, type Occurrence } from '../engine';

const CONFIDENCE_ORDER: readonly Confidence[] = ['high', 'medium', 'low'];

export function onePerCause(occurrences: readonly Occurrence[], findingOf: (o: Occurrence) => Finding | undefined): Occurrence[] {
  if (occurrences.length < 2) return [...occurrences];
  const best = new Map<string, Occurrence>();
  for (const o of occurrences) {
    const f = findingOf(o);
    // An occurrence without a known finding cannot be ranked; it is its own cause.
    if (!f) continue;
    const key = `${o.pack}\u0000${f.category}\u0000${rangeKey(o.range)}`;
    const current = best.get(key);
    if (!current || outranks(o, f, current, findingOf(current)!)) best.set(key, o);
  }
  const kept = new Set(best.values());
  return occurrences.filter((o) => !findingOf(o) || kept.has(o));
}

function outranks(a: Occurrence, fa: Finding, b: Occurrence, fb: Finding): boolean {
  const order = [
    SEVERITIES.indexOf(fb.severity) - SEVERITIES.indexOf(fa.severity),
    CONFIDENCE_ORDER.indexOf(fb.confidence) - CONFIDENCE_ORDER.indexOf(fa.confidence),
    span(b) - span(a),
    -a.findingId.localeCompare(b.findingId),
  ];
  return (order.find((d) => d !== 0) ?? 0) > 0;
}

/** Size of the whole match, in (lines, characters) order: a smaller match is a more specific finding. */
function span(o: Occurrence): number {
  const r = o.matchRange;
  return (r.end.line - r.start.line) * 1_000_000 + (r.end.character - r.start.character);
}

function rangeKey(r: Occurrence['range']): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
