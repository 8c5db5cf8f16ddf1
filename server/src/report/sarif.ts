// SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer). What GitHub reads: rule metadata with
// help and `security-severity` (how it ranks alerts), results located relative to %SRCROOT% (the checkout),
// and partialFingerprints so an alert survives unrelated edits that move its line. One writer for the CLI's scan
// report (toSarif) and an editor's findings (findingsToSarif): the latter add team triage as suppressions and
// results imported from other tools.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Range, Severity, TextEdit } from '../engine';
import { OWASP_CATEGORIES, type FindingText } from '../shared/types';
import { owaspLabel, referenceSource } from '../shared/owasp';
import { occurrenceHash, SARIF_IDENTITY_KEY } from '../shared/finding-identity';
import { findingIndex, type ScanReport } from '../project/run-scan';
import { isSuppressed, type ReportItem } from './report-items';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** partialFingerprints key: the occurrence identity (rule, file, code fingerprint) of shared/finding-identity.ts. */
export const FINGERPRINT_KEY = SARIF_IDENTITY_KEY;
export const INFORMATION_URI = 'https://github.com/hindsight-dev/hindsight';
/** The base id GitHub resolves to the checkout. */
const SRCROOT = '%SRCROOT%';

/** GitHub maps >= 9.0 to critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const PRECISION: Record<string, string> = { high: 'high', medium: 'medium', low: 'low' };

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

export interface SarifOptions {
  cwd: string;
  /**
   * The folder `%SRCROOT%` stands for, default `cwd`. The CLI passes the repository's top folder, which is what
   * GitHub code scanning resolves it to, so a scan run from a sub-folder is placed right.
   */
  srcRoot?: string;
  tool: SarifTool;
}

/** What a rule says: a pack's finding, or the rule of a result imported from another tool. */
export interface RuleSource extends FindingText {
  /** `version` is absent for imported rules, whose `name` is `imported:<tool>`. */
  pack: { name: string; version?: string };
}

/** One occurrence of a rule. */
export interface ResultSource {
  range: Range;
  fingerprint: string;
  contract: string;
  function: string;
  /** Default: the rule's title, where it is and the first sentence of its recommendation. */
  message?: string;
  /** The same edits `hindsight scan --fix` and the editor's fix-all apply (engine/fix-all.ts). */
  fix?: { title: string; safe?: boolean; kind?: 'safe' | 'review'; edits: readonly TextEdit[] };
  properties: Sarif.PropertyBag;
  suppressions?: Sarif.Suppression[];
}

/** A workspace folder (or the CLI's working directory): files inside it are located relative to it. */
export interface SarifRoot {
  /** `%SRCROOT%` for the first; other folders' files are relative to their own base id. */
  id: string;
  path: string;
}

/** The scan report of the CLI (`hindsight scan --format sarif`): every loaded finding is a rule. */
export function toSarif(report: ScanReport, options: SarifOptions): Sarif.Log {
  // Every result is relative to %SRCROOT%, a file outside it too (`../vendor/X.sol`): a viewer can resolve
  // that, whereas an absolute file: URI names the machine that ran the scan.
  const run = new SarifRun([{ id: SRCROOT, path: options.srcRoot ?? options.cwd }], true);
  for (const f of report.findings) run.rule(f);
  const find = findingIndex(report.findings);
  for (const file of report.files) {
    const location = run.location(file.file);
    for (const o of file.occurrences) {
      const f = find(o);
      if (!f) continue;
      run.result(f, location, { ...o, properties: { pack: o.pack, confidence: f.confidence, category: f.category, ...(f.owasp ? { owasp: f.owasp } : {}) } });
    }
    for (const e of file.syntaxErrors) {
      run.notify({
        level: 'warning',
        message: { text: `Syntax error: ${e.message}` },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(e.range) } }],
        descriptor: { id: 'syntax-error' },
      });
    }
    if (file.skipped) run.notify({ level: 'warning', message: { text: file.skipped }, locations: [{ physicalLocation: { artifactLocation: location } }] });
    if (file.error) run.notify({ level: 'error', message: { text: file.error }, locations: [{ physicalLocation: { artifactLocation: location } }] });
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run.build(options.tool)] };
}

