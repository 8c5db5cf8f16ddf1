// Human output: one line per occurrence as `file:line:col  severity  ID  title` (terminals and VS Code make
// file:line:col clickable), grouped by file, then a summary line. Given the files' text, each occurrence's line
// is followed by its code with a caret under the range and the finding's recommendation (snippet.ts); without
// it (`--format compact`), one line per occurrence.
import { relative } from 'node:path';
import { SEVERITIES, type Range, type Severity } from '../engine';
import { countBySeverity, findingIndex, type ScanReport } from '../project/run-scan';
import { toPosix } from '../project/files';
import { snippetOf, wrap, type SourceReader } from './snippet';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity | 'warning' | 'error', s: string): string;
}

const CODES: Record<string, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  magenta: [35, 39],
  yellow: [33, 39],
  blue: [34, 39],
  gray: [90, 39],
};
const SEV_COLOUR: Record<string, string> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'blue', info: 'gray', warning: 'yellow', error: 'red' };

export function makeStyle(colour: boolean): Style {
  const wrap = (name: string, s: string) => (colour ? `\u001b[${CODES[name][0]}m${s}\u001b[${CODES[name][1]}m` : s);
  return {
    bold: (s) => wrap('bold', s),
    dim: (s) => wrap('dim', s),
    severity: (sev, s) => wrap(SEV_COLOUR[sev] ?? 'bold', s),
  };
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return toPosix(rel && !rel.startsWith('..') ? rel : file);
}

export interface TextOptions {
  /** The files' text: each finding then shows its code and recommendation. */
  source?: SourceReader;
}

export function formatText(report: ScanReport, cwd: string, style: Style, options: TextOptions = {}): string {
  const out: string[] = [];
  const find = findingIndex(report.findings);
  const sevWidth = Math.max(...SEVERITIES.map((s) => s.length), 'warning'.length);
  for (const f of report.files) {
    if (!f.occurrences.length && !f.syntaxErrors.length && !f.error && !f.skipped) continue;
    const path = displayPath(f.file, cwd);
    const lines: Array<{ line: number; col: number; text: string; detail?: string[] }> = [];
    const text = options.source?.(f.file);
    const locWidth = Math.max(
      0,
      ...[...f.occurrences.map((o) => o.range), ...f.syntaxErrors.map((e) => e.range)].map(
        (r) => `${path}:${r.start.line + 1}:${r.start.character + 1}`.length,
      ),
    );
    const idWidth = Math.max(0, ...f.occurrences.map((o) => o.findingId.length));
    for (const o of f.occurrences) {
      const finding = find(o);
      const sev = finding?.severity ?? 'info';
      const where = `${path}:${o.range.start.line + 1}:${o.range.start.character + 1}`.padEnd(locWidth);
      const fix = o.fix ? style.dim(o.fix.safe ? '  [fix]' : '  [fix, review]') : '';
      lines.push({
        line: o.range.start.line,
        col: o.range.start.character,
        text: `${where}  ${style.severity(sev, sev.padEnd(sevWidth))}  ${style.bold(o.findingId)}${' '.repeat(idWidth - o.findingId.length)}  ${finding?.title ?? ''}${fix}`,
        detail: options.source ? detailLines(text, o.range, finding?.recommendation ?? '', sev, style) : undefined,
      });
    }
    for (const e of f.syntaxErrors) {
      const where = `${path}:${e.range.start.line + 1}:${e.range.start.character + 1}`.padEnd(locWidth);
      lines.push({
        line: e.range.start.line,
        col: e.range.start.character,
        text: `${where}  ${style.severity('warning', 'warning'.padEnd(sevWidth))}  ${style.dim('syntax')}  ${e.message}`,
      });
    }
    if (f.error) lines.push({ line: -1, col: 0, text: `${path}  ${style.severity('error', 'error'.padEnd(sevWidth))}  ${f.error}` });
    if (f.skipped) lines.push({ line: -1, col: 0, text: `${path}  ${style.severity('warning', 'warning'.padEnd(sevWidth))}  ${f.skipped}` });
    lines.sort((a, b) => a.line - b.line || a.col - b.col);
    if (out.length) out.push('');
    for (const [i, l] of lines.entries()) {
      // With snippets, each finding is a paragraph of its own.
      if (i > 0 && (l.detail || lines[i - 1].detail)) out.push('');
      out.push(l.text, ...(l.detail ?? []));
    }
  }
  if (out.length) out.push('');
  out.push(summaryLine(report, style));
  return out.join('\n') + '\n';
}

/** The snippet and the recommendation under a finding's line; the recommendation alone when the code is unknown. */
function detailLines(text: string | undefined, range: Range, recommendation: string, sev: Severity, style: Style): string[] {
  const snippet = text === undefined ? undefined : snippetOf(text, range);
  const width = Math.max(4, (snippet?.lineNumber.length ?? 0) + 2);
  const pad = ' '.repeat(width);
  const out: string[] = [];
  if (snippet)
    out.push(`${style.dim(`${snippet.lineNumber.padStart(width)} |`)} ${snippet.code}`, `${style.dim(`${pad} |`)} ${style.severity(sev, snippet.caret)}`);
  wrap(recommendation).forEach((line, i) => out.push(`${pad} ${i === 0 ? style.dim('=') : ' '} ${line}`));
  return out;
}

export function summaryLine(report: ScanReport, style: Style): string {
  const counts = countBySeverity(report);
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => style.severity(s, `${counts[s]} ${s}`));
  const withFindings = report.files.filter((f) => f.occurrences.length).length;
  const syntax = report.files.reduce((n, f) => n + f.syntaxErrors.length, 0);
  const suppressed = report.files.reduce((n, f) => n + f.suppressed.length, 0);
  const skipped = report.files.filter((f) => f.skipped).length;
  const files = report.files.length - skipped;
  const head = total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')})`;
  const extra = [
    `${files} file${files === 1 ? '' : 's'} scanned${total ? `, ${withFindings} with findings` : ''}`,
    ...(suppressed ? [`${suppressed} suppressed`] : []),
    ...(skipped ? [`${skipped} too large, skipped`] : []),
    ...(syntax ? [`${syntax} syntax error${syntax === 1 ? '' : 's'}`] : []),
    `${report.findings.length} rules from ${report.packs.length} pack${report.packs.length === 1 ? '' : 's'}`,
    `${report.durationMs} ms`,
  ];
  return `${style.bold(head)} · ${extra.join(' · ')}`;
}
