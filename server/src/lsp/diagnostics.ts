// Engine results -> LSP diagnostics. Severity mapping: critical/high -> Error, medium -> Warning,
// low -> Information, info -> Hint. Diagnostics the server raises about comments and pack files are
// Information (suppression comments) or follow the pack problem's own severity.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine/finding';
import type { SuppressionProblem } from '../engine/suppress';
import { SUPPRESS_UNUSED } from '../engine/suppress';
import type { Occurrence, Severity, SyntaxProblem } from '../engine/types';
import type { PackProblem } from '../packs/load';
import { DIAGNOSTIC_SOURCE, SERVER_CODES, type FindingDiagnosticData, type ServerDiagnosticData } from '../shared/protocol';

export function lspSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'critical':
    case 'high':
      return DiagnosticSeverity.Error;
    case 'medium':
      return DiagnosticSeverity.Warning;
    case 'low':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export function findingDiagnostic(o: Occurrence, f: Finding): Diagnostic {
  const data: FindingDiagnosticData = {
    kind: 'finding',
    findingId: f.id,
    pack: o.pack,
    severity: f.severity,
    confidence: f.confidence,
    category: f.category,
    ...(f.owasp ? { owasp: f.owasp } : {}),
    fingerprint: o.fingerprint,
    hasFix: !!o.fix,
    ...(o.fix ? { fixSafe: o.fix.safe } : {}),
  };
  const href = f.references.find((r) => isHttpUrl(r.url))?.url;
  return {
    range: o.range,
    severity: lspSeverity(f.severity),
    source: DIAGNOSTIC_SOURCE,
    code: f.id,
    ...(href ? { codeDescription: { href } } : {}),
    message: f.title,
    data,
  };
}

/**
 * A finding in a test, script, mock or dependency file, as a hint that says why: it informs without alarming.
 * `data.severity` keeps the finding's own severity.
 */
export function gradedDown(d: Diagnostic, role: string): Diagnostic {
  const why = role === 'dependency' ? 'in a dependency' : `in a ${role} file; set hindsight.analyzeTests to report it at its severity`;
  return { ...d, severity: DiagnosticSeverity.Hint, message: `${d.message} (${why})` };
}

export function syntaxDiagnostic(p: SyntaxProblem): Diagnostic {
  const data: ServerDiagnosticData = { kind: 'syntax' };
  return {
    range: p.range,
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: SERVER_CODES.syntax,
    message: `${p.message} (Hindsight keeps checking the parts that parse)`,
    data,
  };
}

/** At the top of a document the server does not analyse (too large): says so, rather than showing nothing. */
export function skippedDiagnostic(reason: string): Diagnostic {
  const data: ServerDiagnosticData = { kind: 'too-large' };
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: SERVER_CODES.tooLarge,
    message: reason,
    data,
  };
}

export function suppressionDiagnostic(p: SuppressionProblem): Diagnostic {
  const data: ServerDiagnosticData = { kind: 'suppression' };
  return {
    range: p.range,
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: p.code,
    message: p.message,
    ...(p.code === SUPPRESS_UNUSED ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}

export function packDiagnostic(p: PackProblem): Diagnostic {
  const data: ServerDiagnosticData = { kind: 'pack' };
  return {
    range: p.range,
    severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: SERVER_CODES.pack,
    message: p.findingId && !p.message.startsWith(p.findingId) ? `${p.findingId}: ${p.message}` : p.message,
    data,
  };
}

function isHttpUrl(u: string): boolean {
  return /^https?:\/\//i.test(u);
}
