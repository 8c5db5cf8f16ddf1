// Writing learned findings into a workspace pack without losing the team's work: each learned finding carries a
// hash of itself and its test file as written (`learned.hash`). Learning again replaces a finding only while
// that hash still matches — untouched since it was learned; a finding someone edited, or wrote by hand, is kept
// as it is. The pack file is edited as a YAML document (comments and layout survive), its version bumped with
// a changelog entry naming the report, test files written first and the pack file last, each atomically.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { inPackOrder, packNameOf } from '../packs/generalize/append-to-pack';
import { writeFileAtomic } from '../shared/atomic-write';
import type { LearnedDefinition } from './learn-finding';

export interface LearnedEntry {
  definition: LearnedDefinition;
  testText?: string;
  /** What the hash is computed from when it is not `definition` itself (a reviewer edited it before writing). */
  hashAs?: { definition: LearnedDefinition; testText?: string };
  learned: { report: string; id: string; format: string; source?: string };
}

export type WriteOutcome = 'added' | 'updated' | 'unchanged' | 'kept';

export interface WriteResult {
  packFile: string;
  /** The pack's version after writing (unchanged when nothing was written). */
  version: string;
  outcomes: Array<{ id: string; outcome: WriteOutcome; why?: string }>;
  written: boolean;
}

/** Writes `entries` into the pack folder `packDir` (pack.yaml created when missing). Throws Error on a broken pack file. */
export function writeLearnedPack(packDir: string, entries: LearnedEntry[], report: string): WriteResult {
  const packFile = ['pack.yaml', 'pack.yml'].map((f) => path.join(packDir, f)).find((f) => fs.existsSync(f)) ?? path.join(packDir, 'pack.yaml');
  const exists = fs.existsSync(packFile);
  if (!exists && fs.existsSync(path.join(packDir, 'pack.json')))
    throw new Error(`${packDir} holds a pack.json: learn writes YAML packs only; choose another --pack`);
  const doc = parseDocument(exists ? fs.readFileSync(packFile, 'utf8') : newPackText(packDir));
  if (doc.errors.length) throw new Error(`${packFile}: not valid YAML, fix it first (${doc.errors[0].message.split('\n')[0]})`);
  if (!isMap(doc.contents)) throw new Error(`${packFile}: a pack must be a mapping with name, version and findings`);
  let findings = doc.get('findings', true);
  if (!isSeq(findings)) {
    doc.set('findings', doc.createNode([]));
    findings = doc.get('findings', true) as YAMLSeq;
  }
  const seq = findings as YAMLSeq;
  if (seq.flow) seq.flow = false;

  const outcomes: WriteResult['outcomes'] = [];
  const tests: Array<[string, string]> = [];
  for (const entry of entries) {
    const id = entry.definition.id;
    const testFile = path.join(packDir, 'tests', `${id}.sol`);
    const content = hashOf(inPackOrder(entry.definition), entry.testText ?? '');
    const recorded = entry.hashAs ? hashOf(inPackOrder(entry.hashAs.definition), entry.hashAs.testText ?? '') : content;
    const fresh = { ...inPackOrder(entry.definition), learned: { ...entry.learned, hash: recorded } };
    const at = seq.items.findIndex((item) => isMap(item) && item.get('id') === id);
    if (at < 0) {
      seq.add(markGuess(blockNode(doc, fresh)));
      if (entry.testText !== undefined) tests.push([testFile, entry.testText]);
      outcomes.push({ id, outcome: 'added' });
      continue;
    }
    const current = (seq.items[at] as YAMLMap).toJSON() as Record<string, unknown>;
    const learned = current.learned as { hash?: unknown } | undefined;
    if (!learned || typeof learned.hash !== 'string') {
      outcomes.push({ id, outcome: 'kept', why: 'written by hand, not learned' });
      continue;
    }
    const currentTestFile = path.resolve(packDir, typeof current.tests === 'string' ? current.tests : `tests/${id}.sol`);
    const currentTest = fs.existsSync(currentTestFile) ? fs.readFileSync(currentTestFile, 'utf8') : '';
    const onDisk = hashOf(withoutLearned(current), currentTest);
    if (onDisk !== learned.hash) {
      outcomes.push({ id, outcome: 'kept', why: 'edited since it was learned' });
      continue;
    }
    if (onDisk === content && learned.hash === recorded && stableJson(current.learned) === stableJson(fresh.learned)) {
      outcomes.push({ id, outcome: 'unchanged' });
      continue;
    }
    seq.items[at] = markGuess(blockNode(doc, fresh));
    if (entry.testText !== undefined) tests.push([testFile, entry.testText]);
    outcomes.push({ id, outcome: 'updated' });
  }

  const added = outcomes.filter((o) => o.outcome === 'added').map((o) => o.id);
  const changed = outcomes.filter((o) => o.outcome === 'updated').map((o) => o.id);
  const current = String(doc.get('version') ?? '0.0.0');
  if (!added.length && !changed.length) return { packFile, version: current, outcomes, written: false };
  const version = semver.valid(current) ? semver.inc(current, 'minor')! : '0.1.0';
  doc.set('version', version);
  addChangelog(doc, {
    version,
    ...(added.length ? { added } : {}),
    ...(changed.length ? { changed } : {}),
    learned: [{ report, findings: [...added, ...changed] }],
  });

  for (const [file, text] of tests) writeFileAtomic(file, text);
  writeFileAtomic(packFile, doc.toString({ lineWidth: 0 }));
  return { packFile, version, outcomes, written: true };
}

