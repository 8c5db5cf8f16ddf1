// The team triage file, `.hindsight/triage.json`: committed with the code and merged through git, so it is
// written for line-based merges: keyed per file, files and occurrences sorted, one occurrence per line, a stable
// key order inside each entry. Version 1 files (keyed by fingerprint alone, which let a verdict on one copy of some
// code cover every copy) are read as they are and written as version 2 at the next decision, losing nothing.
// Plain Node, no `vscode`, so it is testable anywhere.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TriageState } from '../../../server/src/shared/protocol';
import { withFileLock } from '../../../server/src/shared/file-lock';
import { normaliseRelativeFile, occurrenceKey, type OccurrenceIdentity } from '../../../server/src/shared/finding-identity';

export const TRIAGE_STATES: readonly TriageState[] = ['open', 'confirmed', 'false-positive', 'wont-fix', 'fixed'];

/** Human labels, shared with the server's reports. */
export { TRIAGE_LABELS } from '../../../server/src/shared/protocol';

/** Spellings accepted when reading, for files written by hand or by other tools. */
const ALIASES: Record<string, TriageState> = { acknowledged: 'wont-fix', 'won-t-fix': 'wont-fix', wontfix: 'wont-fix', fp: 'false-positive' };

export interface TriageEvent {
  status: TriageState;
  comment: string;
  author: string;
  /** ISO 8601 */
  date: string;
}

export interface TriageEntry extends TriageEvent {
  findingId: string;
  /**
   * Workspace-relative path (`/` separators) of the occurrence: part of its identity (shared/finding-identity.ts),
   * so the same code in two files has two entries. '' for entries migrated from a version 1 file that had none.
   */
  file: string;
  fingerprint: string;
  /** Every decision, oldest first; the last one equals the entry's own status/comment/author/date. */
  history: TriageEvent[];
  /** Fields this version does not know (written by hand or by a newer tool): kept as they were. */
  extra?: Record<string, unknown>;
}

export interface TriageData {
  version: 2;
  /** By occurrenceKey (file, rule, fingerprint). */
  entries: Record<string, TriageEntry>;
  /** Top-level fields this version does not know, kept as they were. */
  extra?: Record<string, unknown>;
}

export class TriageFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'TriageFileError';
  }
}

