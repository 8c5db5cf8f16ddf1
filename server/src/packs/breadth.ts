// Patterns that would match nearly everything. `pattern: $X` matches every expression of every file, `$F(...)`
// every call, `...` every statement: a finding written that way floods the user with hundreds of reports and
// teaches them to switch the tool off. The rule: a match must name something concrete. A pattern is concrete
// when it has a literal token, a keyword, name, operator or value that is not a metavariable, `...` or
// punctuation; a match is concrete when its positive part is (every alternative of an `any`, some positive
// item of an `all`), or when an `all` narrows it with a `where` filter or `followed-by`, which ask about what
// the code does rather than how it is spelt (`$CALL(...)` that sends value).
import type { DataPath } from './yaml-source';

export interface BroadPattern {
  /** Path of the pattern (or of the match when no pattern is to blame) inside the finding. */
  path: DataPath;
  pattern?: string;
}

const PUNCTUATION = /^[\s()[\]{};,.]*$/;

/** Does the pattern have a token that is neither a metavariable, `...` nor punctuation? */
export function hasLiteralToken(pattern: string): boolean {
  const rest = pattern
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/\$\.\.\.[A-Z_][A-Za-z0-9_]*/g, ' ')
    .replace(/\$[A-Z_][A-Za-z0-9_]*/g, ' ')
    .replace(/\.\.\./g, ' ');
  return !PUNCTUATION.test(rest);
}

/**
 * The first pattern that leaves a finding's match unanchored, or undefined when the match names something
 * concrete. `match` is the finding's raw `match` (already schema-checked).
 */
export function broadPattern(match: unknown): BroadPattern | undefined {
  return unanchored(match, ['match']);
}

function unanchored(node: unknown, path: DataPath): BroadPattern | undefined {
  if (!isRecord(node)) return undefined;
  if (typeof node.pattern === 'string') return hasLiteralToken(node.pattern) ? undefined : { path: [...path, 'pattern'], pattern: node.pattern };
  if (Array.isArray(node.any)) {
    // A union matches everything as soon as one alternative does.
    for (let i = 0; i < node.any.length; i++) {
      const broad = unanchored(node.any[i], [...path, 'any', i]);
      if (broad) return broad;
    }
    return undefined;
  }
  if (Array.isArray(node.all)) {
    const items = node.all as unknown[];
    if (items.some((it) => isRecord(it) && ('where' in it || 'followed-by' in it))) return undefined;
    let first: BroadPattern | undefined;
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (!isRecord(it) || !('pattern' in it || 'any' in it || 'all' in it)) continue;
      const broad = unanchored(it, [...path, 'all', i]);
      if (!broad) return undefined;
      first ??= broad;
    }
    return first ?? { path };
  }
  return undefined;
}

export function broadMessage(id: string, broad: BroadPattern): string {
  const what = broad.pattern !== undefined ? `the pattern ${JSON.stringify(broad.pattern.trim())}` : 'this match';
  return (
    `${id}: ${what} would match nearly everything: it has no literal token (a keyword, name, operator or value ` +
    'besides metavariables, ... and punctuation). Write the code that must be there (e.g. $TOKEN.transfer($TO, $AMOUNT)), ' +
    'or narrow it inside all: with a where filter'
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
