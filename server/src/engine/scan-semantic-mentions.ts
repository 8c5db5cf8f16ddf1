// Mentions of a function's name that do not run it, for the name closure of scan-semantic-units.ts.
//
// `f.selector` (`this.f.selector`, `IFoo.f.selector`) reads the selector of `f`, which its header (name and
// parameter types) fixes: no answer of the semantic model about the unit holding it reads the body of `f` through
// it (the model types it `bytes4` and goes no further). So while the header of every function of that name stays
// the same (an edit inside its body, or a change to what it calls), a unit whose every mention of the name is such a
// selector does not depend on it. A name whose header changed (a function added, removed, or with other parameters)
// is followed by every mention, as before: its selector itself may be another, or none.
import type { Node } from './pattern/ast';

/** The names that changed or are reached from a change, and which of them had a header change. */
export class AffectedNames extends Set<string> {
  constructor(
    names: Iterable<string>,
    readonly headerChanged: ReadonlySet<string>,
  ) {
    super(names);
  }
}

const SELECTOR = /(?<![A-Za-z0-9_$])([A-Za-z_$][A-Za-z0-9_$]*)\s*\.\s*selector(?![A-Za-z0-9_$])/g;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/g;
const cache = new Map<string, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The names every mention of which in `text` is `name.selector` (kept by unit key, like its words). */
export function selectorOnlyNames(key: string, text: string): ReadonlySet<string> {
  let out = cache.get(key);
  if (out) return out;
  if (!text.includes('selector')) out = NONE;
  else {
    const selectors = new Map<string, number>();
    for (const m of text.matchAll(SELECTOR)) selectors.set(m[1], (selectors.get(m[1]) ?? 0) + 1);
    if (!selectors.size) out = NONE;
    else {
      const all = new Map<string, number>();
      for (const m of text.matchAll(WORD)) if (selectors.has(m[0])) all.set(m[0], (all.get(m[0]) ?? 0) + 1);
      const names = new Set<string>();
      for (const [n, c] of selectors) if (all.get(n) === c) names.add(n);
      out = names.size ? names : NONE;
    }
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(key, out);
  return out;
}

/**
 * Whether a unit with these words depends on the changed name `name`: it mentions it, other than as the selector
 * of a function whose header did not change.
 */
export function mentionDepends(
  words: ReadonlySet<string>,
  selectorOnly: ReadonlySet<string> | undefined,
  name: string,
  affected: ReadonlySet<string>,
): boolean {
  if (!words.has(name)) return false;
  if (!selectorOnly?.has(name)) return true;
  return !(affected instanceof AffectedNames) || affected.headerChanged.has(name);
}

/** A function or modifier unit's text up to its body (all of it when it has none): what fixes its selector. */
export function headerOf(node: Node, text: string): string {
  const body = (node.body as Node | null | undefined)?.range;
  const r = node.range;
  if (!body || !r) return text;
  return text.slice(0, Math.max(0, body[0] - r[0]));
}

/**
 * The changed names whose functions' headers changed: the headers of the units of that name that went away and of
 * those that appeared differ (as multisets).
 */
export function headerChanges(
  changed: Iterable<string>,
  gone: Array<{ names: string[]; header: string | undefined }>,
  added: Array<{ names: string[]; header: string }>,
): Set<string> {
  const out = new Set<string>();
  for (const n of changed) {
    const before = gone.filter((g) => g.names.includes(n)).map((g) => g.header);
    const after = added.filter((a) => a.names.includes(n)).map((a) => a.header);
    if (before.length !== after.length || before.some((h) => h === undefined)) {
      out.add(n);
      continue;
    }
    const a = (before as string[]).slice().sort();
    const b = after.slice().sort();
    if (a.some((h, i) => h !== b[i])) out.add(n);
  }
  return out;
}
