// The review scope of a workspace folder, for the CLI (`hindsight review scope`) and the language server
// (hindsight/reviewScope): reads the files, the reviewers' marks and the review log, asks git what changed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedSince, locateRepo, resolveCommit } from './git';
import { DEFAULT_REVIEWS, parseReviews } from './reviews';
import { codeHash, readAllMarks, type ReviewMark } from './review-marks';
import { computeScope, functionsOf, type ReviewScope } from './review-scope';
import { AuditInputError } from './input-error';
import { relativePath } from './scan-bridge';

export interface ScopeOptions {
  /** Absolute paths of the Solidity files the scope may include (what a scan would read). */
  files: readonly string[];
  findings: ReadonlyArray<{ file: string; contract: string; function: string }>;
  /** A commit, tag or other revision; default: the commit of the last recorded review, if any. */
  since?: string;
  /** Whether git may run (a trusted workspace); without it, everything is in scope. */
  git: boolean;
}

export async function workspaceReviewScope(root: string, options: ScopeOptions): Promise<ReviewScope> {
  const texts = new Map<string, string>();
  for (const f of options.files) {
    try {
      texts.set(relativePath(root, f), fs.readFileSync(f, 'utf8'));
    } catch {
      // deleted since it was listed
    }
  }
  const marks = readAllMarks(root);
  let rev = options.since;
  let source: 'option' | 'last-review' = 'option';
  if (!rev) {
    rev = lastReviewCommit(root);
    source = 'last-review';
  }
  if (!rev || !options.git) return computeScope({ files: texts, findings: options.findings, marks });
  const repo = await locateRepo(root);
  const commit = await resolveCommit(root, rev);
  const changes = await changedSince(root, commit);
  return computeScope({ files: texts, findings: options.findings, marks, since: { commit, source, changes, prefix: repo.prefix } });
}

/** The commit of the latest review in .hindsight/reviews.json; undefined without one (or an unreadable log). */
function lastReviewCommit(root: string): string | undefined {
  try {
    const log = parseReviews(fs.readFileSync(path.join(root, DEFAULT_REVIEWS), 'utf8'), DEFAULT_REVIEWS);
    const latest = [...log.reviews].filter((r) => r.commit).sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
    return latest?.commit;
  } catch {
    return undefined;
  }
}

/** Marks for `file` or `file#Contract.function` arguments, with the hash of the code as it is now. */
export async function marksFor(root: string, targets: readonly string[], date: string, commit?: string): Promise<ReviewMark[]> {
  return targets.map((t) => {
    const hash = t.lastIndexOf('#');
    const fileArg = hash > 0 ? t.slice(0, hash) : t;
    const fn = hash > 0 ? t.slice(hash + 1) : undefined;
    const abs = path.resolve(root, fileArg);
    const file = relativePath(root, abs);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      throw new AuditInputError(`cannot read ${file}: ${(e as Error).message}`, file);
    }
    const base = { file, date, ...(commit ? { commit } : {}) };
    if (!fn) return { ...base, hash: codeHash(text) };
    const found = functionsOf(text).find((f) => f.key === fn);
    if (!found)
      throw new AuditInputError(
        `no function ${fn} (expected one of ${
          functionsOf(text)
            .map((f) => f.key)
            .join(', ') || 'none'
        })`,
        file,
      );
    return { ...base, function: fn, hash: found.hash };
  });
}

/** A scope in a few numbers, as a review records what it covered. */
export function coverageOf(scope: ReviewScope): { since?: string; files: number; reviewed: number; total: number } {
  return { ...(scope.since ? { since: scope.since } : {}), files: scope.files.length, ...scope.coverage };
}