export function emptyTriage(): TriageData {
  return { version: 2, entries: {} };
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Line/column of the first occurrence of `"key"` in the text, for errors about an entry. */
function locateKey(text: string, key: string): { line: number; column: number } {
  const at = text.indexOf(JSON.stringify(key));
  return at >= 0 ? lineColumnAt(text, at) : { line: 1, column: 1 };
}

function normaliseState(value: unknown): TriageState | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if ((TRIAGE_STATES as readonly string[]).includes(v)) return v as TriageState;
  return ALIASES[v];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

const ENTRY_KEYS = new Set(['findingId', 'file', 'fingerprint', 'status', 'comment', 'author', 'date', 'history']);

function extraOf(obj: Record<string, unknown>, known: Set<string>): Record<string, unknown> | undefined {
  const extra = Object.fromEntries(Object.entries(obj).filter(([k]) => !known.has(k)));
  return Object.keys(extra).length ? extra : undefined;
}

/** Parses the file's text (version 1 or 2). Throws TriageFileError (with file, line and column) on anything malformed. */
export function parseTriage(text: string, file: string): TriageData {
  if (text.trim() === '') return emptyTriage();
  const conflict = /^(<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (conflict) {
    const at = lineColumnAt(text, conflict.index);
    throw new TriageFileError(
      file,
      at.line,
      at.column,
      "unresolved git merge conflict markers: keep both sides' entries (one per line) and remove the markers",
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : lineColumnAt(text, pos ? Number(pos[1]) : 0);
    throw new TriageFileError(file, where.line, where.column, `not valid JSON (${msg.replace(/ in JSON at .*$/, '')})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TriageFileError(file, 1, 1, 'expected an object with "version" and "files"');
  }
  const obj = raw as Record<string, unknown>;
  const entries: Record<string, TriageEntry> = {};
  const add = (identity: OccurrenceIdentity, value: unknown, where: string) => {
    const entry = parseEntry(text, file, identity, value, where);
    entries[occurrenceKey(entry)] = entry;
  };
  if (obj.version === 1) {
    // Keyed by fingerprint alone; the file the entry was recorded in becomes part of its identity.
    const entriesRaw = obj.entries ?? {};
    if (!isObject(entriesRaw)) {
      const at = locateKey(text, 'entries');
      throw new TriageFileError(file, at.line, at.column, '"entries" must be an object keyed by fingerprint');
    }
    for (const [fp, value] of Object.entries(entriesRaw)) {
      const e = isObject(value) ? value : {};
      add({ findingId: str(e.findingId), file: normaliseRelativeFile(str(e.file)), fingerprint: fp }, value, fp);
    }
    return withExtra({ version: 2, entries }, extraOf(obj, new Set(['version', 'entries'])));
  }
  if (obj.version !== 2) {
    const at = locateKey(text, 'version');
    throw new TriageFileError(file, at.line, at.column, `unsupported "version" ${JSON.stringify(obj.version)} (this extension reads versions 1 and 2)`);
  }
  const files = obj.files ?? {};
  if (!isObject(files)) {
    const at = locateKey(text, 'files');
    throw new TriageFileError(file, at.line, at.column, '"files" must be an object keyed by workspace-relative path');
  }
  for (const [rel, occurrences] of Object.entries(files)) {
    if (!isObject(occurrences)) {
      const at = locateKey(text, rel);
      throw new TriageFileError(file, at.line, at.column, `"${rel}" must be an object keyed by "<finding id>#<fingerprint>"`);
    }
    for (const [key, value] of Object.entries(occurrences)) {
      const hash = key.lastIndexOf('#');
      if (hash < 0 || hash === key.length - 1) {
        const at = locateKey(text, key);
        throw new TriageFileError(file, at.line, at.column, `entry "${key}" must be named "<finding id>#<fingerprint>"`);
      }
      add({ findingId: key.slice(0, hash), file: normaliseRelativeFile(rel), fingerprint: key.slice(hash + 1) }, value, key);
    }
  }
  return withExtra({ version: 2, entries }, extraOf(obj, new Set(['version', 'files'])));
}

function withExtra(data: TriageData, extra: Record<string, unknown> | undefined): TriageData {
  return extra ? { ...data, extra } : data;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseEntry(text: string, file: string, identity: OccurrenceIdentity, value: unknown, name: string): TriageEntry {
  const at = locateKey(text, name);
  if (!isObject(value)) throw new TriageFileError(file, at.line, at.column, `entry "${name}" must be an object`);
  const status = normaliseState(value.status);
  if (!status) {
    throw new TriageFileError(
      file,
      at.line,
      at.column,
      `entry "${name}" has unknown status ${JSON.stringify(value.status)} (expected one of ${TRIAGE_STATES.join(', ')})`,
    );
  }
  if (value.history !== undefined && !Array.isArray(value.history)) {
    throw new TriageFileError(file, at.line, at.column, `entry "${name}": "history" must be an array`);
  }
  const history: TriageEvent[] = [];
  for (const h of (value.history as unknown[] | undefined) ?? []) {
    const hr = (h ?? {}) as Record<string, unknown>;
    const hs = normaliseState(hr.status);
    if (!hs) throw new TriageFileError(file, at.line, at.column, `entry "${name}": history has unknown status ${JSON.stringify(hr.status)}`);
    history.push({ status: hs, comment: str(hr.comment), author: str(hr.author), date: str(hr.date) });
  }
  const extra = extraOf(value, ENTRY_KEYS);
  return {
    ...identity,
    status,
    comment: str(value.comment),
    author: str(value.author),
    date: str(value.date),
    history,
    ...(extra ? { extra } : {}),
  };
}

function entryJson(e: TriageEntry): string {
  // Fixed key order so two people's files differ only where their decisions differ.
  const ordered = {
    status: e.status,
    comment: e.comment,
    author: e.author,
    date: e.date,
    history: e.history.map((h) => ({ status: h.status, comment: h.comment, author: h.author, date: h.date })),
    ...e.extra,
  };
  return JSON.stringify(ordered);
}

/** Version 2: files sorted, occurrences sorted inside each, one occurrence per line, ending in a newline. */
export function serializeTriage(data: TriageData): string {
  const byFile = new Map<string, TriageEntry[]>();
  for (const e of Object.values(data.entries)) {
    const list = byFile.get(e.file);
    if (list) list.push(e);
    else byFile.set(e.file, [e]);
  }
  const extra = data.extra ? Object.entries(data.extra).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`) : [];
  if (byFile.size === 0) return `{\n  "version": 2,\n${extra.join('')}  "files": {}\n}\n`;
  const files = [...byFile.keys()].sort();
  const blocks = files.map((f, i) => {
    const list = byFile
      .get(f)!
      .map((e) => [`${e.findingId}#${e.fingerprint}`, e] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const lines = list.map(([k, e], j) => `      ${JSON.stringify(k)}: ${entryJson(e)}${j < list.length - 1 ? ',' : ''}`);
    return `    ${JSON.stringify(f)}: {\n${lines.join('\n')}\n    }${i < files.length - 1 ? ',' : ''}`;
  });
  return `{\n  "version": 2,\n${extra.join('')}  "files": {\n${blocks.join('\n')}\n  }\n}\n`;
}

/**
 * Returns a new data object with the decision recorded and appended to the occurrence's history. `from` is the
 * entry that covered the occurrence before, when it was recorded under another file (the code moved): its history
 * moves along and the old entry is dropped.
 */
export function recordDecision(data: TriageData, occurrence: OccurrenceIdentity, event: TriageEvent, from?: OccurrenceIdentity): TriageData {
  const identity = { findingId: occurrence.findingId, file: normaliseRelativeFile(occurrence.file), fingerprint: occurrence.fingerprint };
  const key = occurrenceKey(identity);
  const entries = { ...data.entries };
  let previous = entries[key];
  if (from && occurrenceKey(from) !== key && entries[occurrenceKey(from)]) {
    previous ??= entries[occurrenceKey(from)];
    delete entries[occurrenceKey(from)];
  }
  const history = [...(previous?.history ?? []), event];
  entries[key] = { ...identity, ...event, history, ...(previous?.extra ? { extra: previous.extra } : {}) };
  return { ...data, entries };
}

/** Reads the file; a missing file is an empty triage. Malformed content throws TriageFileError. */
export async function readTriageFile(file: string): Promise<TriageData> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyTriage();
    throw e;
  }
  return parseTriage(text, file);
}

/** Writes through a temporary file in the same folder and a rename, so readers never see half a file. */
export async function writeTriageFile(file: string, data: TriageData): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    await fs.writeFile(tmp, serializeTriage(data), 'utf8');
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Re-reads the file, records the decision and writes it back (as version 2, whatever it was). Reading first keeps
 * decisions that arrived on disk since we last looked (a `git pull`, a teammate's tool). A malformed file is never
 * overwritten.
 */
export async function updateTriageFile(file: string, occurrence: OccurrenceIdentity, event: TriageEvent, from?: OccurrenceIdentity): Promise<TriageData> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Under a lock, so another window's read-modify-write cannot interleave with ours and drop its entry.
  return withFileLock(file, async () => {
    const current = await readTriageFile(file);
    const next = recordDecision(current, occurrence, event, from);
    await writeTriageFile(file, next);
    return next;
  });
}
