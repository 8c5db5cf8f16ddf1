// Telling the user what a pack update brought. Callers keep a snapshot of the packs they last ran (in
// `.hindsight/pack-state.json`, or the extension's globalState) and compare it with what is loaded now.
// A content hash per finding catches edits even when the author forgot to bump the version or the changelog.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { parseDocument } from 'yaml';
import type { Finding, FindingDefinition, PackInfo } from '../engine/finding';
import { writeFileAtomic } from '../shared/atomic-write';
import { isTracedReference } from '../shared/owasp';

export interface ChangelogEntry {
  version: string;
  added?: string[];
  changed?: string[];
  /** Written by `hindsight learn`: the report each finding of this version was learned from. */
  learned?: Array<{ report: string; findings: string[] }>;
}

/** What we remember about one pack between runs. */
export interface PackSnapshot {
  name: string;
  version: string;
  findingIds: string[];
  /** id → hash of the finding's definition; absent in snapshots written by older callers. */
  findingHashes?: Record<string, string>;
}

export interface PackState {
  version: 1;
  packs: PackSnapshot[];
}

export interface PackChange {
  name: string;
  /** undefined when the pack was not loaded before. */
  previousVersion?: string;
  version: string;
  kind: 'new-pack' | 'upgraded' | 'downgraded' | 'modified' | 'removed';
  /** Finding ids present now and not before. */
  added: string[];
  /** Finding ids whose definition changed (by content hash, or listed in the changelog since the last version). */
  changed: string[];
  /** Finding ids no longer in the pack. */
  removed: string[];
  /** Changelog entries for the versions after the previous one, newest first. */
  entries: ChangelogEntry[];
  /** The audit reports and post-mortems the added and changed findings are traced to (title, else URL). */
  sources?: string[];
}

interface PackLike {
  info: PackInfo & { changelog?: ChangelogEntry[] };
  findings: Finding[];
}

/** A snapshot of the loaded packs, to persist after the user has been told. */
export function snapshotPacks(packs: PackLike[]): PackSnapshot[] {
  return packs.map((p) => ({
    name: p.info.name,
    version: p.info.version,
    findingIds: p.findings.map((f) => f.id),
    findingHashes: Object.fromEntries(p.findings.map((f) => [f.id, hashFinding(f)])),
  }));
}

/**
 * What changed between the packs run last time and now. `previous === undefined` means "never ran here
 * before": nothing is reported (a first start should not announce every finding of every pack).
 */
export function diffPackVersions(previous: PackSnapshot[] | undefined, current: PackLike[]): PackChange[] {
  if (!previous) return [];
  const before = new Map(previous.map((p) => [p.name, p]));
  const changes: PackChange[] = [];
  for (const pack of current) {
    const { name, version } = pack.info;
    const old = before.get(name);
    before.delete(name);
    const ids = pack.findings.map((f) => f.id);
    const log = pack.info.changelog ?? readChangelog(pack.info.file);
    if (!old) {
      changes.push({ name, version, kind: 'new-pack', added: ids, changed: [], removed: [], entries: entriesBetween(log, undefined, version) });
      continue;
    }
    const oldIds = new Set(old.findingIds);
    const nowIds = new Set(ids);
    const added = ids.filter((id) => !oldIds.has(id));
    const removed = old.findingIds.filter((id) => !nowIds.has(id));
    const changed = new Set<string>();
    if (old.findingHashes) {
      for (const f of pack.findings) {
        const h = old.findingHashes[f.id];
        if (h !== undefined && h !== hashFinding(f)) changed.add(f.id);
      }
    }
    const entries = entriesBetween(log, old.version, version);
    for (const e of entries) for (const id of e.changed ?? []) if (nowIds.has(id) && oldIds.has(id)) changed.add(id);
    const cmp = compareVersions(version, old.version);
    const kind: PackChange['kind'] = cmp > 0 ? 'upgraded' : cmp < 0 ? 'downgraded' : 'modified';
    if (kind === 'modified' && !added.length && !removed.length && !changed.size) continue;
    const touched = new Set([...added, ...changed]);
    const sources = [
      ...new Set(pack.findings.filter((f) => touched.has(f.id)).flatMap((f) => f.references.filter(isTracedReference).map((r) => r.title ?? r.url))),
    ];
    changes.push({
      name,
      previousVersion: old.version,
      version,
      kind,
      added,
      changed: ids.filter((id) => changed.has(id)),
      removed,
      entries,
      ...(sources.length ? { sources } : {}),
    });
  }
  for (const old of before.values()) {
    changes.push({
      name: old.name,
      previousVersion: old.version,
      version: old.version,
      kind: 'removed',
      added: [],
      changed: [],
      removed: old.findingIds,
      entries: [],
    });
  }
  return changes;
}

