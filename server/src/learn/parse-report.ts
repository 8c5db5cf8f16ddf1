// Which layout a report is in, and its findings. Each layout has its own parser; this module picks one by what
// the report looks like (or by --format), and refuses to return an empty result: a report we cannot read is an
// error that names the line where reading stopped, never a silent empty pack.
import { readMarkdown, type MarkdownDoc } from './markdown';
import { looksLikeCode4rena, parseCode4rena } from './parse-code4rena';
import { looksLikeCommunity, parseCommunity } from './parse-community';
import { looksLikeCyfrin, parseCyfrin } from './parse-cyfrin';
import { parseSoloditJson } from './parse-json';
import { looksLikeSherlock, parseSherlock } from './parse-sherlock';
import { findingsTable, parseTable } from './parse-table';
import { ReportError, type ParsedReport, type ReportFinding, type ReportFormat } from './types';

const MARKDOWN_LAYOUTS: Array<{ format: Exclude<ReportFormat, 'solodit-json'>; looks: (d: MarkdownDoc) => boolean }> = [
  { format: 'sherlock', looks: looksLikeSherlock },
  { format: 'code4rena', looks: looksLikeCode4rena },
  { format: 'cyfrin', looks: looksLikeCyfrin },
  { format: 'table', looks: (d) => findingsTable(d) !== undefined },
  { format: 'community', looks: looksLikeCommunity },
];

/** Reads a report's text. Throws ReportError (message and 1-based line) when the layout is unknown or broken. */
export function parseReport(text: string, format?: ReportFormat): ParsedReport {
  if (format === 'solodit-json' || (!format && /^\s*[[{]/.test(text))) {
    const json = parseSoloditJson(text);
    return nonEmpty({ format: 'solodit-json', title: json.title, url: json.url, findings: json.findings }, 1);
  }
  const doc = readMarkdown(text);
  const chosen = format ?? MARKDOWN_LAYOUTS.find((l) => l.looks(doc))?.format;
  const fm = doc.frontMatter;
  const title = str(fm.title) ?? str(fm.sponsor) ?? doc.blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  const url = str(fm.url) ?? str(fm.report);
  const firstHeading = doc.blocks.find((b) => b.kind === 'heading');
  switch (chosen) {
    case 'code4rena':
      return nonEmpty({ format: chosen, title, url, findings: parseCode4rena(doc) }, firstHeading ? firstHeading.line + 1 : 1);
    case 'sherlock':
      return nonEmpty({ format: chosen, title, url, findings: parseSherlock(doc) }, firstHeading ? firstHeading.line + 1 : 1);
    case 'cyfrin':
      return nonEmpty({ format: chosen, title, url, findings: parseCyfrin(doc) }, firstHeading ? firstHeading.line + 1 : 1);
    case 'table':
      return nonEmpty({ format: chosen, title, url, findings: parseTable(doc) }, findingsTable(doc)?.block.line ?? 0);
    case 'community': {
      const c = parseCommunity(doc);
      return { format: chosen, title: c.finding.title, url: c.url, source: c.source, findings: [c.finding] };
    }
  }
  const at = firstHeading ?? doc.blocks[0];
  throw new ReportError(
    'unknown report layout: expected Code4rena ("## [H-01] Title"), Sherlock ("# Issue H-1: Title"), Cyfrin ("## High Risk" then "### Title"), a findings table (ID | Title | Severity), a community report ("# Title" with "Severity: High") or a Solodit JSON export' +
      (at ? `; reading stopped at "${doc.lines[at.line].trim().slice(0, 60)}"` : '; the report is empty'),
    at ? at.line + 1 : 1,
  );
}

function nonEmpty(report: ParsedReport, line: number): ParsedReport {
  if (report.findings.length === 0) throw new ReportError(`read as a ${report.format} report, but it holds no findings`, Math.max(1, line));
  const seen = new Map<string, ReportFinding>();
  for (const f of report.findings) {
    if (!f.title) throw new ReportError(`${f.id} has no title`, f.line);
    const first = seen.get(f.id);
    if (first) throw new ReportError(`${f.id} appears twice (first on line ${first.line})`, f.line);
    seen.set(f.id, f);
  }
  return report;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
