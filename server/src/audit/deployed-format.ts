// Output of `hindsight deployed`: text for people, JSON for scripts, SARIF for code scanning.
import type * as Sarif from 'sarif';
import { SEVERITIES, type Confidence, type Severity } from '../engine/types';
import { CONFIDENCES, findingIndex } from '../project/run-scan';
import { toSarif, FINGERPRINT_KEY } from '../report/sarif';
import { occurrenceHash } from '../shared/finding-identity';
import { makeStyle } from '../report/text';
import { jsonRange } from '../report/json';
import { formatPackChanges } from '../packs/changelog';
import type { LoadedPack } from '../packs/load';
import type { DeployedFinding, DeploymentReport } from './deployed';
import { relativePath } from './scan-bridge';

export interface DeployedFilter {
  minSeverity: Severity;
  minConfidence: Confidence;
  /** Only findings not seen at the last review (with no review recorded yet, that is all of them). */
  onlyNew: boolean;
}

/** Thresholds apply to what is shown and to the exit code; the recorded state always holds everything. */
export function filterDeployed(r: DeploymentReport, f: DeployedFilter): DeploymentReport {
  if (!r.scan) return r;
  const sev = SEVERITIES.indexOf(f.minSeverity);
  const conf = CONFIDENCES.indexOf(f.minConfidence);
  const find = findingIndex(r.scan.findings);
  const keep = (x: DeployedFinding) => {
    const def = x.occurrence ? find(x.occurrence) : undefined;
    if (SEVERITIES.indexOf(x.severity) > sev) return false;
    if (def && CONFIDENCES.indexOf(def.confidence) > conf) return false;
    return !f.onlyNew || x.status !== 'known';
  };
  const findings = r.findings.filter(keep);
  const kept = new Set(findings.map((x) => x.occurrence));
  const scan = { ...r.scan, files: r.scan.files.map((file) => ({ ...file, occurrences: file.occurrences.filter((o) => kept.has(o)) })) };
  return { ...r, findings, scan };
}

function short(commit: string | undefined): string {
  return commit ? commit.slice(0, 10) : '?';
}

export function describeNew(x: DeployedFinding): string {
  if (x.status !== 'new') return '';
  switch (x.reason) {
    case 'pack-changed': {
      const c = x.packChange!;
      const versions = c.from === undefined ? `${c.pack} ${c.to} (new pack)` : c.from === c.to ? `${c.pack} ${c.to} (edited)` : `${c.pack} ${c.from} → ${c.to}`;
      return `new since last review: pack update ${versions}${c.listed ? `, ${c.listed} ${x.findingId}` : ''}`;
    }
    case 'source-changed':
      return 'new since last review: the deployment now points at another commit';
    case 'engine-changed':
      return 'new since last review: Hindsight was updated';
    default:
      return 'new since last review';
  }
}

export function deployedText(reports: DeploymentReport[], cwd: string, colour: boolean): string {
  const style = makeStyle(colour);
  const out: string[] = [];
  let total = 0;
  let fromPacks = 0;
  const changeLines = new Set<string>();
  for (const r of reports) {
    if (out.length) out.push('');
    const rev = r.commit && r.revision !== r.commit ? `${r.revision} (${short(r.commit)})` : short(r.commit ?? r.revision);
    const last = r.lastReviewed ? `last review ${r.lastReviewed.slice(0, 10)}` : 'first review';
    out.push(`${style.bold(r.name)}  ${r.chain} ${r.address}  at ${rev}  ${style.dim(`${r.files.length} file${r.files.length === 1 ? '' : 's'}, ${last}`)}`);
    if (r.error) {
      out.push(`  ${style.severity('error', 'error')}  ${r.error}`);
      continue;
    }
    const width = Math.max(...SEVERITIES.map((s) => s.length));
    const at = (x: DeployedFinding) => `${x.file}:${x.range.start.line + 1}:${x.range.start.character + 1}`;
    const whereWidth = Math.max(0, ...r.findings.map((x) => at(x).length));
    for (const x of r.findings) {
      const where = at(x).padEnd(whereWidth);
      const why = describeNew(x);
      out.push(
        `  ${where}  ${style.severity(x.severity, x.severity.padEnd(width))}  ${style.bold(x.findingId)}  ${x.title}${why ? `  ${style.severity('medium', `[${why}]`)}` : ''}`,
      );
      if (x.reason === 'pack-changed') fromPacks++;
    }
    for (const file of r.scan?.files ?? []) {
      for (const e of file.syntaxErrors)
        out.push(
          `  ${relativePath(cwd, file.file)}:${e.range.start.line + 1}:${e.range.start.character + 1}  ${style.severity('warning', 'warning')}  ${style.dim('syntax')}  ${e.message}`,
        );
      if (file.error) out.push(`  ${relativePath(cwd, file.file)}  ${style.severity('error', 'error')}  ${file.error}`);
      if (file.skipped) out.push(`  ${relativePath(cwd, file.file)}  ${style.severity('warning', 'warning')}  ${file.skipped}`);
    }
    const n = r.findings.length;
    const fresh = r.findings.filter((x) => x.status === 'new').length;
    total += n;
    out.push(`  ${n ? `${n} finding${n === 1 ? '' : 's'}` : 'No findings'}${fresh ? `, ${fresh} new since the last review` : ''}`);
    for (const line of formatPackChanges(r.packChanges)) changeLines.add(line);
  }
  out.push('');
  out.push(
    style.bold(
      `${total ? `${total} finding${total === 1 ? '' : 's'}` : 'No findings'} in ${reports.length} deployment${reports.length === 1 ? '' : 's'}${fromPacks ? `, ${fromPacks} brought by pack updates since the last review` : ''}`,
    ),
  );
  if (changeLines.size) out.push(`Pack updates since the last review: ${[...changeLines].join('; ')}`);
  return out.join('\n') + '\n';
}

