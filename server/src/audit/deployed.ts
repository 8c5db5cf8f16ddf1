// `hindsight deployed`: re-audits the code that is live on chain. Each deployment's sources are read from git at
// its commit or tag (never from the working tree, which has moved on), scanned with today's packs, and compared
// with the state recorded at the last review to say which findings a pack update brought.
import * as path from 'node:path';
import { diffPackVersions, snapshotPacks, type PackChange } from '../packs/changelog';
import type { Finding, PackInfo } from '../engine/finding';
import { compareWithBaseline } from './baseline';
import type { DeployedState, DeploymentState } from './deployed-state';
import { revisionOf, selectSources, type Deployment } from './deployments';
import { listTree, locateRepo, readBlobs, resolveCommit } from './git';
import type { ScanReport } from '../project/run-scan';
import { auditFindingsOf } from './scan-bridge';
import type { AuditFinding, ChangelogEntry } from './types';

export interface AuditPack {
  info: PackInfo & { changelog?: ChangelogEntry[] };
  findings: Finding[];
}

/** The engine as the audit commands see it: the packs in effect and a scan of in-memory files. */
export interface AuditScanner {
  toolVersion: string;
  packs: AuditPack[];
  /** `path` is absolute (the file's place in the workspace); it is where results are reported, never read. */
  scanTexts(files: Array<{ path: string; text: string }>): ScanReport;
  /** The workspace configuration's exclusions, by absolute path; applied to deployed files as to the working tree. */
  isExcluded?(file: string): boolean;
}

/**
 * - `unreviewed`: no state recorded for this deployment yet, so nothing can be called new.
 * - `known`: its fingerprint was seen at the last review.
 * - `new`: not seen at the last review; `reason` says why (see docs/continuous-audit.md).
 */
export type DeployedStatus = 'unreviewed' | 'known' | 'new';
export type NewReason = 'pack-changed' | 'source-changed' | 'engine-changed' | 'unexplained';

export interface PackChangeNote {
  pack: string;
  from?: string;
  to: string;
  /** How the pack's changelog or content hashes list this finding since the last review, if at all. */
  listed?: 'added' | 'changed';
}

export interface DeployedFinding extends AuditFinding {
  status: DeployedStatus;
  reason?: NewReason;
  packChange?: PackChangeNote;
}

export interface DeploymentReport {
  name: string;
  chain: string | number;
  address: string;
  /** The commit or tag as written in deployments.yaml. */
  revision: string;
  /** Resolved full commit id; absent when it could not be resolved (see `error`). */
  commit?: string;
  files: string[];
  findings: DeployedFinding[];
  /** The raw scan (absolute paths under the workspace), for the SARIF and text writers. */
  scan?: ScanReport;
  /** When the last review of this deployment was recorded. */
  lastReviewed?: string;
  /** Pack updates since the last review (empty on a first review). */
  packChanges: PackChange[];
  error?: string;
}

export interface DeployedRun {
  reports: DeploymentReport[];
  /** `state` with every successfully scanned deployment replaced by what was seen now. */
  nextState: DeployedState;
}

