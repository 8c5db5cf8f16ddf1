// SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer). What GitHub reads: rule metadata with
// help and `security-severity` (how it ranks alerts), results located relative to %SRCROOT% (the checkout),
// and partialFingerprints so an alert survives unrelated edits that move its line.
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, Range, Severity, TextEdit } from '../engine';
import { findingIndex, type ScanReport } from '../project/run-scan';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'hindsight/v1';

/** GitHub maps >= 9.0 to critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const PRECISION: Record<string, string> = { high: 'high', medium: 'medium', low: 'low' };

export interface SarifOptions {
  cwd: string;
  tool: { name: string; version: string; informationUri: string };
}

export function toSarif(report: ScanReport, options: SarifOptions): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<Finding, number>();
  const ruleIds = new Set<string>();
  for (const f of report.findings) {
    // Ids are unique within a pack; a clash between packs is disambiguated with the pack name.
    const id = ruleIds.has(f.id) ? `${f.pack.name}/${f.id}` : f.id;
    ruleIds.add(id);
    ruleIndex.set(f, rules.length);
    rules.push(rule(f, id));
  }
  const find = findingIndex(report.findings);
  const srcRoot = options.cwd;
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const file of report.files) {
    const location = artifactLocation(file.file, srcRoot);
    for (const o of file.occurrences) {
      const f = find(o);
      if (!f) continue;
      const index = ruleIndex.get(f)!;
      const where = [o.contract, o.function].filter(Boolean).join('.');
      const result: Sarif.Result = {
        ruleId: rules[index].id,
        ruleIndex: index,
        level: LEVEL[f.severity],
        message: { text: `${f.title}${where ? ` (in ${where})` : ''}. ${firstSentence(f.recommendation)}`.trim() },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(o.range) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: o.fingerprint },
        properties: { pack: o.pack, confidence: f.confidence, category: f.category },
      };
      if (o.fix?.edits.length) {
        result.fixes = [
          {
            description: { text: `${o.fix.title}${o.fix.safe ? '' : ' (review before applying)'}` },
            artifactChanges: [{ artifactLocation: location, replacements: o.fix.edits.map(replacement) }],
          },
        ];
      }
      results.push(result);
    }
    for (const e of file.syntaxErrors) {
      notifications.push({
        level: 'warning',
        message: { text: `Syntax error: ${e.message}` },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(e.range) } }],
        descriptor: { id: 'syntax-error' },
      });
    }
    if (file.skipped) {
      notifications.push({ level: 'warning', message: { text: file.skipped }, locations: [{ physicalLocation: { artifactLocation: location } }] });
    }
    if (file.error) {
      notifications.push({ level: 'error', message: { text: file.error }, locations: [{ physicalLocation: { artifactLocation: location } }] });
    }
  }
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: options.tool.name,
        version: options.tool.version,
        semanticVersion: options.tool.version,
        informationUri: options.tool.informationUri,
        rules,
      },
    },
    originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(srcRoot.endsWith(sep) ? srcRoot : srcRoot + sep).href } },
    columnKind: 'utf16CodeUnits',
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    results,
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function rule(f: Finding, id: string): Sarif.ReportingDescriptor {
  const refs = f.references.map((r) => `- [${r.swc ?? r.title ?? r.url}${r.swc && r.title ? `: ${r.title}` : ''}](${r.url})`);
  const markdown = [
    `**${f.title}** (${f.severity}, ${f.confidence} confidence, ${f.category})`,
    '',
    f.description.trim(),
    '',
    '**Recommendation**',
    '',
    f.recommendation.trim(),
    '',
    '**References**',
    '',
    ...refs,
    '',
    `Pack: ${f.pack.name} ${f.pack.version}`,
  ].join('\n');
  const text = [f.description.trim(), '', `Recommendation: ${f.recommendation.trim()}`, '', 'References:', ...f.references.map((r) => `- ${r.swc ?? r.title ?? ''} ${r.url}`.replace(/ +/g, ' '))].join('\n');
  const tags = ['security', 'solidity', f.category, ...f.references.filter((r) => r.swc).map((r) => r.swc!)];
  const properties: Sarif.PropertyBag = {
    tags: [...new Set(tags)],
    precision: PRECISION[f.confidence],
    'problem.severity': LEVEL[f.severity] === 'note' ? 'recommendation' : LEVEL[f.severity],
    pack: f.pack.name,
    severity: f.severity,
  };
  const sec = SECURITY_SEVERITY[f.severity];
  if (sec) properties['security-severity'] = sec;
  return {
    id,
    name: pascal(f.title),
    shortDescription: { text: f.title },
    fullDescription: { text: f.description.trim() },
    help: { text, markdown },
    helpUri: f.references[0]?.url,
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties,
  };
}

function artifactLocation(file: string, srcRoot: string): Sarif.ArtifactLocation {
  const rel = relative(srcRoot, file);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(file).href };
}

function region(r: Range): Sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function replacement(e: TextEdit): Sarif.Replacement {
  return { deletedRegion: region(e.range), insertedContent: { text: e.newText } };
}

function firstSentence(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  const m = /^(.+?[.!?])(\s|$)/.exec(t);
  return m ? m[1] : t;
}

/** GitHub shows rule.name as an identifier-like label. */
function pascal(title: string): string {
  return title
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
