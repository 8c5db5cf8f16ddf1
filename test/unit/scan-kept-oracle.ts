// What an open document's scan must equal when it kept the last full scan for a member that stopped parsing
// (engine/scan-reuse.ts): that full scan's occurrences done from scratch, less those the member plays a part in,
// moved past the edit. Worked out here from the two texts and trees alone, apart from the engine's own bookkeeping.
import assert from 'node:assert/strict';
import type { Occurrence, Range, ScanResult } from '../../server/src/engine';
import type { ParsedSource } from '../../server/src/engine/parse';

interface Member {
  type: string;
  name?: string;
  range: [number, number];
}

/** Contract members and top-level definitions, in order. */
function membersOf(p: ParsedSource): Member[] {
  const out: Member[] = [];
  for (const c of (p.ast?.children ?? []) as unknown as Array<Member & { subNodes?: Member[] }>) {
    out.push(c);
    if (c.type === 'ContractDefinition') out.push(...(c.subNodes ?? []));
  }
  return out;
}

/** The text both share at the start and at the end: the edit is what lies between. */
function diff(a: string, b: string): { start: number; oldEnd: number; delta: number } {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { start: p, oldEnd: a.length - s, delta: b.length - a.length };
}

/**
 * The function or modifier of `good` that `now` lacks: it holds the whole edit, a syntax error starts in what
 * took its place, and every other member is there with the same text. Fails when there is no such member.
 */
export function brokenMember(good: ParsedSource, now: ParsedSource): [number, number] {
  const { start, oldEnd, delta } = diff(good.text, now.text);
  const before = membersOf(good);
  const after = membersOf(now);
  assert.equal(before.length, after.length + 1, 'one member less');
  const same = (a: Member, b: Member | undefined) =>
    !!b &&
    a.type === b.type &&
    // A contract holds the edit: its name and kind are what must not change (its members are compared one by one).
    (a.type === 'ContractDefinition'
      ? a.name === b.name && (a as { kind?: string }).kind === (b as { kind?: string }).kind
      : good.text.slice(a.range[0], a.range[1] + 1) === now.text.slice(b.range[0], b.range[1] + 1));
  const gone = before.findIndex((m, i) => !same(m, after[i]));
  const m = before[gone];
  assert.ok(m.type === 'FunctionDefinition' || m.type === 'ModifierDefinition', `a function or modifier, not ${m.type}`);
  assert.ok(m.range[0] <= start && oldEnd <= m.range[1] + 1, 'the edit lies inside it');
  for (let i = gone + 1; i < before.length; i++) assert.ok(same(before[i], after[i - 1]), 'the others are the same');
  const end = m.range[1] + 1 + delta;
  assert.ok(
    now.syntaxErrors.some((e) => {
      const at = now.lines.offset(e.range.start);
      return m.range[0] <= at && at < end;
    }),
    'it does not parse',
  );
  return [m.range[0], m.range[1] + 1];
}

/** A range of `good` where it lies in `now`: a start at the edit's end (or an insertion) moves, an end there stays. */
function mover(good: ParsedSource, now: ParsedSource): (r: Range) => Range {
  const { start, oldEnd, delta } = diff(good.text, now.text);
  const at = (p: Range['start'], end: boolean) => {
    const o = good.lines.offset(p);
    const moved = end ? (o <= start ? o : o + delta) : o >= oldEnd ? o + delta : o;
    return now.lines.position(moved);
  };
  return (r) => ({ start: at(r.start, false), end: at(r.end, true) });
}

/** `result` (a scan of `now` that kept the scan of `good`) against `whole`, a fresh whole-file scan of `good`. */
export function assertKept(result: ScanResult, good: ParsedSource, now: ParsedSource, whole: ScanResult): void {
  const [ms, me] = brokenMember(good, now);
  const move = mover(good, now);
  const offsets = (r: Range) => [good.lines.offset(r.start), good.lines.offset(r.end)];
  const apart = (r: Range) => {
    const [s, e] = offsets(r);
    return e <= ms || s >= me;
  };
  const around = (r: Range) => {
    const [s, e] = offsets(r);
    return s < ms && e > me;
  };
  const kept: Occurrence[] = [];
  for (const o of whole.occurrences) {
    if (!apart(o.range) || !(apart(o.matchRange) || around(o.matchRange)) || Object.values(o.bindings).some((b) => !apart(b.range))) continue;
    const bindings: Occurrence['bindings'] = {};
    for (const [k, b] of Object.entries(o.bindings)) bindings[k] = { ...b, range: move(b.range) };
    const moved: Occurrence = { ...o, range: move(o.range), matchRange: move(o.matchRange), bindings };
    if (o.fix) moved.fix = { ...o.fix, edits: o.fix.edits.map((e) => ({ ...e, range: move(e.range) })) };
    kept.push(moved);
  }
  assert.deepEqual(result.occurrences, kept);
  assert.deepEqual(result.syntaxErrors, now.syntaxErrors);
}

/**
 * `result` (a scan of `now` that kept the scan of `good` while a name was typed in one member) against `whole`, a
 * fresh whole-file scan of `good`: every occurrence of it, the member's own too, at its place moved past the edit,
 * but those about the text typed. Only where they are: messages, fingerprints and fixes are built again from the
 * new text.
 */
export function assertTyping(result: ScanResult, good: ParsedSource, now: ParsedSource, whole: ScanResult): void {
  const { start, oldEnd } = diff(good.text, now.text);
  const move = mover(good, now);
  const where = (o: Occurrence, m: (r: Range) => Range) => ({
    findingId: o.findingId,
    range: m(o.range),
    matchRange: m(o.matchRange),
    bindings: Object.fromEntries(Object.entries(o.bindings).map(([k, b]) => [k, m(b.range)])),
  });
  const same = (r: Range) => r;
  // Left out: those with a span that meets the edit or ends right at it, without holding it all.
  const touches = (r: Range) => {
    const [s, e] = [good.lines.offset(r.start), good.lines.offset(r.end)];
    return !(e < start || s > oldEnd) && !(s < start && e > oldEnd);
  };
  const about = (o: Occurrence) => touches(o.range) || touches(o.matchRange) || Object.values(o.bindings).some((b) => touches(b.range));
  assert.deepEqual(
    result.occurrences.map((o) => where(o, same)),
    whole.occurrences.filter((o) => !about(o)).map((o) => where(o, move)),
  );
  assert.deepEqual(result.syntaxErrors, now.syntaxErrors);
}
