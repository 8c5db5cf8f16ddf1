// Periodic reviews: `.hindsight/reviews.json` is an append-only log of "someone looked at every finding on this
// date with these packs". The pure parts (parsing, reviewDue) carry no file-system code so the extension's status
// bar can import them.
import type { Severity } from '../engine/types';
import { SEVERITIES } from '../engine/types';
import { compileSchema, parseJsonFile } from './data-file';

export const DEFAULT_REVIEWS = '.hindsight/reviews.json';
export const DEFAULT_REVIEW_INTERVAL_DAYS = 30;

export type SeverityCounts = Record<Severity, number> & { total: number };

export interface Review {
  /** ISO 8601 date-time of the review. */
  date: string;
  by: string;
  note?: string;
  packs: Array<{ name: string; version: string }>;
  findings: SeverityCounts;
  tool?: string;
  /** The commit reviewed, when the workspace is a git repository. */
  commit?: string;
  /** What the review covered: files in scope, and functions reviewed of those in scope (review-scope.ts). */
  coverage?: { since?: string; files: number; reviewed: number; total: number };
}

export interface ReviewLog {
  version: 1;
  reviews: Review[];
}

const count = { type: 'integer', minimum: 0 } as const;
const schema = {
  type: 'object',
  required: ['version', 'reviews'],
  properties: {
    version: { const: 1 },
    reviews: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date', 'by', 'packs', 'findings'],
        properties: {
          date: { type: 'string', format: 'date-time' },
          by: { type: 'string' },
          note: { type: 'string' },
          packs: {
            type: 'array',
            items: { type: 'object', required: ['name', 'version'], properties: { name: { type: 'string' }, version: { type: 'string' } } },
          },
          findings: {
            type: 'object',
            required: ['total'],
            properties: { critical: count, high: count, medium: count, low: count, info: count, total: count },
          },
          tool: { type: 'string' },
          commit: { type: 'string' },
          coverage: {
            type: 'object',
            required: ['files', 'reviewed', 'total'],
            properties: { since: { type: 'string' }, files: count, reviewed: count, total: count },
          },
        },
      },
    },
  },
} as const;
const validate = compileSchema<ReviewLog>(schema);

export function emptyReviewLog(): ReviewLog {
  return { version: 1, reviews: [] };
}

export function parseReviews(text: string, file: string): ReviewLog {
  return parseJsonFile(text, file, validate);
}

export function serializeReviews(log: ReviewLog): string {
  return JSON.stringify(log, null, 2) + '\n';
}

export function countBySeverity(items: ReadonlyArray<{ severity: Severity }>): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const i of items) counts[i.severity]++;
  return { ...counts, total: items.length };
}

export interface ReviewDue {
  due: boolean;
  /** The most recent review, if any. */
  last?: Review;
  /** When the next review falls due (absent when there was none yet, or the interval is off). */
  nextDue?: Date;
  /** Whole days until due, rounded toward zero (negative: overdue by that many days); absent like nextDue. */
  daysLeft?: number;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Whether a review is due at `now`. No review yet means due, unless `dueBeforeFirst` is false (nothing set up yet:
 * reminders start with the first recorded review). An interval of 0 (or less, or not a finite
 * number) switches reminders off. The latest review is the one with the latest date, whatever the file order
 * (merges may interleave entries).
 */
export function reviewDue(reviews: readonly Review[], intervalDays: number, now: Date, dueBeforeFirst = true): ReviewDue {
  let last: Review | undefined;
  let lastTime = -Infinity;
  for (const r of reviews) {
    const t = Date.parse(r.date);
    if (Number.isFinite(t) && t >= lastTime) {
      last = r;
      lastTime = t;
    }
  }
  if (!(intervalDays > 0) || !Number.isFinite(intervalDays)) return { due: false, last };
  if (!last) return { due: dueBeforeFirst };
  const nextDue = new Date(lastTime + intervalDays * DAY);
  const diff = nextDue.getTime() - now.getTime();
  // Whole days, rounded toward zero both ways: "in 4 days" until 4 full days are left, "10 days overdue" after 10.
  const daysLeft = diff >= 0 ? Math.floor(diff / DAY) : -Math.floor(-diff / DAY);
  return { due: now.getTime() >= nextDue.getTime(), last, nextDue, daysLeft };
}
