// Reads the results of other analysers (Slither, Aderyn, Semgrep, …) from a SARIF 2.1.0 log as findings, so an
// editor shows them next to Hindsight's own (lsp hindsight/importSarif). Severity comes from GitHub's
// `security-severity`, else Slither-style impact words, else the SARIF level; identity is a hash of tool, rule and
// the result's own fingerprint (or its place), so triage keyed by it survives re-importing the same log.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Sarif from 'sarif';
import { pathToUri } from '../project/workspace';
import type { Confidence, ImportedFinding, Severity } from '../shared/protocol';

/** Not a SARIF 2.1.0 log; the message names the file and, for JSON errors, the line and column. */
export class SarifImportError extends Error {}

export interface SarifImportOptions {
  /** Turns a result's artifact URI (possibly relative, possibly with a uriBaseId) into a document URI; undefined skips the result. */
  resolve: (uri: string, uriBaseId: string | undefined, run: Sarif.Run) => string | undefined;
  /** Named in errors. */
  file: string;
}

export function importSarif(source: string, opts: SarifImportOptions): { findings: ImportedFinding[]; skipped: number } {
  const log = parseLog(source, opts.file);
  const findings: ImportedFinding[] = [];
  let skipped = 0;
  for (const run of log.runs) {
    const tool = run.tool?.driver?.name || 'SARIF';
    const rules = new Map<string, Sarif.ReportingDescriptor>();
    for (const r of run.tool?.driver?.rules ?? []) if (r?.id) rules.set(r.id, r);
    for (const [n, result] of (run.results ?? []).entries()) {
      const rule =
        (result.ruleId && rules.get(result.ruleId)) || (typeof result.ruleIndex === 'number' ? run.tool?.driver?.rules?.[result.ruleIndex] : undefined);
      const ruleId = result.ruleId ?? rule?.id ?? `${tool}-${n}`;
      const phys = result.locations?.[0]?.physicalLocation;
      const artifact = phys?.artifactLocation;
      const uri = artifact?.uri ? opts.resolve(artifact.uri, artifact.uriBaseId, run) : undefined;
      if (!uri) {
        skipped++;
        continue;
      }
      const region = phys?.region ?? {};
      const startLine = Math.max(0, (region.startLine ?? 1) - 1);
      const startChar = Math.max(0, (region.startColumn ?? 1) - 1);
      const endLine = Math.max(startLine, (region.endLine ?? region.startLine ?? 1) - 1);
      // No column at all: the whole line.
      const endChar = region.endColumn !== undefined ? Math.max(0, region.endColumn - 1) : region.startColumn === undefined ? 10_000 : startChar;
      const range = { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
      const props = { ...(rule?.properties ?? {}), ...(result.properties ?? {}) } as Record<string, unknown>;
      const severity =
        securitySeverity(props['security-severity']) ??
        wordSeverity(props.impact ?? props.severity) ??
        levelToSeverity(result.level ?? rule?.defaultConfiguration?.level ?? 'warning');
      const message = text(result.message);
      const title = text(rule?.shortDescription) || rule?.name || ruleId;
      const fpSource =
        Object.values(result.partialFingerprints ?? result.fingerprints ?? {})[0] ??
        `${ruleId}\u0000${artifact?.uri}\u0000${region.snippet?.text ?? `${region.startLine}:${message}`}`;
      const fingerprint = `sarif-${createHash('sha256').update(`${tool}\u0000${ruleId}\u0000${fpSource}`).digest('hex').slice(0, 24)}`;
      const tags = Array.isArray(props.tags) ? (props.tags as unknown[]).filter((t): t is string => typeof t === 'string') : [];
      // Hindsight's own SARIF says the category; other tools may tag it (after the generic tags).
      const category = typeof props.category === 'string' && props.category ? props.category : (tags.find((t) => t !== 'security' && t !== 'solidity') ?? tool);
      const helpUri = rule?.helpUri;
      findings.push({
        source: 'imported',
        tool,
        message,
        uri,
        range,
        matchRange: range,
        findingId: ruleId,
        title,
        severity,
        confidence: precisionToConfidence(props.precision ?? props.confidence),
        category,
        pack: `imported:${tool}`,
        fingerprint,
        contract: '',
        function: '',
        hasFix: false,
        triage: 'open',
        rule: {
          description: text(rule?.fullDescription) || message,
          recommendation: text(rule?.help),
          references: helpUri ? [{ title: `${tool}: ${ruleId}`, url: helpUri }] : [],
        },
      });
    }
  }
  return { findings, skipped };
}

/**
 * Resolves artifact URIs to document URIs as the server spells them: `file:` URIs and absolute paths as they are,
 * relative ones against their uriBaseId (when the log says where it is), else against the first of `roots` where the
 * file exists, else the first root. A URI that names no file (another scheme, malformed) skips its result.
 */
export function artifactResolver(roots: readonly string[]): SarifImportOptions['resolve'] {
  return (uri, base, run) => {
    try {
      if (/^file:/i.test(uri)) return pathToUri(fileURLToPath(uri));
      // Another scheme (https:, untitled:…); a one-letter "scheme" is a Windows drive.
      if (/^[a-z][a-z0-9+.-]+:/i.test(uri)) return undefined;
      const decoded = decodeURIComponent(uri);
      if (path.isAbsolute(decoded)) return pathToUri(decoded);
      const baseUri = base ? run.originalUriBaseIds?.[base]?.uri : undefined;
      if (baseUri && /^file:/i.test(baseUri)) return pathToUri(path.join(fileURLToPath(baseUri), decoded));
      const found = roots.find((root) => existsSync(path.join(root, decoded)));
      const root = found ?? roots[0];
      return root === undefined ? undefined : pathToUri(path.join(root, decoded));
    } catch {
      return undefined;
    }
  };
}

function parseLog(source: string, file: string): Sarif.Log & { runs: Sarif.Run[] } {
  let log: Sarif.Log;
  try {
    log = JSON.parse(source) as Sarif.Log;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    throw new SarifImportError(`${file}: not valid JSON${pos ? ` at ${lineColumn(source, Number(pos[1]))}` : ''} (${msg})`);
  }
  if (!log || typeof log !== 'object' || !Array.isArray(log.runs)) throw new SarifImportError(`${file}: not a SARIF log (no "runs" array)`);
  if (log.version && log.version !== '2.1.0') throw new SarifImportError(`${file}: SARIF version ${log.version} is not supported (expected 2.1.0)`);
  return log;
}

function levelToSeverity(level: string | undefined): Severity {
  switch (level) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return 'info';
  }
}

/** GitHub's scale for `security-severity` (a number as a string, 0–10). */
function securitySeverity(value: unknown): Severity | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return undefined;
  if (n >= 9) return 'critical';
  if (n >= 7) return 'high';
  if (n >= 4) return 'medium';
  if (n > 0) return 'low';
  return 'info';
}

/** Slither writes "Impact"/"Confidence" words in its rule ids and properties; take them when present. */
function wordSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase();
  if (v === 'critical' || v === 'high' || v === 'medium' || v === 'low') return v;
  if (v === 'informational' || v === 'info' || v === 'optimization') return 'info';
  return undefined;
}

function precisionToConfidence(p: unknown): Confidence {
  if (p === 'very-high' || p === 'high') return 'high';
  if (p === 'low') return 'low';
  return 'medium';
}

function text(m: Sarif.Message | Sarif.MultiformatMessageString | undefined): string {
  return (m && ('text' in m ? m.text : undefined)) ?? (m && 'markdown' in m ? m.markdown : undefined) ?? '';
}

function lineColumn(src: string, offset: number): string {
  const before = src.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
