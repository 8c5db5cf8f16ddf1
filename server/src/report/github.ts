// `--format github`: GitHub Actions workflow commands, so findings show as annotations on the pull request's
// changed lines without uploading SARIF (which private repositories without code scanning cannot do):
//   ::error file=contracts/A.sol,line=5,endLine=5,col=16,endColumn=25,title=HS-ACCESS-001 (high)::message
// critical and high are errors, medium warnings, low and info notices. Paths are relative to the repository's top
// folder, which is where GitHub looks for them. Workflow commands are documented at
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { relative, sep } from 'node:path';
import type { Range, Severity } from '../engine';
import { findingIndex, type ScanReport } from '../project/run-scan';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

export function formatGithub(report: ScanReport, root: string, summary: string): string {
  const find = findingIndex(report.findings);
  const out: string[] = [];
  for (const f of report.files) {
    const file = relative(root, f.file).split(sep).join('/');
    for (const o of f.occurrences) {
      const finding = find(o);
      if (!finding) continue;
      const where = [o.contract, o.function].filter(Boolean).join('.');
      const message = `${finding.title}${where ? ` (in ${where})` : ''}.\n${finding.recommendation.trim().replace(/\s+/g, ' ')}`;
      out.push(command(COMMAND[finding.severity], { file, ...position(o.range), title: `${o.findingId} (${finding.severity})` }, message));
    }
    for (const e of f.syntaxErrors) out.push(command('warning', { file, ...position(e.range), title: 'Syntax error' }, e.message));
    if (f.error) out.push(command('error', { file, title: 'Not scanned' }, f.error));
    if (f.skipped) out.push(command('warning', { file, title: 'Not scanned' }, f.skipped));
  }
  out.push(summary);
  return `${out.join('\n')}\n`;
}

function position(r: Range): Record<string, number> {
  return { line: r.start.line + 1, endLine: r.end.line + 1, col: r.start.character + 1, endColumn: r.end.character + 1 };
}

function command(name: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
