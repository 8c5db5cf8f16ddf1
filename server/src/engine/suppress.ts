// Suppression comments, honoured by every front end (editor, CLI, tests) because they live in the engine:
//
//   // hindsight-ignore-next-line ID[, ID2 ...]: reason     suppresses those ids on the next code line
//   code();  // hindsight-ignore-line ID[, ID2 ...]: reason  suppresses those ids on this line
//
// `*` stands for every finding. The target of `-next-line` is the next line that holds code: blank lines and
// lines that are only comments are skipped, so several ignore comments can be stacked above one statement.
// An occurrence is on a line when its reported range or its whole match starts there.
// A suppression must say why (a reason after the colon, not the `<reason>` placeholder); one that does not is
// reported, and so is an id that suppresses nothing, so stale ignores do not pile up unseen.
import type { ParsedSource } from './parse';
import { LineIndex } from './positions';
import type { Occurrence, Range } from './types';

export const SUPPRESS_NO_REASON = 'HS-SUPPRESS-NO-REASON';
export const SUPPRESS_UNUSED = 'HS-SUPPRESS-UNUSED';
export const SUPPRESS_MALFORMED = 'HS-SUPPRESS-MALFORMED';
const PLACEHOLDER = '<reason>';

export interface SuppressionId {
  /** A finding id, or '*'. */
  id: string;
  range: Range;
}

export interface Suppression {
  kind: 'next-line' | 'line';
  ids: SuppressionId[];
  /** Trimmed text after the colon; '' when missing (or only the placeholder). */
  reason: string;
  /** The comment itself. */
  range: Range;
  /** The line whose occurrences it suppresses; -1 when there is no code line after a `-next-line` comment. */
  targetLine: number;
  /** Set when the comment names the directive but cannot be read (e.g. no ids). */
  malformed?: string;
}

export interface SuppressionProblem {
  code: typeof SUPPRESS_NO_REASON | typeof SUPPRESS_UNUSED | typeof SUPPRESS_MALFORMED;
  message: string;
  range: Range;
  severity: 'info';
}

export interface SuppressionResult {
  kept: Occurrence[];
  suppressed: Array<{ occurrence: Occurrence; by: Suppression }>;
  problems: SuppressionProblem[];
}

export interface SuppressionOptions {
  /**
   * Ids a suppression may legitimately name as unused. When given, an unused id outside this set (a finding
   * from a disabled pack, or one filtered out by severity) is not reported: it may well suppress something
   * under another configuration. Default: every id is checked.
   */
  activeIds?: ReadonlySet<string>;
  /** Report ids that suppress nothing (default true). Callers turn it off when the file has syntax errors. */
  reportUnused?: boolean;
}

