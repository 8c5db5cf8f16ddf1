// A finding's matches in a file turned into what is reported: one occurrence per reported span, with the names of
// the enclosing contract and function, fixes and fingerprints.
import { compiledOf } from './compile';
import type { Span } from './edits';
import { buildFix } from './fix-build';
import type { Finding } from './finding';
import { fingerprint, normaliseCode } from './fingerprint';
import type { ParsedSource } from './parse';
import type { Node } from './pattern/ast';
import type { FileIndex, Match } from './scan-index';
import type { FileFacts } from './semantics/facts';
import type { Binding, Occurrence } from './types';

export function innermost(list: Array<{ node: Node; span: Span }>, start: number, end: number): Node | undefined {
  let best: { node: Node; span: Span } | undefined;
  // Indexed: asked for every candidate of every file, mostly before V8 optimises it.
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (x.span[0] <= start && end <= x.span[1] && (!best || x.span[1] - x.span[0] < best.span[1] - best.span[0])) best = x;
  }
  return best?.node;
}

export function functionKind(fn: Node): string {
  if (fn.type === 'ModifierDefinition') return 'modifier';
  if (fn.isConstructor) return 'constructor';
  if (fn.isFallback) return 'fallback';
  if (fn.isReceiveEther) return 'receive';
  return 'function';
}

export function functionName(fn: Node): string {
  const kind = functionKind(fn);
  if (kind === 'constructor' || kind === 'fallback' || kind === 'receive') return kind;
  return typeof fn.name === 'string' ? fn.name : '';
}

/** A finding's matches in a file as occurrences: one per reported span, with fixes and fingerprints. */
export function occurrencesOf(parsed: ParsedSource, index: FileIndex, finding: Finding, matches: Match[], facts: () => FileFacts | undefined): Occurrence[] {
  if (matches.length === 0) return []; // most findings on most files: asked once per finding and file
  const compiled = compiledOf(finding);
  const seen = new Set<string>();
  const out: Array<Occurrence & { code: string; at: Span }> = [];
  const text = parsed.text;
  for (const m of matches) {
    const focus = compiled.focus ? m.b[compiled.focus] : undefined;
    const reported: Span = focus ? [focus.start, focus.end] : [m.start, m.end];
    const key = `${reported[0]}:${reported[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fn = innermost(index.functions, m.start, m.end);
    const contract = innermost(index.contracts, m.start, m.end);
    const bindings: Record<string, Binding> = {};
    const spans: Record<string, Span> = {};
    for (const name in m.b) {
      const bound = m.b[name];
      spans[name] = [bound.start, bound.end];
      bindings[name] = { text: text.slice(bound.start, bound.end), range: parsed.lines.range(bound.start, bound.end) };
    }
    const occurrence: Occurrence & { code: string; at: Span } = {
      findingId: finding.id,
      pack: finding.pack.name,
      range: parsed.lines.range(reported[0], reported[1]),
      matchRange: parsed.lines.range(m.start, m.end),
      contract: contract && typeof contract.name === 'string' ? contract.name : '',
      function: fn ? functionName(fn) : '',
      bindings,
      fingerprint: '',
      code: text.slice(m.start, m.end),
      at: [m.start, m.end],
    };
    if (compiled.fix) {
      const fix = buildFix(compiled.fix, {
        text,
        lines: parsed.lines,
        match: [m.start, m.end],
        focus: focus ? [focus.start, focus.end] : undefined,
        bindings: spans,
        parsed,
        pragma: index.pragma,
        model: () => facts()?.model,
      });
      if (fix) occurrence.fix = fix;
    }
    out.push(occurrence);
  }
  out.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
  const counts = new Map<string, number>();
  return out.map(({ code, at: _at, ...o }) => {
    const normalised = normaliseCode(code);
    const identity = `${o.contract}\u0000${o.function}\u0000${normalised}`;
    const n = counts.get(identity) ?? 0;
    counts.set(identity, n + 1);
    return { ...o, fingerprint: fingerprint(o.findingId, o.contract, o.function, normalised, n) };
  });
}

/** A function's visibility as the `function` filter names it (an unmarked function is public, a modifier internal). */
export function visibility(fn: Node): string {
  const v = String(fn.visibility ?? 'default');
  return v === 'default' ? (fn.type === 'ModifierDefinition' ? 'internal' : 'public') : v;
}

/** A function's state mutability as the `function` filter names it (`constant` is `view`). */
export function mutability(fn: Node): string {
  const m = fn.stateMutability as string | null | undefined;
  if (!m) return 'nonpayable';
  return m === 'constant' ? 'view' : m;
}