/** One line per pack, for a notification or the CLI. */
export function formatPackChanges(changes: PackChange[]): string[] {
  return changes.map((c) => {
    const parts: string[] = [];
    if (c.added.length) parts.push(`new: ${list(c.added)}`);
    if (c.changed.length) parts.push(`changed: ${list(c.changed)}`);
    if (c.removed.length && c.kind !== 'removed') parts.push(`removed: ${list(c.removed)}`);
    const reports = [
      ...new Set(c.entries.flatMap((e) => (Array.isArray(e.learned) ? e.learned.map((l) => l?.report).filter((r) => typeof r === 'string') : []))),
    ];
    if (reports.length) parts.push(`learned from ${list(reports)}`);
    if (c.sources?.length) parts.push(`traced to ${list(c.sources)}`);
    const detail = parts.length ? ` — ${parts.join('; ')}` : '';
    switch (c.kind) {
      case 'new-pack':
        return `Pack ${c.name} ${c.version} loaded (${c.added.length} finding${c.added.length === 1 ? '' : 's'})`;
      case 'removed':
        return `Pack ${c.name} is no longer loaded`;
      case 'modified':
        return `Pack ${c.name} ${c.version} changed without a version bump${detail}`;
      default:
        return `Pack ${c.name} ${c.kind} ${c.previousVersion} → ${c.version}${detail}`;
    }
  });
}

function list(ids: string[]): string {
  return ids.length > 6 ? `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more` : ids.join(', ');
}

export const PACK_STATE_FILE = path.join('.hindsight', 'pack-state.json');

/** undefined when there is no state yet (or it is unreadable: then we behave as on a first run). */
export function readPackState(file: string): PackSnapshot[] | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PackState>;
    if (data.version !== 1 || !Array.isArray(data.packs)) return undefined;
    return data.packs.filter((p): p is PackSnapshot => typeof p?.name === 'string' && typeof p.version === 'string' && Array.isArray(p.findingIds));
  } catch {
    return undefined;
  }
}

export function writePackState(file: string, packs: PackSnapshot[]): void {
  const state: PackState = { version: 1, packs };
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** The definition fields that change what a finding reports; the compiled form and pack info are not data. */
export function hashFinding(f: FindingDefinition): string {
  const { id, title, severity, confidence, category, description, recommendation, references, match, focus, fix } = f;
  const canonical = stableStringify({ id, title, severity, confidence, category, description, recommendation, references, match, focus, fix });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The pack file's `changelog`, read as data; [] when absent or unreadable (the loader reports pack errors). */
export function readChangelog(packFile: string): ChangelogEntry[] {
  if (!packFile) return [];
  try {
    const data = parseDocument(fs.readFileSync(packFile, 'utf8')).toJS({ maxAliasCount: 100 }) as { changelog?: unknown };
    if (!Array.isArray(data?.changelog)) return [];
    return data.changelog.filter((e): e is ChangelogEntry => typeof e?.version === 'string');
  } catch {
    return [];
  }
}

/** Entries with previous < version <= current, newest first. */
function entriesBetween(log: ChangelogEntry[], previous: string | undefined, current: string): ChangelogEntry[] {
  return log
    .filter((e) => (previous === undefined || compareVersions(e.version, previous) > 0) && compareVersions(e.version, current) <= 0)
    .sort((a, b) => compareVersions(b.version, a.version));
}

function compareVersions(a: string, b: string): number {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  if (va && vb) return semver.compare(va, vb);
  return a === b ? 0 : a < b ? -1 : 1;
}
