// Writing the finding into a workspace pack: the pack file is edited as a YAML document, not re-serialised, so
// the team's comments and layout survive, and the new finding arrives with its test file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { isMap, isScalar, isSeq, parseDocument, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FindingDefinition, Range } from '../../engine';
import { writeFileAtomic } from '../../shared/atomic-write';
import { findingIdsOf } from './recorded-finding';
import { annotateMatches, buildTestCase } from './test-case';

export const LOCAL_PACK_DIR = path.join('.hindsight', 'packs', 'local');

export interface RecordedTestCase {
  /** The file the selection came from, and the code the pattern was generalised from (GeneralizedPattern.range). */
  source: string;
  range: Range;
}

export interface AppendResult {
  packFile: string;
  testFile: string;
  /** The pack's version after the change (minor bump, with a changelog entry). */
  version: string;
  /** Whether the finding, as saved, reports the selected code in its test file. */
  selectionMatched: boolean;
  /** Lines (0-based) of the test file annotated `// expect:`. */
  expectLines: number[];
  /**
   * Whether the test file got an `// ok:` case (a near miss found in the same file). When false, tell the reviewer
   * to add one: `hindsight pack test` requires a place where the finding must stay quiet.
   */
  hasOkCase: boolean;
}

/**
 * Adds `finding` to the pack file (created when missing, as pack "local" or the folder's name), keeping every
 * comment and the layout of what is there, bumps the pack's minor version with a changelog entry, and writes
 * tests/<ID>.sol built from the selection. Both writes are atomic; nothing is written if the id is taken or the
 * test file already exists. Throws an Error with a clear message in those cases and on I/O errors.
 */
export function appendFindingToPack(packFile: string, finding: FindingDefinition, testCase: RecordedTestCase | string): AppendResult {
  const dir = path.dirname(packFile);
  const exists = fs.existsSync(packFile);
  const text = exists ? fs.readFileSync(packFile, 'utf8') : newPackText(dir);
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${packFile}: not valid YAML, fix it first (${doc.errors[0].message.split('\n')[0]})`);
  if (!isMap(doc.contents)) throw new Error(`${packFile}: a pack must be a mapping with name, version and findings`);
  if (findingIdsOf(doc).includes(finding.id)) throw new Error(`${packFile}: a finding with id ${finding.id} already exists`);
  const testRel = finding.tests ?? `tests/${finding.id}.sol`;
  const testFile = path.resolve(dir, testRel);
  if (fs.existsSync(testFile)) throw new Error(`${testFile} already exists; choose another id`);

  const node = doc.createNode(inPackOrder(finding));
  // Multi-line text (patterns, descriptions) reads best as `|` blocks, as a person would write it.
  visit(node, {
    Scalar(_, sc) {
      if (typeof sc.value === 'string' && sc.value.includes('\n')) sc.type = 'BLOCK_LITERAL';
    },
  });
  const findings = doc.get('findings', true);
  if (isSeq(findings)) {
    if (findings.flow && findings.items.length === 0) findings.flow = false;
    (findings as YAMLSeq).add(node);
  } else doc.set('findings', doc.createNode([node]));

  const current = String(doc.get('version') ?? '0.0.0');
  const version = semver.valid(current) ? semver.inc(current, 'minor')! : '0.1.0';
  doc.set('version', version);
  const entry = doc.createNode({ version, added: [finding.id] });
  const log = doc.get('changelog', true);
  if (isSeq(log)) (log as YAMLSeq).items.unshift(entry);
  else {
    // A new changelog goes above the findings, where readers look for it.
    const root = doc.contents as YAMLMap;
    const at = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'findings');
    const pair = doc.createPair('changelog', doc.createNode([{ version, added: [finding.id] }]));
    if (at >= 0) root.items.splice(at, 0, pair as (typeof root.items)[number]);
    else root.items.push(pair as (typeof root.items)[number]);
  }

  const {
    text: testText,
    selectionLine,
    okLine,
  } = typeof testCase === 'string' ? { text: testCase, selectionLine: -1, okLine: -1 } : buildTestCase(testCase.source, testCase.range, finding.id, finding);
  const annotated = annotateMatches(testText, finding, selectionLine);

  writeFileAtomic(testFile, annotated.text);
  writeFileAtomic(packFile, doc.toString({ lineWidth: 0 }));
  return {
    packFile,
    testFile,
    version,
    selectionMatched: annotated.selectionMatched,
    expectLines: annotated.expectLines,
    hasOkCase: typeof testCase === 'string' ? /\/\/\s*ok\s*:/.test(testCase) : okLine >= 0,
  };
}

/** A pack name from its folder's name (lower case, dashes), or `fallback` when nothing of it is usable. */
export function packNameOf(dir: string, fallback: string): string {
  return (
    path
      .basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || fallback
  );
}

function newPackText(dir: string): string {
  const base = packNameOf(dir, 'local');
  return [
    '# Findings recorded in this workspace. Commit this folder to share them with the team.',
    '# Format: docs/pack-format.md of Hindsight; check with `hindsight pack validate` and `hindsight pack test`.',
    `name: ${base}`,
    'version: 0.0.0',
    "description: Findings recorded from this codebase's reviews.",
    'findings:',
    '',
  ].join('\n');
}

/** The order of a finding's keys in a pack file, as people write them. */
const FINDING_KEY_ORDER = [
  'id',
  'title',
  'severity',
  'confidence',
  'category',
  'owasp',
  'draft',
  'description',
  'recommendation',
  'references',
  'match',
  'focus',
  'fix',
  'tests',
  'learned',
] as const;

/** A finding's keys in pack-file order, without empty ones (and without the compiled form of a loaded Finding). */
export function inPackOrder(f: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of FINDING_KEY_ORDER) {
    const v = (f as Record<string, unknown>)[k];
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out;
}
