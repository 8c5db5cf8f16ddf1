// "Reviewed" marks: which files and functions a reviewer has looked at, in `.hindsight/reviewed/<reviewer>.json`, one
// file per reviewer so two reviewers never conflict in a merge. A mark records a hash of the code it covered
// (normalised: comments and whitespace do not count), so a change to that code after the review makes the mark
// stale instead of silently covering code nobody looked at.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { normaliseCode } from '../engine';
import { writeFileAtomic } from '../shared/atomic-write';
import { withFileLock } from '../shared/file-lock';
import { compileSchema, parseJsonFile } from './data-file';

export const REVIEWED_DIR = '.hindsight/reviewed';

export interface ReviewMark {
  /** Workspace-relative, `/` separators. */
  file: string;
  /** `Contract.function` (overloads: `Contract.function~2`…); absent: the whole file. */
  function?: string;
  /** codeHash of the code the mark covered. */
  hash: string;
  /** ISO 8601. */
  date: string;
  /** HEAD when the mark was made, if known. */
  commit?: string;
}

export interface ReviewerMarks {
  version: 1;
  reviewer: string;
  marks: ReviewMark[];
}

const validate = compileSchema<ReviewerMarks>({
  type: 'object',
  required: ['version', 'reviewer', 'marks'],
  properties: {
    version: { const: 1 },
    reviewer: { type: 'string', minLength: 1 },
    marks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['file', 'hash', 'date'],
        properties: { file: { type: 'string' }, function: { type: 'string' }, hash: { type: 'string' }, date: { type: 'string' }, commit: { type: 'string' } },
      },
    },
  },
} as const);

/** The hash a mark keeps: of the code with comments and whitespace normalised away. */
export function codeHash(code: string): string {
  return createHash('sha256').update(normaliseCode(code)).digest('hex').slice(0, 16);
}

/** A file name for a reviewer: readable, and never a path. */
export function reviewerFile(root: string, reviewer: string): string {
  const slug =
    reviewer
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '') || 'reviewer';
  return path.join(root, REVIEWED_DIR, `${slug}.json`);
}

export function serializeMarks(m: ReviewerMarks): string {
  // One mark per line, sorted: a reviewer's own history diffs line by line.
  const marks = [...m.marks].sort((a, b) => cmp(a.file, b.file) || cmp(a.function ?? '', b.function ?? ''));
  const lines = marks.map((x, i) => `    ${JSON.stringify(x)}${i < marks.length - 1 ? ',' : ''}`);
  return `{\n  "version": 1,\n  "reviewer": ${JSON.stringify(m.reviewer)},\n  "marks": [${lines.length ? `\n${lines.join('\n')}\n  ` : ''}]\n}\n`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every reviewer's marks under `root`; a malformed file is an AuditInputError naming file:line:col. */
export function readAllMarks(root: string): ReviewerMarks[] {
  const dir = path.join(root, REVIEWED_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((n) => parseJsonFile(fs.readFileSync(path.join(dir, n), 'utf8'), `${REVIEWED_DIR}/${n}`, validate));
}

/**
 * Adds marks for a reviewer (replacing their earlier marks of the same file and function), written atomically
 * under a lock. A malformed file is reported and never overwritten.
 */
export async function addMarks(root: string, reviewer: string, marks: ReviewMark[]): Promise<ReviewerMarks> {
  const file = reviewerFile(root, reviewer);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return withFileLock(file, async () => {
    let current: ReviewerMarks = { version: 1, reviewer, marks: [] };
    if (fs.existsSync(file)) current = parseJsonFile(fs.readFileSync(file, 'utf8'), path.relative(root, file).split(path.sep).join('/'), validate);
    const key = (m: ReviewMark) => `${m.file}\u0000${m.function ?? ''}`;
    const replaced = new Set(marks.map(key));
    // Keys in one order, so a reviewer's file diffs only where their marks differ.
    const ordered = marks.map((m) => ({
      file: m.file,
      ...(m.function ? { function: m.function } : {}),
      hash: m.hash,
      date: m.date,
      ...(m.commit ? { commit: m.commit } : {}),
    }));
    const next: ReviewerMarks = {
      version: 1,
      reviewer: current.reviewer || reviewer,
      marks: [...current.marks.filter((m) => !replaced.has(key(m))), ...ordered],
    };
    writeFileAtomic(file, serializeMarks(next));
    return next;
  });
}