export function deployedJson(reports: DeploymentReport[], packs: LoadedPack[], tool: { name: string; version: string }, cwd: string): string {
  const data = {
    version: 1,
    tool: { name: tool.name, version: tool.version },
    packs: packs.map((p) => ({ name: p.info.name, version: p.info.version })),
    deployments: reports.map((r) => ({
      name: r.name,
      chain: r.chain,
      address: r.address,
      revision: r.revision,
      commit: r.commit ?? null,
      lastReviewed: r.lastReviewed ?? null,
      files: r.files,
      error: r.error ?? null,
      packChanges: r.packChanges.map((c) => ({
        pack: c.name,
        kind: c.kind,
        from: c.previousVersion ?? null,
        to: c.version,
        added: c.added,
        changed: c.changed,
        removed: c.removed,
      })),
      findings: r.findings.map((x) => ({
        file: x.file,
        range: jsonRange(x.range),
        id: x.findingId,
        pack: x.pack,
        severity: x.severity,
        title: x.title,
        contract: x.contract,
        function: x.function,
        fingerprint: x.fingerprint,
        status: x.status,
        reason: x.reason ?? null,
        packChange: x.packChange ?? null,
      })),
      syntaxErrors: (r.scan?.files ?? []).flatMap((f) =>
        f.syntaxErrors.map((e) => ({ file: relativePath(cwd, f.file), range: jsonRange(e.range), message: e.message })),
      ),
    })),
  };
  return JSON.stringify(data, null, 2) + '\n';
}

/**
 * One SARIF run for all deployments (GitHub accepts one run per tool and category in a file). Each result
 * names its deployment, and its fingerprint includes the deployment, so the same code live in two
 * deployments is two alerts.
 */
export function deployedSarif(reports: DeploymentReport[], cwd: string, tool: { name: string; version: string; informationUri: string }): Sarif.Log {
  let log: Sarif.Log | undefined;
  for (const r of reports) {
    if (!r.scan) continue;
    const one = toSarif(r.scan, { cwd, tool });
    const byIdentity = new Map(r.findings.map((x) => [occurrenceHash(x), x]));
    for (const result of one.runs[0].results ?? []) {
      const fp = result.partialFingerprints?.[FINGERPRINT_KEY] ?? '';
      const x = byIdentity.get(fp);
      const why = x ? describeNew(x) : '';
      result.message = { text: `[deployed ${r.name} at ${r.revision} on ${r.chain}, ${r.address}] ${result.message.text ?? ''}${why ? ` (${why})` : ''}` };
      result.partialFingerprints = { [FINGERPRINT_KEY]: `${fp}/deployment:${r.name}` };
      result.properties = {
        ...result.properties,
        deployment: { name: r.name, chain: r.chain, address: r.address, revision: r.revision, commit: r.commit },
        ...(x ? { status: x.status, ...(x.reason ? { reason: x.reason } : {}) } : {}),
      };
      if (x?.status === 'new') result.baselineState = 'new';
      else if (x?.status === 'known') result.baselineState = 'unchanged';
    }
    if (!log) log = one;
    else {
      log.runs[0].results!.push(...(one.runs[0].results ?? []));
      log.runs[0].invocations![0].toolExecutionNotifications!.push(...(one.runs[0].invocations?.[0]?.toolExecutionNotifications ?? []));
    }
  }
  const errors = reports.filter((r) => r.error);
  if (!log) {
    log = toSarif({ packs: [], findings: [], files: [], durationMs: 0 }, { cwd, tool });
  }
  const inv = log.runs[0].invocations![0];
  for (const r of errors) {
    inv.toolExecutionNotifications = [...(inv.toolExecutionNotifications ?? []), { level: 'error', message: { text: r.error! } }];
    inv.executionSuccessful = false;
  }
  return log;
}

/**
 * One sentence for a notification when a pack update brought findings to deployed code, or undefined when it
 * brought none: "A pack update (audit-lessons 1.0.0 → 1.1.0) adds 1 finding to deployed code: vault-v1 (1)."
 */
export function packUpdateNotice(reports: DeploymentReport[]): string | undefined {
  const per = reports.map((r) => ({ name: r.name, n: r.findings.filter((x) => x.reason === 'pack-changed').length })).filter((x) => x.n > 0);
  if (!per.length) return undefined;
  const total = per.reduce((n, x) => n + x.n, 0);
  const packs = new Map<string, string>();
  for (const r of reports) {
    for (const x of r.findings) {
      const c = x.packChange;
      if (x.reason !== 'pack-changed' || !c) continue;
      packs.set(c.pack, c.from === undefined ? `${c.pack} ${c.to}, new` : c.from === c.to ? `${c.pack} ${c.to}, edited` : `${c.pack} ${c.from} → ${c.to}`);
    }
  }
  const what = [...packs.values()].join('; ');
  return `A pack update (${what}) adds ${total} finding${total === 1 ? '' : 's'} to deployed code: ${per.map((x) => `${x.name} (${x.n})`).join(', ')}.`;
}
