// SARIF 2.1.0 export of the current findings, for GitHub code scanning and other SARIF viewers.
// Triage decisions travel as SARIF suppressions, fingerprints as partialFingerprints.
import type * as Sarif from 'sarif';
import type { FindingDetails, Severity } from '../../../server/src/shared/protocol';
import type { Item } from '../findingsModel';
import type { TriageEntry } from '../triage/triageFile';

const LEVEL: Record<Severity, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub's `security-severity` scale: critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.0' };

export interface SarifExportInput {
  items: Item[];
  version: string;
  relPath: (uri: string) => string;
  details: (item: Item) => FindingDetails | null | undefined;
  triage: (item: Item) => TriageEntry | undefined;
}

export function renderSarif(input: SarifExportInput): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Sarif.Result[] = [];
  for (const item of input.items) {
    const key = `${item.pack}/${item.findingId}`;
    if (!ruleIndex.has(key)) {
      const d = input.details(item);
      const description = d?.description ?? item.rule?.description;
      const recommendation = d?.recommendation ?? item.rule?.recommendation;
      const refs = d?.references ?? item.rule?.references ?? [];
      ruleIndex.set(key, rules.length);
      rules.push({
        id: item.findingId,
        name: item.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
        shortDescription: { text: item.title },
        ...(description ? { fullDescription: { text: description.trim() } } : {}),
        ...(recommendation ? { help: { text: recommendation.trim(), markdown: `${recommendation.trim()}\n\n${refs.map((r) => `- [${r.title ?? r.swc ?? r.url}](${r.url})`).join('\n')}` } } : {}),
        ...(refs[0] ? { helpUri: refs[0].url } : {}),
        defaultConfiguration: { level: LEVEL[item.severity] },
        properties: {
          tags: ['security', item.category],
          precision: item.confidence === 'high' ? 'high' : item.confidence === 'medium' ? 'medium' : 'low',
          'security-severity': SECURITY_SEVERITY[item.severity],
          pack: item.source === 'imported' ? `imported:${item.tool ?? 'sarif'}` : item.pack,
        },
      });
    }
    const t = input.triage(item);
    const suppressed = item.triage === 'false-positive' || item.triage === 'wont-fix';
    results.push({
      ruleId: item.findingId,
      ruleIndex: ruleIndex.get(key),
      level: LEVEL[item.severity],
      message: { text: item.message ?? item.title },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: input.relPath(item.uri), uriBaseId: 'SRCROOT' },
            region: {
              startLine: item.range.start.line + 1,
              startColumn: item.range.start.character + 1,
              endLine: item.range.end.line + 1,
              endColumn: item.range.end.character + 1,
            },
          },
          ...(item.contract || item.function
            ? { logicalLocations: [{ fullyQualifiedName: [item.contract, item.function].filter(Boolean).join('.'), kind: item.function ? 'function' : 'type' }] }
            : {}),
        },
      ],
      partialFingerprints: { 'hindsight/v1': item.fingerprint },
      ...(suppressed
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${item.triage}${t?.comment ? `: ${t.comment}` : ''}` }] }
        : {}),
      properties: { triage: item.triage, ...(t ? { triageAuthor: t.author, triageComment: t.comment } : {}) },
    });
  }
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'Hindsight', version: input.version, rules } },
        originalUriBaseIds: { SRCROOT: { uri: './' } },
        results,
      },
    ],
  };
}