export async function auditDeployments(root: string, deployments: Deployment[], state: DeployedState, scanner: AuditScanner, now: Date): Promise<DeployedRun> {
  const repo = await locateRepo(root);
  const snapshot = snapshotPacks(scanner.packs);
  const nextState: DeployedState = { version: 1, deployments: { ...state.deployments } };
  const reports: DeploymentReport[] = [];
  for (const d of deployments) {
    const revision = d.commit ?? d.tag ?? '';
    const last = state.deployments[d.name];
    const base: DeploymentReport = {
      name: d.name,
      chain: d.chain,
      address: d.address,
      revision,
      files: [],
      findings: [],
      lastReviewed: last?.reviewed,
      packChanges: [],
    };
    let commit: string;
    try {
      commit = await resolveCommit(root, revisionOf(d));
    } catch (err) {
      reports.push({ ...base, error: `deployment "${d.name}": ${(err as Error).message}` });
      continue;
    }
    const tree = await listTree(root, commit);
    // Globs are relative to the workspace folder, which may sit below the repository top.
    const byPath = new Map<string, string>();
    for (const f of tree) if (f.path.startsWith(repo.prefix)) byPath.set(f.path.slice(repo.prefix.length), f.blob);
    const files = selectSources(d, [...byPath.keys()]).filter((rel) => !scanner.isExcluded?.(path.join(root, ...rel.split('/'))));
    if (!files.length) {
      // A glob typo must not read as "no findings in deployed code".
      reports.push({ ...base, commit, error: `deployment "${d.name}": its sources match no .sol file at ${revision} (${d.sources.join(', ')})` });
      continue;
    }
    const blobs = await readBlobs(root, [...new Set(files.map((f) => byPath.get(f)!))]);
    const scan = scanner.scanTexts(files.map((rel) => ({ path: path.join(root, ...rel.split('/')), text: blobs.get(byPath.get(rel)!) ?? '' })));
    const found = auditFindingsOf(scan, root);
    const packChanges = last ? diffPackVersions(last.packs, scanner.packs) : [];
    const findings = classify(found, last, commit, packChanges, scanner.toolVersion);
    reports.push({ ...base, commit, files, findings, packChanges, scan });
    nextState.deployments[d.name] = {
      reviewed: now.toISOString(),
      commit,
      tool: scanner.toolVersion,
      packs: snapshot,
      findings: found
        .map((f) => ({ fingerprint: f.fingerprint, findingId: f.findingId, pack: f.pack, file: f.file }))
        .sort((a, b) => (a.file + a.findingId + a.fingerprint < b.file + b.findingId + b.fingerprint ? -1 : 1)),
    };
  }
  return { reports, nextState };
}

/**
 * Why a finding not seen at the last review is there now, most certain cause first:
 * 1. its finding was added to its pack since then (it could not have been reported before, whatever the code);
 * 2. the deployment now resolves to another commit (the tag moved): the code changed;
 * 3. its finding changed (changelog `changed`, or its definition hash differs), or its pack's version changed or
 *    the pack is new here;
 * 4. the Hindsight version changed (matcher or fingerprint changes);
 * 5. otherwise unexplained (e.g. a workspace config change).
 */
export function classify(
  found: AuditFinding[],
  last: DeploymentState | undefined,
  commit: string,
  packChanges: PackChange[],
  toolVersion: string,
): DeployedFinding[] {
  if (!last) return found.map((f) => ({ ...f, status: 'unreviewed' }));
  const { known } = compareWithBaseline(found, { findings: last.findings.map((s) => ({ ...s, file: s.file ?? '' })) });
  const knownSet = new Set(known);
  const changes = new Map(packChanges.map((c) => [c.name, c]));
  return found.map((f): DeployedFinding => {
    if (knownSet.has(f)) return { ...f, status: 'known' };
    const change = changes.get(f.pack);
    const note = (listed?: 'added' | 'changed'): PackChangeNote => ({
      pack: f.pack,
      from: change?.previousVersion,
      to: change?.version ?? '',
      ...(listed ? { listed } : {}),
    });
    if (change?.added.includes(f.findingId)) return { ...f, status: 'new', reason: 'pack-changed', packChange: note('added') };
    if (last.commit !== commit) return { ...f, status: 'new', reason: 'source-changed' };
    if (change?.changed.includes(f.findingId)) return { ...f, status: 'new', reason: 'pack-changed', packChange: note('changed') };
    if (change && change.kind !== 'modified' && change.kind !== 'removed') return { ...f, status: 'new', reason: 'pack-changed', packChange: note() };
    if (last.tool && last.tool !== toolVersion) return { ...f, status: 'new', reason: 'engine-changed' };
    return { ...f, status: 'new', reason: 'unexplained' };
  });
}
