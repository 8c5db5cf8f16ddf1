// The quick-fix verification harness (issue 18). For every finding with a fix, on every `expect:` case of its
// test file, and on the regression cases of test/fixes/regressions/: apply that one occurrence's fix, compile the
// original and the fixed file with the solc the pragma asks for (the fixed file must compile whenever the original
// did), scan the fixed file again (the finding must be gone there and no new medium+ finding may appear), and for
// a safe fix run both on an EVM with the same random calls (differential.ts). Exploit scenarios (exploits.ts)
// check that review fixes of the classic exploits stop the attack. docs/fixes.md is rendered from the results.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyEdits, scanParsed, type Finding, type Occurrence } from '../../server/src/engine';
import { loadBuiltinPacks, testFileOf } from '../../server/src/packs/load';
import { parseAnnotations } from '../../server/src/packs/pack-test';
import { DiskProjects } from '../../server/src/project/semantic-host';
import { differential, type DifferentialResult } from './differential';
import { compile, type CompileResult } from './solc';

export const ROOT = join(__dirname, '..', '..');
export const REGRESSIONS = join(__dirname, 'regressions');
const SERIOUS = new Set(['medium', 'high', 'critical']);

export type Offered = 'safe' | 'review' | 'none';

export interface CaseResult {
  finding: string;
  /** Relative to the repository root. */
  file: string;
  /** 1-based line the finding is reported on. */
  line: number;
  offered: Offered;
  /** What a regression case says must be offered there. */
  expected?: Offered;
  reviewReason?: string;
  compiler: string;
  originalCompiles: boolean;
  fixedCompiles?: boolean;
  differential?: DifferentialResult;
  /** For a safe fix: every contract compiles to the same bytecode before and after, metadata hash aside. */
  sameBytecode?: boolean;
  /** Why the case fails; empty when it passes. */
  problems: string[];
}

let cached: Finding[] | undefined;
export function coreFindings(): Finding[] {
  cached ??= loadBuiltinPacks().find((p) => p.info.name === 'hindsight-core')!.findings;
  return cached;
}

export function findingsWithFix(): Finding[] {
  return coreFindings().filter((f) => f.fix);
}

const FIX_ANNOTATION = /^\s*\/\/\s*fix\s*:\s*(HS-[A-Z]+-\d+)\s+(safe|review|none)\b/;

/** Cases of a finding: its pack test file's expect lines, with no expectation about the fix. */
export function packCases(f: Finding): Array<{ file: string; line: number; expected?: Offered }> {
  const file = testFileOf(f, f.pack.dir);
  const text = readFileSync(file, 'utf8');
  return parseAnnotations(text)
    .filter((a) => a.kind === 'expect' && a.ids.includes(f.id) && a.target >= 0)
    .map((a) => ({ file, line: a.target }));
}

/** Regression cases: `// fix: ID safe|review|none` on the line before the code the finding is reported on. */
export function regressionCases(): Array<{ finding: string; file: string; line: number; expected: Offered }> {
  const out: Array<{ finding: string; file: string; line: number; expected: Offered }> = [];
  for (const name of readdirSync(REGRESSIONS)
    .filter((n) => n.endsWith('.sol'))
    .sort()) {
    const file = join(REGRESSIONS, name);
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .forEach((l, i) => {
        const m = FIX_ANNOTATION.exec(l);
        if (m) out.push({ finding: m[1], file, line: i + 1, expected: m[2] as Offered });
      });
  }
  return out;
}

const compiled = new Map<string, CompileResult>();
function compileOnce(text: string): CompileResult {
  let r = compiled.get(text);
  if (!r) {
    r = compile(text);
    compiled.set(text, r);
  }
  return r;
}

