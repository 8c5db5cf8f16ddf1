// The team triage file, `.hindsight/triage.json`: committed with the code and merged through git, so it is
// written for line-based merges: fingerprints sorted, one occurrence per line, a stable key order inside
// each entry. Plain Node, no `vscode`, so it is testable anywhere.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TriageState } from '../../../server/src/shared/protocol';
import { withFileLock } from '../../../server/src/shared/file-lock';

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
  /** Workspace-relative path where the occurrence was last seen: for humans reading a diff, not identity. */
  file: string;
  /** Every decision, oldest first; the last one equals the entry's own status/comment/author/date. */
  history: TriageEvent[];
}

export interface TriageData {
  version: 1;
  entries: Record<string, TriageEntry>;
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
  return { version: 1, entries: {} };
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

/** Parses the file's text. Throws TriageFileError (with file, line and column) on anything malformed. */
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
    throw new TriageFileError(file, 1, 1, 'expected an object with "version" and "entries"');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.version !== 1) {
    const at = locateKey(text, 'version');
    throw new TriageFileError(file, at.line, at.column, `unsupported "version" ${JSON.stringify(obj.version)} (this extension reads version 1)`);
  }
  const entriesRaw = obj.entries ?? {};
  if (typeof entriesRaw !== 'object' || entriesRaw === null || Array.isArray(entriesRaw)) {
    const at = locateKey(text, 'entries');
    throw new TriageFileError(file, at.line, at.column, '"entries" must be an object keyed by fingerprint');
  }
  const entries: Record<string, TriageEntry> = {};
  for (const [fp, value] of Object.entries(entriesRaw as Record<string, unknown>)) {
    const at = locateKey(text, fp);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TriageFileError(file, at.line, at.column, `entry "${fp}" must be an object`);
    }
    const e = value as Record<string, unknown>;
    const status = normaliseState(e.status);
    if (!status) {
      throw new TriageFileError(
        file,
        at.line,
        at.column,
        `entry "${fp}" has unknown status ${JSON.stringify(e.status)} (expected one of ${TRIAGE_STATES.join(', ')})`,
      );
    }
    const history: TriageEvent[] = [];
    if (e.history !== undefined && !Array.isArray(e.history)) {
      throw new TriageFileError(file, at.line, at.column, `entry "${fp}": "history" must be an array`);
    }
    for (const h of (e.history as unknown[] | undefined) ?? []) {
      const hr = (h ?? {}) as Record<string, unknown>;
      const hs = normaliseState(hr.status);
      if (!hs) throw new TriageFileError(file, at.line, at.column, `entry "${fp}": history has unknown status ${JSON.stringify(hr.status)}`);
      history.push({ status: hs, comment: str(hr.comment), author: str(hr.author), date: str(hr.date) });
    }
    entries[fp] = {
      findingId: str(e.findingId),
      file: str(e.file),
      status,
      comment: str(e.comment),
      author: str(e.author),
      date: str(e.date),
      history,
    };
  }
  return { version: 1, entries };
}

function entryJson(e: TriageEntry): string {
  // Fixed key order so two people's files differ only where their decisions differ.
  const ordered = {
    findingId: e.findingId,
    file: e.file,
    status: e.status,
    comment: e.comment,
    author: e.author,
    date: e.date,
    history: e.history.map((h) => ({ status: h.status, comment: h.comment, author: h.author, date: h.date })),
  };
  return JSON.stringify(ordered);
}

/** Serialises with fingerprints sorted and one entry per line, ending in a newline. */
export function serializeTriage(data: TriageData): string {
  const keys = Object.keys(data.entries).sort();
  if (keys.length === 0) return '{\n  "version": 1,\n  "entries": {}\n}\n';
  const lines = keys.map((k, i) => `    ${JSON.stringify(k)}: ${entryJson(data.entries[k])}${i < keys.length - 1 ? ',' : ''}`);
  return `{\n  "version": 1,\n  "entries": {\n${lines.join('\n')}\n  }\n}\n`;
}

/** Returns a new data object with the decision recorded and appended to the occurrence's history. */
export function recordDecision(data: TriageData, fingerprint: string, occurrence: { findingId: string; file: string }, event: TriageEvent): TriageData {
  const previous = data.entries[fingerprint];
  const history = [...(previous?.history ?? []), event];
  return {
    version: 1,
    entries: {
      ...data.entries,
      [fingerprint]: { findingId: occurrence.findingId, file: occurrence.file, ...event, history },
    },
  };
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
 * Re-reads the file, records the decision and writes it back. Reading first keeps decisions that arrived
 * on disk since we last looked (a `git pull`, a teammate's tool). A malformed file is never overwritten.
 */
export async function updateTriageFile(
  file: string,
  fingerprint: string,
  occurrence: { findingId: string; file: string },
  event: TriageEvent,
): Promise<TriageData> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Under a lock, so another window's read-modify-write cannot interleave with ours and drop its entry.
  return withFileLock(file, async () => {
    const current = await readTriageFile(file);
    const next = recordDecision(current, fingerprint, occurrence, event);
    await writeTriageFile(file, next);
    return next;
  });
}