const DIRECTIVE = /^\s*hindsight-ignore-(next-line|line)\b/;
const ID = /^(\*|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$/;

interface Comment {
  start: number;
  /** Exclusive. */
  end: number;
  /** Text without the comment markers. */
  body: string;
  bodyStart: number;
}

/** Every suppression comment of a file. Strings are skipped, so `"// hindsight-ignore-line"` is not one. */
export function findSuppressions(source: string | ParsedSource): Suppression[] {
  const text = typeof source === 'string' ? source : source.text;
  if (!text.includes('hindsight-ignore')) return [];
  const lines = typeof source === 'string' ? new LineIndex(text) : source.lines;
  const comments = scanComments(text);
  const codeLines = linesWithCode(text, comments, lines);
  const out: Suppression[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const kind = m[1] as 'next-line' | 'line';
    const range = lines.range(c.start, c.end);
    const line = range.start.line;
    let targetLine = line;
    if (kind === 'next-line') {
      targetLine = -1;
      for (let l = line + 1; l < lines.lineCount; l++) {
        if (codeLines.has(l)) {
          targetLine = l;
          break;
        }
      }
    }
    const restStart = m[0].length;
    const rest = c.body.slice(restStart);
    const colon = rest.indexOf(':');
    const idsText = colon >= 0 ? rest.slice(0, colon) : rest;
    let reason = colon >= 0 ? rest.slice(colon + 1).trim() : '';
    if (reason === PLACEHOLDER) reason = '';
    const ids: SuppressionId[] = [];
    let malformed: string | undefined;
    const idsOffset = c.bodyStart + restStart;
    const re = /[^\s,]+/g;
    for (let t = re.exec(idsText); t; t = re.exec(idsText)) {
      const start = idsOffset + t.index;
      if (!ID.test(t[0])) {
        malformed = `"${t[0]}" is not a finding id (expected e.g. TEAM-001, or *)`;
        continue;
      }
      ids.push({ id: t[0], range: lines.range(start, start + t[0].length) });
    }
    if (ids.length === 0 && !malformed) malformed = `hindsight-ignore-${kind} names no finding id (write e.g. "hindsight-ignore-${kind} TEAM-001: reason")`;
    out.push({ kind, ids, reason, range, targetLine, ...(malformed ? { malformed } : {}) });
  }
  return out;
}

/**
 * Splits occurrences into kept and suppressed, and reports suppressions without a reason, unreadable ones,
 * and ids that suppress nothing. A suppression without a reason still suppresses (the missing reason is
 * reported instead), so the user is never shown the same finding twice.
 */
export function applySuppressions(
  source: string | ParsedSource | Suppression[],
  occurrences: readonly Occurrence[],
  options: SuppressionOptions = {},
): SuppressionResult {
  const suppressions = Array.isArray(source) ? source : findSuppressions(source);
  if (suppressions.length === 0) return { kept: [...occurrences], suppressed: [], problems: [] };
  const byLine = new Map<number, Suppression[]>();
  for (const s of suppressions) {
    if (s.targetLine < 0) continue;
    let list = byLine.get(s.targetLine);
    if (!list) byLine.set(s.targetLine, (list = []));
    list.push(s);
  }
  const used = new Set<SuppressionId>();
  const kept: Occurrence[] = [];
  const suppressed: SuppressionResult['suppressed'] = [];
  for (const occ of occurrences) {
    const candidates = [...(byLine.get(occ.range.start.line) ?? [])];
    if (occ.matchRange.start.line !== occ.range.start.line) candidates.push(...(byLine.get(occ.matchRange.start.line) ?? []));
    let by: Suppression | undefined;
    for (const s of candidates) {
      for (const sid of s.ids) {
        if (sid.id === occ.findingId || sid.id === '*') {
          used.add(sid);
          by ??= s;
        }
      }
    }
    if (by) suppressed.push({ occurrence: occ, by });
    else kept.push(occ);
  }
  const problems: SuppressionProblem[] = [];
  const reportUnused = options.reportUnused ?? true;
  for (const s of suppressions) {
    if (s.malformed) problems.push({ code: SUPPRESS_MALFORMED, message: s.malformed, range: s.range, severity: 'info' });
    if (s.ids.length === 0) continue;
    if (!s.reason) {
      problems.push({
        code: SUPPRESS_NO_REASON,
        message: `Suppression of ${s.ids.map((i) => i.id).join(', ')} has no reason: write why after a colon, e.g. "hindsight-ignore-${s.kind} ${s.ids[0].id}: amount is checked by the caller"`,
        range: s.range,
        severity: 'info',
      });
    }
    if (!reportUnused) continue;
    if (s.targetLine < 0) {
      problems.push({ code: SUPPRESS_UNUSED, message: 'hindsight-ignore-next-line has no code line after it', range: s.range, severity: 'info' });
      continue;
    }
    for (const sid of s.ids) {
      if (used.has(sid)) continue;
      if (sid.id !== '*' && options.activeIds && !options.activeIds.has(sid.id)) continue;
      problems.push({
        code: SUPPRESS_UNUSED,
        message:
          sid.id === '*'
            ? `Unused suppression: no finding is reported on line ${s.targetLine + 1}`
            : `Unused suppression: ${sid.id} is not reported on line ${s.targetLine + 1}`,
        range: sid.range,
        severity: 'info',
      });
    }
  }
  return { kept, suppressed, problems };
}

/** Comments of Solidity source, skipping string literals (with escapes) so their contents never count. */
function scanComments(text: string): Comment[] {
  const out: Comment[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      let end = i + 2;
      while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      let bodyStart = i + 2;
      while (text.charCodeAt(bodyStart) === 47) bodyStart++; // `///` NatSpec
      out.push({ start: i, end, body: text.slice(bodyStart, end).trimEnd(), bodyStart });
      i = end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      let bodyStart = i + 2;
      while (text.charCodeAt(bodyStart) === 42) bodyStart++; // `/**` NatSpec
      out.push({ start: i, end, body: text.slice(bodyStart, close < 0 ? n : close), bodyStart });
      i = end;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === c || d === 10) {
          i++;
          break;
        } else i++;
      }
    } else i++;
  }
  return out;
}

/** Lines holding something other than whitespace and comments. */
function linesWithCode(text: string, comments: Comment[], lines: LineIndex): Set<number> {
  const out = new Set<number>();
  let ci = 0;
  for (let i = 0; i < text.length; i++) {
    while (ci < comments.length && comments[ci].end <= i) ci++;
    if (ci < comments.length && comments[ci].start <= i) {
      i = comments[ci].end - 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    const line = lines.position(i).line;
    out.add(line);
    // Skip the rest of this line's code quickly; comments on it are handled by the loop above.
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const nextComment = ci < comments.length ? comments[ci].start : text.length;
    i = Math.min(next, nextComment) - 1;
  }
  return out;
}
