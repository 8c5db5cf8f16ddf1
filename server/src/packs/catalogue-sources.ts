// Where a pack's findings come from, as catalogues show it (docs/findings.md, `hindsight pack docs`): how many per
// OWASP category and how many are traced to a real audit, and per pack version which findings were added or changed
// and from which reports.
import { OWASP_CODES, isTracedReference, owaspLabel, referenceSource } from '../shared/owasp';
import type { FindingText, OwaspCategory, Reference } from '../shared/types';
import type { ChangelogEntry } from './changelog';

type Sourced = Pick<FindingText, 'id' | 'owasp' | 'references'>;

/** Traced: a reference names a finding of a public audit report, or is an exploit post-mortem. */
export function isTraced(f: Pick<FindingText, 'references'>): boolean {
  return f.references.some(isTracedReference);
}

export interface OwaspRow {
  /** undefined: findings the pack gives no OWASP category. */
  code?: OwaspCategory;
  label: string;
  findings: number;
  traced: number;
}

/** One row per OWASP category in the Top 10's order (empty ones too: a gap is worth seeing), then the untagged. */
export function owaspSummary(findings: readonly Sourced[]): OwaspRow[] {
  const row = (code: OwaspCategory | undefined, label: string): OwaspRow => {
    const group = findings.filter((f) => f.owasp === code);
    return { ...(code ? { code } : {}), label, findings: group.length, traced: group.filter(isTraced).length };
  };
  const rows = OWASP_CODES.map((c) => row(c, owaspLabel(c)));
  const untagged = row(undefined, 'No OWASP category');
  return untagged.findings ? [...rows, untagged] : rows;
}

export interface VersionSources {
  version: string;
  added: string[];
  changed: string[];
  /** The audit and post-mortem references of the added and changed findings, in changelog order. */
  sources: Array<{ id: string; reference: Reference }>;
  /** Reports `hindsight learn` recorded for this version. */
  learned: string[];
}

/** The changelog, newest version first as written, with the reports its findings were traced to. */
export function changelogSources(log: readonly ChangelogEntry[], findings: readonly Sourced[]): VersionSources[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return log.map((e) => {
    const added = ids(e.added);
    const changed = ids(e.changed);
    const sources = [...added, ...changed].flatMap((id) => (byId.get(id)?.references ?? []).filter(isTracedReference).map((reference) => ({ id, reference })));
    const learned = Array.isArray(e.learned) ? e.learned.map((l) => l?.report).filter((r): r is string => typeof r === 'string') : [];
    return { version: e.version, added, changed, sources, learned };
  });
}

/** A Markdown list item naming a report: "- HS-X-001: [title](url) (audit, #278)". */
export function sourceLine(s: { id: string; reference: Reference }): string {
  const r = s.reference;
  const source = referenceSource(r);
  return `- ${s.id}: [${(r.title ?? r.url).replace(/[[\]]/g, '\\$&')}](${r.url.replace(/\)/g, '%29')})${source ? ` (${source})` : ''}`;
}

/**
 * Markdown: the OWASP table and the per-version change list with their reports, shared by the built-in catalogue
 * (docs/findings.md) and `hindsight pack docs`.
 */
export function sourcesMarkdown(findings: readonly Sourced[], log: readonly ChangelogEntry[], headingLevel = 2): string[] {
  const h = '#'.repeat(headingLevel);
  const out: string[] = [];
  const traced = findings.filter(isTraced).length;
  out.push(`${h} OWASP Smart Contract Top 10 (2025)`, '');
  out.push(
    `${traced} of ${findings.length} findings are traced to a real audit: one of their references names a finding of a public audit report (\`kind: audit\` with its \`finding\` id) or is an exploit post-mortem (\`kind: post-mortem\`).`,
    '',
  );
  out.push('| OWASP category | Findings | Traced to a real audit |', '|---|---|---|');
  for (const r of owaspSummary(findings)) out.push(`| ${r.label} | ${r.findings} | ${r.traced} |`);
  out.push(`| **Total** | ${findings.length} | ${traced} |`, '');
  const versions = changelogSources(log, findings);
  if (!versions.length) return out;
  out.push(`${h} Changes by version`, '');
  out.push('What each version of the pack added and changed (from its `changelog:`), and the audit reports and post-mortems those findings are traced to.', '');
  for (const v of versions) {
    out.push(`${h}# ${v.version}`, '');
    if (v.added.length) out.push(`**Added (${v.added.length}).** ${v.added.join(', ')}`, '');
    if (v.changed.length) out.push(`**Changed (${v.changed.length}).** ${v.changed.join(', ')}`, '');
    if (v.learned.length) out.push(`**Learned from.** ${v.learned.join(', ')}`, '');
    if (v.sources.length) out.push('**From these reports.**', '', ...v.sources.map(sourceLine), '');
    else if (v.added.length || v.changed.length) out.push('None of these findings names an audit report or post-mortem yet.', '');
  }
  return out;
}