/**
 * An editor's findings (lsp hindsight/exportReport), in one run as GitHub wants one run per tool: the rules they
 * use, false positives and accepted risks as external suppressions, the triage decision in each result's properties.
 * Files are located relative to the first root (%SRCROOT%) or their own root's base id.
 */
export function findingsToSarif(items: readonly ReportItem[], options: { roots: SarifRoot[]; tool: SarifTool }): Sarif.Log {
  const run = new SarifRun(options.roots);
  for (const item of items) {
    const rule: RuleSource = {
      id: item.findingId,
      title: item.title,
      severity: item.severity,
      confidence: item.confidence,
      category: item.category,
      ...(item.owasp ? { owasp: item.owasp } : {}),
      ...item.rule,
      pack: { name: item.pack, ...(item.packVersion ? { version: item.packVersion } : {}) },
    };
    const note = item.note;
    run.result(rule, item.file ? run.location(item.file) : { uri: item.uri }, {
      ...item,
      ...(item.source === 'imported' && item.message ? { message: item.message } : {}),
      properties: {
        pack: item.pack,
        confidence: item.confidence,
        category: item.category,
        ...(item.owasp ? { owasp: item.owasp } : {}),
        triage: item.triage,
        ...(note ? { triageAuthor: note.author, triageComment: note.comment } : {}),
      },
      ...(isSuppressed(item)
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${item.triage}${note?.comment ? `: ${note.comment}` : ''}` }] }
        : {}),
    });
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run.build(options.tool)] };
}

/** The file part of a result's identity: relative to its root, as baselines and triage record it. */
function identityFile(location: Sarif.ArtifactLocation): string {
  const uri = location.uri ?? '';
  if (!location.uriBaseId) return uri;
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** Rules are added as they are first used (or up front), results refer to them by index. */
class SarifRun {
  private readonly rules: Sarif.ReportingDescriptor[] = [];
  private readonly ruleIndex = new Map<string, number>();
  private readonly ruleIds = new Set<string>();
  private readonly results: Sarif.Result[] = [];
  private readonly notifications: Sarif.Notification[] = [];

  constructor(
    private readonly roots: readonly SarifRoot[],
    /** Files outside every root are located relative to the first root (`../`) rather than by absolute URI. */
    private readonly relativeOutside = false,
  ) {}

  rule(r: RuleSource): number {
    const key = `${r.pack.name}\u0000${r.id}`;
    let index = this.ruleIndex.get(key);
    if (index === undefined) {
      // Ids are unique within a pack; a clash between packs is disambiguated with the pack name.
      const id = this.ruleIds.has(r.id) ? `${r.pack.name}/${r.id}` : r.id;
      this.ruleIds.add(id);
      index = this.rules.length;
      this.ruleIndex.set(key, index);
      this.rules.push(rule(r, id));
    }
    return index;
  }

  location(file: string): Sarif.ArtifactLocation {
    for (const root of this.roots) {
      const rel = relative(root.path, file);
      if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) {
        return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: root.id };
      }
    }
    const first = this.roots[0];
    const rel = first && relative(first.path, file);
    if (this.relativeOutside && rel && !isAbsolute(rel) && !/^[a-zA-Z]:/.test(rel)) {
      return {
        uri: rel
          .split(sep)
          .map((s) => (s === '..' ? s : encodeURIComponent(s)))
          .join('/'),
        uriBaseId: first.id,
      };
    }
    return { uri: pathToFileURL(file).href };
  }

  result(r: RuleSource, location: Sarif.ArtifactLocation, o: ResultSource): void {
    const index = this.rule(r);
    const where = [o.contract, o.function].filter(Boolean).join('.');
    const result: Sarif.Result = {
      ruleId: this.rules[index].id,
      ruleIndex: index,
      level: LEVEL[r.severity],
      message: { text: o.message ?? `${r.title}${where ? ` (in ${where})` : ''}. ${firstSentence(r.recommendation)}`.trim() },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(o.range) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: occurrenceHash({ findingId: r.id, file: identityFile(location), fingerprint: o.fingerprint }) },
      ...(o.suppressions ? { suppressions: o.suppressions } : {}),
      properties: o.properties,
    };
    if (o.fix?.edits.length) {
      const kind = o.fix.kind ?? (o.fix.safe ? 'safe' : 'review');
      result.fixes = [
        {
          description: { text: `${o.fix.title}${kind === 'safe' ? '' : ' (review before applying)'}` },
          artifactChanges: [{ artifactLocation: location, replacements: o.fix.edits.map(replacement) }],
          // What `hindsight scan --fix` applies: safe fixes; review fixes only with --fix-kind review.
          properties: { kind },
        },
      ];
    }
    this.results.push(result);
  }

  notify(n: Sarif.Notification): void {
    this.notifications.push(n);
  }

  build(tool: SarifTool): Sarif.Run {
    return {
      tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules: this.rules } },
      ...(this.roots.length
        ? { originalUriBaseIds: Object.fromEntries(this.roots.map((r) => [r.id, { uri: pathToFileURL(r.path.endsWith(sep) ? r.path : r.path + sep).href }])) }
        : {}),
      columnKind: 'utf16CodeUnits',
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: this.notifications }],
      results: this.results,
    };
  }
}

function rule(f: RuleSource, id: string): Sarif.ReportingDescriptor {
  const description = f.description.trim();
  const recommendation = f.recommendation.trim();
  const refs = f.references.map((r) => {
    const source = referenceSource(r);
    return `- [${r.swc ?? r.title ?? r.url}${r.swc && r.title ? `: ${r.title}` : ''}](${r.url})${source ? ` (${source})` : ''}`;
  });
  const origin = f.pack.version === undefined ? `Imported from ${f.pack.name.replace(/^imported:/, '')}` : `Pack: ${f.pack.name} ${f.pack.version}`;
  const markdown = [
    `**${f.title}** (${f.severity}, ${f.confidence} confidence, ${f.category})`,
    '',
    ...(f.owasp ? [`OWASP Smart Contract Top 10: ${owaspLabel(f.owasp)}`, ''] : []),
    ...(description ? [description, ''] : []),
    ...(recommendation ? ['**Recommendation**', '', recommendation, ''] : []),
    ...(refs.length ? ['**References**', '', ...refs, ''] : []),
    origin,
  ].join('\n');
  const text = [
    ...(f.owasp ? [`OWASP Smart Contract Top 10: ${owaspLabel(f.owasp)}`, ''] : []),
    ...(description ? [description, ''] : []),
    ...(recommendation ? [`Recommendation: ${recommendation}`, ''] : []),
    ...(f.references.length ? ['References:', ...f.references.map((r) => `- ${r.swc ?? r.title ?? ''} ${r.url}`.replace(/ +/g, ' '))] : []),
  ]
    .join('\n')
    .trim();
  // `owasp-sc02`: GitHub code scanning shows rule tags and filters by them (`tag:owasp-sc02`).
  const owasp = f.owasp ? [`owasp-${f.owasp.toLowerCase()}`] : [];
  const tags = ['security', 'solidity', f.category, ...owasp, ...f.references.filter((r) => r.swc).map((r) => r.swc!)];
  const properties: Sarif.PropertyBag = {
    tags: [...new Set(tags)],
    precision: PRECISION[f.confidence],
    'problem.severity': LEVEL[f.severity] === 'note' ? 'recommendation' : LEVEL[f.severity],
    pack: f.pack.name,
    severity: f.severity,
    ...(f.owasp ? { owasp: f.owasp, 'owasp.name': OWASP_CATEGORIES[f.owasp] } : {}),
  };
  const sec = SECURITY_SEVERITY[f.severity];
  if (sec) properties['security-severity'] = sec;
  return {
    id,
    name: pascal(f.title),
    shortDescription: { text: f.title },
    ...(description ? { fullDescription: { text: description } } : {}),
    help: { text: text || f.title, markdown },
    helpUri: f.references[0]?.url,
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties,
  };
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
