// What "the same finding" means, everywhere: triage (client), baselines (CLI and editor), the panel's tree ids and
// SARIF partialFingerprints all use this one definition, so the editor and CI never disagree.
//
// An occurrence is its rule (finding id), its file (workspace-relative, `/` separators) and its code fingerprint
// (engine/fingerprint.ts: the normalised matched code with its contract and function, never a line number, so it
// survives edits elsewhere in the file; duplicates inside one function are told apart by their order). The same
// code in two files is two occurrences, so a verdict on one copy never covers the other.
//
// A recorded occurrence (triage entry, baseline entry) follows its code to another file only when its own file is
// gone (renamed, moved or deleted) and the same rule and fingerprint appear elsewhere: that is a move. While the
// original file exists, a copy elsewhere is new code that nobody has looked at.
import { createHash } from 'node:crypto';

export interface OccurrenceIdentity {
  findingId: string;
  /** Relative to the workspace folder, `/` separators; '' when unknown (old records), which counts as gone. */
  file: string;
  fingerprint: string;
}

/** `a\b/./c.sol` → `a/b/c.sol`: one spelling of a workspace-relative path. */
export function normaliseRelativeFile(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

/** The identity as one string, for maps and tree ids. */
export function occurrenceKey(o: OccurrenceIdentity): string {
  return `${normaliseRelativeFile(o.file)}#${o.findingId}#${o.fingerprint}`;
}

/** Rule and fingerprint without the file: what a moved occurrence keeps. */
function codeKey(o: Pick<OccurrenceIdentity, 'findingId' | 'fingerprint'>): string {
  return `${o.findingId}#${o.fingerprint}`;
}

/** The SARIF partialFingerprints key whose value is occurrenceHash. */
export const SARIF_IDENTITY_KEY = 'hindsight/v2';

/** The identity hashed, for SARIF `partialFingerprints` (file-aware, so code copied into two files is two alerts). */
export function occurrenceHash(o: OccurrenceIdentity): string {
  return createHash('sha256').update(occurrenceKey(o)).digest('hex').slice(0, 24);
}

export interface Pairing<C, E> {
  /** Current occurrences with the record that covers them. */
  pairs: Array<[C, E]>;
  /** Current occurrences no record covers (new). */
  unmatched: C[];
  /** Records that cover no current occurrence (fixed, removed, or their code was copied away and changed). */
  orphans: E[];
}

export interface PairOptions {
  /**
   * Whether a record's file still exists. A record whose file exists never moves to another file. Default: every
   * file counts as gone, so records follow their code anywhere (for callers that cannot tell, e.g. git history).
   */
  fileExists?: (file: string) => boolean;
}

/**
 * Pairs current occurrences with records (triage or baseline entries) as multisets: first by the full identity,
 * then, for records whose file is gone, by rule and fingerprint in another file (a move or rename). Each record
 * covers at most one occurrence, in the order given.
 */
export function pairOccurrences<C extends OccurrenceIdentity, E extends OccurrenceIdentity>(
  current: readonly C[],
  records: readonly E[],
  options: PairOptions = {},
): Pairing<C, E> {
  const exact = new Map<string, E[]>();
  for (const r of records) push(exact, occurrenceKey(r), r);
  const pairs: Array<[C, E]> = [];
  const paired = new Set<C>();
  const used = new Set<E>();
  for (const c of current) {
    const r = exact.get(occurrenceKey(c))?.shift();
    if (!r) continue;
    pairs.push([c, r]);
    paired.add(c);
    used.add(r);
  }
  const exists = options.fileExists ?? (() => false);
  const moved = new Map<string, E[]>();
  for (const r of records) {
    if (used.has(r)) continue;
    const file = normaliseRelativeFile(r.file);
    if (file !== '' && exists(file)) continue;
    push(moved, codeKey(r), r);
  }
  if (moved.size) {
    for (const c of current) {
      if (paired.has(c)) continue;
      const r = moved.get(codeKey(c))?.shift();
      if (!r) continue;
      pairs.push([c, r]);
      paired.add(c);
      used.add(r);
    }
  }
  return { pairs, unmatched: current.filter((c) => !paired.has(c)), orphans: records.filter((r) => !used.has(r)) };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
