// Human output: one line per occurrence as `file:line:col  severity  ID  title` (terminals and VS Code make
// file:line:col clickable), grouped by file, then a summary line.
import { relative } from 'node:path';
import { SEVERITIES, type Severity } from '../engine';
import { countBySeverity, findingIndex, type ScanReport } from '../project/run-scan';
import { toPosix } from '../project/files';

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

export function formatText(report: ScanReport, cwd: string, style: Style): string {
  const out: string[] = [];
  const find = findingIndex(report.findings);
  const sevWidth = Math.max(...SEVERITIES.map((s) => s.length), 'warning'.length);
  for (const f of report.files) {
    if (!f.occurrences.length && !f.syntaxErrors.length && !f.error && !f.skipped) continue;
    const path = displayPath(f.file, cwd);
    const lines: Array<{ line: number; col: number; text: string }> = [];
    const locWidth = Math.max(0, ...[...f.occurrences.map((o) => o.range), ...f.syntaxErrors.map((e) => e.range)].map((r) => `${path}:${r.start.line + 1}:${r.start.character + 1}`.length));
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
      });
    }
    for (const e of f.syntaxErrors) {
      const where = `${path}:${e.range.start.line + 1}:${e.range.start.character + 1}`.padEnd(locWidth);
      lines.push({ line: e.range.start.line, col: e.range.start.character, text: `${where}  ${style.severity('warning', 'warning'.padEnd(sevWidth))}  ${style.dim('syntax')}  ${e.message}` });
    }
    if (f.error) lines.push({ line: -1, col: 0, text: `${path}  ${style.severity('error', 'error'.padEnd(sevWidth))}  ${f.error}` });
    if (f.skipped) lines.push({ line: -1, col: 0, text: `${path}  ${style.severity('warning', 'warning'.padEnd(sevWidth))}  ${f.skipped}` });
    lines.sort((a, b) => a.line - b.line || a.col - b.col);
    if (out.length) out.push('');
    out.push(...lines.map((l) => l.text));
  }
  if (out.length) out.push('');
  out.push(summaryLine(report, style));
  return out.join('\n') + '\n';
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
