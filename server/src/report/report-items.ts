// The editor's findings as the reports of an editor see them (SARIF export, Markdown report): the server's own and
// imported ones alike, each with its rule's text, where it is, its code and the team's triage decision. The language
// server gathers these (lsp/requests/report.ts); the renderers only format them.
import type { ImportedRule, ReportFinding } from '../shared/protocol';
import { SEVERITIES } from '../shared/types';

export interface ReportItem extends ReportFinding {
  source: 'hindsight' | 'imported';
  /** What the finding's rule says: the pack's finding, or the imported tool's rule. */
  rule: ImportedRule;
  /** The pack's version, for the server's own findings. */
  packVersion?: string;
  /** Where it is as people read it: relative to its workspace folder (with the folder's name in a multi-root workspace). */
  path: string;
  /** The file on disk (absolute), when the uri is a file: SARIF locates it relative to a workspace folder. */
  file?: string;
  /** The matched code, whole lines, dedented; '' when the file cannot be read. */
  code?: string;
  /** The triage decision's note; its status is `triage`. */
  note?: { comment: string; author: string; date: string };
}

/** Most severe first, then by place and id: the order of the panel. */
export function compareReportItems(a: ReportFinding, b: ReportFinding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.uri.localeCompare(b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.findingId.localeCompare(b.findingId)
  );
}

/** Accepted as not to be fixed: SARIF suppressions, and apart from the findings in the Markdown report (false positives). */
export function isSuppressed(item: ReportFinding): boolean {
  return item.triage === 'false-positive' || item.triage === 'wont-fix';
}

/** The lines a range spans, with their common indentation removed. */
export function codeLines(text: string, range: { start: { line: number }; end: { line: number } }): string {
  const lines = text.split(/\r?\n/).slice(range.start.line, range.end.line + 1);
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