/** Seed of a case's differential runs: stable per file and line, so reruns and docs agree. */
function seedOf(file: string, line: number): number {
  let h = 2166136261;
  for (const c of `${relative(ROOT, file)}:${line}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

function countSerious(occurrences: Occurrence[]): Map<string, number> {
  const findings = new Map(coreFindings().map((f) => [f.id, f]));
  const out = new Map<string, number>();
  for (const o of occurrences) if (SERIOUS.has(findings.get(o.findingId)?.severity ?? '')) out.set(o.findingId, (out.get(o.findingId) ?? 0) + 1);
  return out;
}

// Scans see the file's imports as the CLI does (remappings, node_modules): fixes that add an OpenZeppelin import
// look up where the project keeps it.
const projects = new DiskProjects();
export function scanAt(file: string, text: string): Occurrence[] {
  const { semantic, parsed } = projects.contextFor(file, text);
  return scanParsed(parsed, coreFindings(), { semantic }).occurrences;
}

/** Runs one case: `line` is 0-based for pack cases (the annotation's target), the annotation line for regressions. */
export async function runCase(findingId: string, file: string, targetLine: number, expected?: Offered): Promise<CaseResult> {
  const text = readFileSync(file, 'utf8');
  const before = scanAt(file, text);
  const mine = before.filter((o) => o.findingId === findingId && o.range.start.line === targetLine);
  const original = compileOnce(text);
  const result: CaseResult = {
    finding: findingId,
    file: relative(ROOT, file),
    line: targetLine + 1,
    offered: 'none',
    ...(expected ? { expected } : {}),
    compiler: original.version,
    originalCompiles: original.ok,
    problems: [],
  };
  if (mine.length === 0) {
    result.problems.push(`${findingId} is not reported on line ${targetLine + 1}`);
    return result;
  }
  const o = mine.find((x) => x.fix) ?? mine[0];
  if (!o.fix) {
    if (expected && expected !== 'none') result.problems.push(`expected a ${expected} fix, none is offered`);
    return result;
  }
  result.offered = o.fix.kind;
  if (o.fix.reviewReason) result.reviewReason = o.fix.reviewReason;
  if (expected && expected !== result.offered)
    result.problems.push(`expected ${expected === 'none' ? 'no fix' : `a ${expected} fix`}, a ${result.offered} fix is offered`);

  const fixedText = applyEdits(text, o.fix.edits);
  const fixed = compileOnce(fixedText);
  result.fixedCompiles = fixed.ok;
  if (original.ok && !fixed.ok) result.problems.push(`the fixed code does not compile with solc ${fixed.version}: ${fixed.errors[0]?.split('\n')[0]}`);

  const after = scanAt(file, fixedText);
  // Where the occurrence is in the fixed text: lines the edits above it added (an import, a `using`) move it down.
  const shift = (edits: typeof o.fix.edits, line: number) =>
    edits.filter((e) => e.range.end.line < line).reduce((n, e) => n + e.newText.split('\n').length - 1 - (e.range.end.line - e.range.start.line), 0);
  const local = o.fix.edits.filter((e) => e.range.start.line >= o.matchRange.start.line - 1);
  const start = Math.min(o.range.start.line, ...local.map((e) => e.range.start.line)) + shift(o.fix.edits, o.range.start.line);
  const added = local.reduce((n, e) => n + e.newText.split('\n').length - 1 - (e.range.end.line - e.range.start.line), 0);
  const end = Math.max(o.range.end.line, ...local.map((e) => e.range.end.line)) + shift(o.fix.edits, o.range.start.line) + added;
  const stillThere = after.filter((x) => x.findingId === findingId && x.range.start.line >= start && x.range.start.line <= end);
  const count = (list: Occurrence[]) => list.filter((x) => x.findingId === findingId).length;
  if (stillThere.length || count(after) >= count(before)) result.problems.push(`${findingId} is still reported after the fix`);
  const was = countSerious(before);
  for (const [id, n] of countSerious(after)) if (n > (was.get(id) ?? 0)) result.problems.push(`the fix brings in ${id}`);

  if (o.fix.kind === 'safe') {
    if (!original.ok || !fixed.ok) result.problems.push('a safe fix needs both versions to compile for the differential run');
    else {
      result.sameBytecode = original.contracts.every(
        (c) => withoutMetadataHash(c.bytecode) === withoutMetadataHash(fixed.contracts.find((x) => x.name === c.name)?.bytecode ?? ''),
      );
      result.differential = await differential(original, fixed, seedOf(file, targetLine));
      if (result.differential.difference) result.problems.push(`behaviour differs: ${result.differential.difference}`);
      if (result.differential.sequences === 0) result.problems.push('no contract to run the differential test on');
    }
  }
  return result;
}

/** Bytecode with the metadata hash solc appends zeroed (bzzr0, bzzr1, ipfs): the source text changes it, nothing else. */
function withoutMetadataHash(bytecode: string): string {
  return bytecode.replace(/(627a7a72305820|627a7a72315820|6970667358221220)[0-9a-f]{64}/g, (_, tag: string) => tag + '0'.repeat(64));
}
