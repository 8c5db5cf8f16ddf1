// `hindsight learn` and the editor's "Learn from audit report…": read a report, find each finding's linked code
// in the checkout, learn a finding from it (learn-finding.ts) and, when asked, write them into a workspace pack
// (write-pack.ts). Reading and writing are apart so that an editor can show the drafts and let the reviewer
// choose before anything is written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSource } from '../engine/parse';
import { collectFiles } from '../project/files';
import { learnFinding, type LearnContext, type LearnedFinding } from './learn-finding';
import { parseReport } from './parse-report';
import { readCheckout, resolveLink, type ResolvedCode } from './resolve-link';
import { ReportError, type ParsedReport, type ReportFormat } from './types';
import { writeLearnedPack, type LearnedEntry, type WriteResult } from './write-pack';

export const LEARNED_PACK_DIR = path.join('.hindsight', 'packs', 'learned');
/** Reports are text; one larger than this is not a report. */
export const MAX_REPORT_BYTES = 8 * 1024 * 1024;

export interface LearnOptions {
  /** The report file. */
  report: string;
  /** The audited checkout (default: the current directory). */
  root: string;
  format?: ReportFormat;
  /** Prefix of the finding ids (default: from the report's name). */
  prefix?: string;
  /** The report's public address, when the report does not say. */
  url?: string;
  /** Whether git may be run to read the linked commit (default true; the editor says no in untrusted folders). */
  git?: boolean;
}

export interface LearnedReport {
  report: ParsedReport;
  /** As recorded in the pack: the report's address, else its path relative to the checkout. */
  reportRef: string;
  findings: LearnedFinding[];
  /** Links read from the working tree or a branch, paths that matched nothing: what the user should know. */
  warnings: string[];
}

/** Reads and learns from a report; writes nothing. Throws ReportError (with the report's line) or Error. */
export function learnReport(opts: LearnOptions): LearnedReport {
  const text = readReport(opts.report);
  const report = parseReport(text, opts.format);
  if (opts.url) report.url = opts.url;
  const root = path.resolve(opts.root);
  const rel = path.relative(root, path.resolve(opts.report)).split(path.sep).join('/');
  const reportRef = report.url ?? (rel.startsWith('..') ? path.resolve(opts.report) : rel);
  const checkout = readCheckout(root, { git: opts.git !== false });
  // Places are counted where `hindsight scan` looks by default (no tests, mocks or dependencies), so "reports N
  // places" is what the team will see.
  const inputs = collectFiles([root], { cwd: root }).files.flatMap((file) => {
    try {
      return [{ file, parsed: parseSource(fs.readFileSync(file, 'utf8')) }];
    } catch {
      return [];
    }
  });
  const warnings: string[] = [];
  const ctx: LearnContext = { report, reportRef, reportName: reportName(report, opts.report), inputs, root };
  const prefix = opts.prefix ?? idPrefix(report, opts.report);
  const findings = report.findings.map((rf) => {
    const why: string[] = [];
    let resolved: ResolvedCode | undefined;
    // The first link that leads to code here; the others stay in the description.
    for (const link of rf.links.filter((l) => l.startLine !== undefined)) {
      const r = resolveLink(link, checkout, (w) => warnings.push(`${opts.report}:${link.reportLine}: ${w}`));
      if ('error' in r) why.push(r.error);
      else {
        resolved = r;
        break;
      }
    }
    return learnFinding(rf, findingId(prefix, rf.id), resolved, why, ctx);
  });
  return { report, reportRef, findings, warnings };
}

/** Writes what learnReport learned into the pack folder (default .hindsight/packs/learned under root). */
export function writeLearned(learned: LearnedReport, packDir: string, only?: (f: LearnedFinding) => boolean): WriteResult {
  const entries: LearnedEntry[] = learned.findings
    .filter((f) => !only || only(f))
    .map((f) => ({
      definition: f.definition,
      ...(f.testText !== undefined ? { testText: f.testText } : {}),
      ...(f.asLearned ? { hashAs: f.asLearned } : {}),
      learned: {
        report: learned.reportRef,
        id: f.reportFinding.id,
        format: learned.report.format,
        ...(learned.report.source ? { source: learned.report.source } : {}),
      },
    }));
  return writeLearnedPack(packDir, entries, learned.reportRef);
}

function readReport(file: string): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    throw new Error(`cannot read the report ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (size > MAX_REPORT_BYTES) throw new ReportError(`the report is ${Math.round(size / 1024 / 1024)} MB; reports larger than 8 MB are not read`, 1);
  return fs.readFileSync(file, 'utf8');
}

/** `ACME` from front matter `sponsor: Acme`, a title, or the file name `2099-01-acme.md`. */
export function idPrefix(report: ParsedReport, file: string): string {
  const from = (s: string) =>
    s
      .toUpperCase()
      .split(/[^A-Z0-9]+/)
      .filter((w) => w && !/^\d+$/.test(w) && !/^(AUDIT|REPORT|FINDINGS|SECURITY|REVIEW|THE|OF)$/.test(w))
      .slice(0, 2)
      .join('-')
      .slice(0, 20)
      .replace(/-+$/, '');
  const name = from(path.basename(file).replace(/\.[^.]+$/, '')) || (report.title ? from(report.title) : '');
  return /^[A-Z]/.test(name) ? name : `LEARN${name ? `-${name}` : ''}`;
}

function findingId(prefix: string, reportId: string): string {
  const tail = reportId
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // A firm's own id (ACME-04, LEND-01) is used as it is; the platforms' short ones (H-01, M-2) get the prefix.
  return /^[A-Z][A-Z0-9]{2,}(-[A-Z0-9]+)+$/.test(tail) ? tail : `${prefix}-${tail || 'X'}`;
}

function reportName(report: ParsedReport, file: string): string {
  const fmt = { code4rena: 'Code4rena', sherlock: 'Sherlock', cyfrin: 'Cyfrin', table: '', 'solodit-json': 'Solodit', community: '' }[report.format];
  const title = report.title ?? path.basename(file);
  return fmt && !title.toLowerCase().includes(fmt.toLowerCase()) ? `${fmt} ${title}` : title;
}
