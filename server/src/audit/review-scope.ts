// Review scope: which files and functions a review has to cover — those added or changed since a commit (by default
// the commit of the last recorded review), or everything — each with its findings, whether a reviewer marked it
// reviewed (review-marks.ts), and the coverage. Functions are found by the outline scanner (no parse needed, so
// half-typed code works); changed lines come from git (git.ts, no external diff programs).
import { outline, tokenize, type Tokens } from '../engine/parse/outline';
import { LineIndex } from '../engine/positions';
import { changedSince, type ChangedFile } from './git';
import { codeHash, type ReviewerMarks } from './review-marks';
import type { ReviewScope, ScopeFile, ScopeFunction } from '../shared/protocol-audit';

export type { ReviewScope, ScopeFile, ScopeFunction };

export interface FunctionOutline {
  /** `Contract.function`, `Contract.constructor`…; overloads get `~2`, `~3` in file order. */
  key: string;
  contract: string;
  name: string;
  /** 0-based lines, inclusive. */
  startLine: number;
  endLine: number;
  hash: string;
}

const CALLABLE = new Set(['function', 'constructor', 'modifier', 'fallback', 'receive']);

/** The functions, constructors and modifiers of a Solidity file, as the outline scanner cuts it. */
export function functionsOf(text: string): FunctionOutline[] {
  const { units } = outline(text);
  const lines = new LineIndex(text);
  const out: FunctionOutline[] = [];
  const seen = new Map<string, number>();
  const add = (contract: string, start: number, end: number) => {
    const tokens = tokenize(text.slice(start, end));
    const kind = tokens.length ? tokens.text(0) : undefined;
    if (!kind || !CALLABLE.has(kind)) return;
    const name = kind === 'function' || kind === 'modifier' ? (tokens.length > 1 ? tokens.text(1) : '') : kind;
    if (kind === 'function' && (name === '(' || !name)) return;
    // A declaration without a body (an interface's, an abstract one) has nothing to review.
    if (!hasBrace(tokens)) return;
    const base = contract ? `${contract}.${name}` : name;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.push({
      key: n > 1 ? `${base}~${n}` : base,
      contract,
      name,
      startLine: lines.position(start).line,
      endLine: lines.position(end).line,
      hash: codeHash(text.slice(start, end)),
    });
  };
  for (const u of units) {
    if (u.kind === 'contract') for (const m of u.members) add(u.name, m.start, m.end);
    else add('', u.start, u.end);
  }
  return out;
}

function hasBrace(tokens: Tokens): boolean {
  for (let i = 0; i < tokens.length; i++) if (tokens.char(i) === 123 /* { */) return true;
  return false;
}

export interface ScopeInput {
  /** Workspace-relative path → text, for every Solidity file the scope may include. */
  files: Map<string, string>;
  /** Current findings (file workspace-relative). */
  findings: ReadonlyArray<{ file: string; contract: string; function: string }>;
  marks: readonly ReviewerMarks[];
  since?: { commit: string; source: 'option' | 'last-review'; changes: readonly ChangedFile[]; prefix: string };
}

/** Computes the scope from texts, findings, marks and (with a commit) git's changes. Pure: the callers do the I/O. */
export function computeScope(input: ScopeInput): ReviewScope {
  const changes = new Map<string, ChangedFile>();
  if (input.since) {
    for (const c of input.since.changes) {
      if (!c.path.startsWith(input.since.prefix)) continue;
      changes.set(c.path.slice(input.since.prefix.length), c);
    }
  }
  const files: ScopeFile[] = [];
  for (const [file, text] of [...input.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const change = changes.get(file);
    if (input.since && !change) continue;
    const fileHash = codeHash(text);
    const marks = input.marks.flatMap((r) => r.marks.filter((m) => m.file === file).map((m) => ({ ...m, reviewer: r.reviewer })));
    const fileReviewers = unique(marks.filter((m) => !m.function && m.hash === fileHash).map((m) => m.reviewer));
    const findingsHere = input.findings.filter((f) => f.file === file);
    const functions = functionsOf(text)
      .filter((fn) => !change?.lines || change.lines.some(([a, b]) => a - 1 <= fn.endLine && b - 1 >= fn.startLine))
      .map(({ hash, ...fn }): ScopeFunction => {
        const own = marks.filter((m) => m.function === fn.key);
        return {
          ...fn,
          changed: true,
          reviewedBy: unique([...fileReviewers, ...own.filter((m) => m.hash === hash).map((m) => m.reviewer)]),
          staleBy: unique(own.filter((m) => m.hash !== hash).map((m) => m.reviewer)),
          findings: findingsHere.filter((f) => f.contract === fn.contract && f.function === fn.name).length,
        };
      });
    const total = functions.length || 1;
    const reviewed = functions.length ? functions.filter((f) => f.reviewedBy.length).length : fileReviewers.length ? 1 : 0;
    files.push({
      file,
      status: change?.status ?? 'unchanged',
      functions,
      reviewedBy: fileReviewers,
      findings: findingsHere.length,
      total,
      reviewed,
    });
  }
  const coverage = files.reduce((c, f) => ({ reviewed: c.reviewed + f.reviewed, total: c.total + f.total }), { reviewed: 0, total: 0 });
  return { ...(input.since ? { since: input.since.commit } : {}), sinceSource: input.since?.source ?? 'none', files, coverage };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

export { changedSince };
