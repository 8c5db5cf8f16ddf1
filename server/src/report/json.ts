// `--format json`: a stable, documented shape (docs/cli.md). Lines and columns are 1-based here, like the text
// output and SARIF; columns count UTF-16 code units. Bump JSON_VERSION on any incompatible change.
import { SEVERITIES, type Range } from '../engine';
import { countBySeverity, findingIndex, type ScanReport } from '../project/run-scan';
import { lineAt, type SourceReader } from './snippet';
import { displayPath } from './text';

export const JSON_VERSION = 1;

export interface JsonRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export function jsonRange(r: Range): JsonRange {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
}

export function formatJson(report: ScanReport, cwd: string, tool: { name: string; version: string }, options: { source?: SourceReader } = {}): string {
  const find = findingIndex(report.findings);
  const findings = report.files.flatMap((f) => {
    const text = f.occurrences.length ? options.source?.(f.file) : undefined;
    return f.occurrences.map((o) => {
      const finding = find(o);
      return {
        file: displayPath(f.file, cwd),
        range: jsonRange(o.range),
        matchRange: jsonRange(o.matchRange),
        id: o.findingId,
        pack: o.pack,
        severity: finding?.severity ?? 'info',
        confidence: finding?.confidence ?? 'low',
        category: finding?.category ?? '',
        owasp: finding?.owasp ?? null,
        title: finding?.title ?? '',
        recommendation: finding?.recommendation.trim() ?? '',
        // The line the range starts on, as written (the text report's snippet); null when it cannot be read.
        snippet: text === undefined ? null : (lineAt(text, o.range.start.line) ?? null),
        contract: o.contract,
        function: o.function,
        fingerprint: o.fingerprint,
        fix: o.fix ? { available: true, title: o.fix.title, safe: o.fix.safe } : { available: false },
      };
    });
  });
  const syntaxErrors = report.files.flatMap((f) =>
    f.syntaxErrors.map((e) => ({ file: displayPath(f.file, cwd), range: jsonRange(e.range), message: e.message })),
  );
  const errors = report.files.filter((f) => f.error).map((f) => ({ file: displayPath(f.file, cwd), message: f.error! }));
  const skipped = report.files.filter((f) => f.skipped).map((f) => ({ file: displayPath(f.file, cwd), reason: f.skipped! }));
  const suppressed = report.files.flatMap((f) =>
    f.suppressed.map((s) => ({
      file: displayPath(f.file, cwd),
      range: jsonRange(s.occurrence.range),
      id: s.occurrence.findingId,
      pack: s.occurrence.pack,
      reason: s.reason,
    })),
  );
  const counts = countBySeverity(report);
  const out = {
    version: JSON_VERSION,
    tool,
    packs: report.packs.map((p) => ({ name: p.info.name, version: p.info.version, findings: p.findings.length })),
    findings,
    syntaxErrors,
    errors,
    skipped,
    suppressed,
    summary: {
      filesScanned: report.files.length - skipped.length,
      findings: findings.length,
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, counts[s]])),
      durationMs: report.durationMs,
    },
  };
  return JSON.stringify(out, null, 2) + '\n';
}