/** sha256 of a finding (keys sorted, `learned` left out) and its test file's text. */
export function hashOf(finding: Record<string, unknown>, testText: string): string {
  return createHash('sha256').update(stableJson(finding)).update('\0').update(testText.replace(/\r\n/g, '\n')).digest('hex');
}

function withoutLearned(f: Record<string, unknown>): Record<string, unknown> {
  const { learned: _learned, ...rest } = f;
  return rest;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function blockNode(doc: Document, value: unknown) {
  const node = doc.createNode(value);
  // Multi-line text (patterns, descriptions) reads best as `|` blocks, as a person would write it.
  visit(node, {
    Scalar(_, sc) {
      if (typeof sc.value === 'string' && sc.value.includes('\n')) sc.type = 'BLOCK_LITERAL';
    },
  });
  return node;
}

/** Learned OWASP categories are guessed from the report's words: the comment asks the reviewer to check. */
export const OWASP_GUESS_COMMENT = " guessed from the report's wording: check it (SC01..SC10)";

function markGuess<T>(node: T): T {
  if (isMap(node)) {
    const value = node.get('owasp', true);
    if (isScalar(value)) value.comment = OWASP_GUESS_COMMENT;
  }
  return node;
}

function addChangelog(doc: Document, entry: Record<string, unknown>): void {
  const log = doc.get('changelog', true);
  if (isSeq(log)) {
    (log as YAMLSeq).items.unshift(doc.createNode(entry));
    return;
  }
  // A new changelog goes above the findings, where readers look for it.
  const root = doc.contents as YAMLMap;
  const at = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'findings');
  const pair = doc.createPair('changelog', doc.createNode([entry]));
  if (at >= 0) root.items.splice(at, 0, pair as (typeof root.items)[number]);
  else root.items.push(pair as (typeof root.items)[number]);
}

function newPackText(dir: string): string {
  const name = packNameOf(dir, 'learned');
  return [
    '# Findings learned from audit reports by `hindsight learn`. Review the drafts (findings with a `draft:` line are',
    '# not run), edit what you like: a finding you edited is never overwritten when you learn from a report again.',
    `name: ${name}`,
    'version: 0.0.0',
    'description: Findings learned from the audit reports of this codebase.',
    'findings:',
    '',
  ].join('\n');
}
