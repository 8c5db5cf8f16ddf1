// One report finding as a pack finding: its linked code generalised with the machinery of "record finding from
// selection" (packs/generalize), a semantic filter where the report's words say what is missing (an access check),
// the linked code as the test's `expect` case and a near miss from the same file as its `ok` case. When any step
// falls short — no code, a pattern that misses the linked lines or matches half the repository, no near miss —
// the finding is still written, as a draft with the reason, so nothing in the report is lost.
import * as path from 'node:path';
import { compileFinding, scanParsed, type FindingDefinition, type MatchNode, type Range } from '../engine';
import { parseSource, type ParsedSource } from '../engine/parse';
import { broadPattern } from '../packs/breadth';
import { annotateMatches, buildTestCase, generalizeSelection, guessOwasp } from '../packs/generalize';
import type { ResolvedCode } from './resolve-link';
import type { ParsedReport, ReportFinding } from './types';

/** More places than this in the audited checkout, and a learned pattern is too broad to run unreviewed. */
export const MAX_MATCHES = 20;

/** Words that say the bug is a missing check of the caller: the pattern then asks `sender-guarded: false`. */
const MISSING_GUARD =
  /access control|anyone can|any(one|body) (is able|may)|unprotected|unrestricted|permissionless|unauthori[sz]ed|missing (an? )?(access|auth|owner|role|permission|modifier|caller check)|lacks? (an? )?(access|auth|owner|role)|not (restricted|protected)|without (any )?(access|permission|owner) (control|check)/i;

const CATEGORIES: Array<[RegExp, string]> = [
  [/re-?entran/i, 'reentrancy'],
  [MISSING_GUARD, 'access-control'],
  [/oracle|spot price|slot0|getReserves|twap|price manipulation/i, 'oracle'],
  [/signature|ecrecover|replay|permit/i, 'signatures'],
  [/overflow|underflow|rounding|precision|division/i, 'arithmetic'],
  [/denial of service|\bdos\b|gas limit|unbounded loop/i, 'denial-of-service'],
  [/flash ?loan|first deposit|inflation|share price/i, 'accounting'],
];

export interface LearnContext {
  report: ParsedReport;
  /** The report's path or URL, as recorded in the pack. */
  reportRef: string;
  /** A name for the report in reference titles, e.g. "Acme audit". */
  reportName: string;
  /** The checkout's Solidity files a default `hindsight scan` walks, parsed once. */
  inputs: Array<{ file: string; parsed: ParsedSource }>;
  root: string;
}

/** A finding as `hindsight learn` writes it: a draft may have no match (no code) and no references (no address). */
export type LearnedDefinition = Omit<FindingDefinition, 'match' | 'references'> & {
  references?: FindingDefinition['references'];
  match?: MatchNode;
  draft?: string;
};

export interface LearnedFinding {
  reportFinding: ReportFinding;
  /** The finding as it goes into the pack (with `draft` when it is one; `learned` is added when written). */
  definition: LearnedDefinition;
  /** tests/<id>.sol, when the linked code gave one. */
  testText?: string;
  /** The code the finding was learned from. */
  code?: { file: string; startLine: number; endLine: number; text: string };
  /** Places it reports in the checkout (live and drafts with a pattern alike). */
  matches: number;
  /**
   * The finding as learned, when a reviewer changed it before it was written (edits, an accepted draft): its
   * hash is the one recorded, so the written finding counts as edited and is never overwritten by learning again.
   */
  asLearned?: Pick<LearnedFinding, 'definition' | 'testText'>;
}

export function learnFinding(rf: ReportFinding, id: string, resolved: ResolvedCode | undefined, why: string[], ctx: LearnContext): LearnedFinding {
  const words = `${rf.title}\n${rf.description}`;
  const url = [rf.url, ctx.report.url, ...rf.links.map((l) => l.text)].find((u) => u && /^https?:\/\/\S+$/.test(u));
  const base: LearnedDefinition = {
    id,
    title: rf.title.length > 200 ? `${rf.title.slice(0, 197)}...` : rf.title,
    severity: rf.severity,
    confidence: 'medium',
    category: ctx.report.source ? 'community' : (CATEGORIES.find(([re]) => re.test(words))?.[1] ?? 'learned'),
    // A guess from the report's words; the pack file says so next to it (write-pack.ts).
    owasp: guessOwasp(rf.title, rf.description),
    description: tidy(rf.description) || 'The report gives no description; see the reference.',
    recommendation: tidy(rf.recommendation) || 'The report gives no recommendation; see the reference.',
    ...(url ? { references: [{ title: `${ctx.reportName} ${rf.id}`, url }] } : {}),
  };
  const out: LearnedFinding = { reportFinding: rf, definition: base, matches: 0 };
  const draft = (reason: string) => {
    base.draft = reason;
    return out;
  };
  if (!resolved) {
    return draft(why.length ? `no code to learn from: ${why.join('; ')}` : 'the report links no Solidity lines');
  }

  const rel = path.relative(ctx.root, resolved.file).split(path.sep).join('/');
  const lines = resolved.text.split('\n');
  out.code = {
    file: resolved.file,
    startLine: resolved.startLine,
    endLine: resolved.endLine,
    text: lines.slice(resolved.startLine - 1, resolved.endLine).join('\n'),
  };
  const where = `${rel}:${resolved.startLine}${resolved.endLine > resolved.startLine ? `-${resolved.endLine}` : ''}`;
  base.description = `${base.description}\n\nLearned from ${ctx.reportName} ${rf.id}, code at ${where}.`;
  const range: Range = {
    start: { line: resolved.startLine - 1, character: 0 },
    end: { line: resolved.endLine - 1, character: lines[resolved.endLine - 1]?.length ?? 0 },
  };
  const gen = generalizeSelection(resolved.text, range);
  if ('error' in gen) return draft(`the code at ${where} could not become a pattern: ${gen.error}`);

  const plain: MatchNode = { pattern: gen.pattern };
  const guarded: MatchNode = { all: [{ pattern: gen.pattern }, { where: [{ function: { 'sender-guarded': false, 'reachable-externally': true } }] }] };
  // The semantic variant first; when neither is ready, the draft keeps the first that at least matches its code.
  const attempts = (MISSING_GUARD.test(words) ? [guarded, plain] : [plain]).map((match) => {
    const def: FindingDefinition = { ...base, references: base.references ?? [], match };
    const test = buildTestCase(resolved.text, gen.range, id, def);
    const annotated = annotateMatches(test.text, def, test.selectionLine);
    let why = '';
    if (broadPattern(match)) why = `the pattern generalised from ${where} names nothing concrete (${gen.pattern.split('\n')[0]}); make it more specific`;
    else if (!annotated.selectionMatched) why = `the pattern generalised from ${where} does not match that code`;
    else if (test.okLine < 0) why = `no near miss in ${rel} for the "ok" case: add code the finding must not report to tests/${id}.sol, then delete this line`;
    return { match, testText: annotated.text, matched: annotated.selectionMatched, why };
  });
  const chosen = attempts.find((a) => !a.why) ?? attempts.find((a) => a.matched) ?? attempts[0];
  base.match = chosen.match;
  out.testText = chosen.testText;
  let reason = chosen.why;
  const runnable = { ...base, references: [], match: base.match! };
  const count = countPlaces(runnable, ctx.inputs);
  out.matches = count.total;
  // The linked file itself, scanned whole (whether or not a default scan walks its folder).
  const here = countPlaces(runnable, [{ file: resolved.file, parsed: parseSource(resolved.text) }]);
  if (!reason && !here.linesIn(resolved.file).some((l) => l + 1 >= resolved.startLine && l + 1 <= resolved.endLine))
    reason = `a scan of ${rel}${resolved.fromWorkingTree ? '' : ' at the linked commit'} does not report lines ${resolved.startLine}-${resolved.endLine}`;
  if (!reason && count.total > MAX_MATCHES) reason = `the pattern matches ${count.total} places in this checkout: too broad to run unreviewed`;
  if (!reason && !url) reason = 'no http(s) address for the report: run again with --url <address of the report>';
  return reason ? draft(reason) : out;
}

/** Where a finding (its whole match, semantic filters included) reports in parsed files. */
export function countPlaces(def: FindingDefinition, inputs: LearnContext['inputs']): { total: number; files: number; linesIn: (file: string) => number[] } {
  const byFile = new Map<string, number[]>();
  let total = 0;
  try {
    const finding = compileFinding(def, { name: 'learn-preview', version: '0.0.0', dir: '', file: '' });
    for (const input of inputs) {
      const lines = scanParsed(input.parsed, [finding]).occurrences.map((o) => o.range.start.line);
      if (lines.length) byFile.set(input.file, lines);
      total += lines.length;
    }
  } catch {
    // A pattern that does not compile reports nowhere; the pack test says why.
  }
  return { total, files: byFile.size, linesIn: (file) => byFile.get(file) ?? [] };
}

/** Report Markdown as pack text: no trailing spaces (they would force quoted YAML), no runs of blank lines. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
