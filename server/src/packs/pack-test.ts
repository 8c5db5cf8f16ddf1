// Pack tests, in the spirit of `semgrep --test`: every finding carries a Solidity file annotated with where it
// must and must not be reported, and (for findings with a fix) the file as it must look after every fix.
//
// Annotations are comments of their own on a line: `// expect: ID[, ID...]` (or `// ruleid:`) and `// ok: ID`.
// They apply to the next line that holds code (so several annotations can be stacked above one statement).
// A trailing annotation after code on the same line is deliberately not supported: it would be ambiguous with
// the code's own comments, and Semgrep users write them above the line anyway.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyEdits, scanSource } from '../engine';
import { readProjectSettings } from '../engine/project-settings';
import { SemanticProject } from '../engine/semantics';
import type { SemanticContext } from '../engine/semantics/facts';
import type { Finding, PackInfo } from '../engine/finding';
import type { TextEdit } from '../engine/types';
import { testFileOf, type LoadedPack, type PackProblem } from './load';
import { unifiedDiff } from './diff';

export interface TestFailure {
  message: string;
  /** 1-based line in the test file (or the .fixed.sol file for fix mismatches), when there is one. */
  line?: number;
}

export interface FindingTestResult {
  id: string;
  passed: boolean;
  /** Absolute path of the test file. */
  testFile: string;
  failures: TestFailure[];
  /** Problems worth fixing that do not fail the test (e.g. the fixed file still triggers the finding). */
  warnings: TestFailure[];
  /** Lines annotated `expect` / `ok` for this finding. */
  expectLines: number[];
  okLines: number[];
  /** 1-based lines where the finding was reported. */
  reportedLines: number[];
  /** Whether a .fixed.sol comparison was made (and passed, if `passed`). */
  fixChecked: boolean;
}

export interface PackTestReport {
  pack: PackInfo;
  results: FindingTestResult[];
  /** Loader problems (a finding that failed to load also has a failed result). */
  problems: PackProblem[];
  passed: number;
  failed: number;
}

export interface Annotation {
  kind: 'expect' | 'ok';
  ids: string[];
  /** 0-based line of the comment. */
  line: number;
  /** 0-based line of the code it applies to; -1 when no code follows. */
  target: number;
}

const ANNOTATION = /^\s*\/\/\s*(expect|ruleid|ok)\s*:\s*(.+?)\s*$/;

export function parseAnnotations(text: string): Annotation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Annotation[] = [];
  const pending: Annotation[] = [];
  lines.forEach((l, i) => {
    const m = ANNOTATION.exec(l);
    if (m) {
      const ids = m[2]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const a: Annotation = { kind: m[1] === 'ok' ? 'ok' : 'expect', ids, line: i, target: -1 };
      out.push(a);
      pending.push(a);
      return;
    }
    if (l.trim() === '' || pending.length === 0) return;
    for (const a of pending) a.target = i;
    pending.length = 0;
  });
  return out;
}

export function runPackTests(pack: LoadedPack): PackTestReport {
  const results: FindingTestResult[] = [];
  const loaded = new Set(pack.findings.map((f) => f.id));
  // A finding that did not load fails its test with the loader's reason.
  const notLoaded = new Map<string, PackProblem[]>();
  for (const p of pack.problems) {
    if (p.severity !== 'error' || !p.findingId || loaded.has(p.findingId)) continue;
    notLoaded.set(p.findingId, [...(notLoaded.get(p.findingId) ?? []), p]);
  }
  for (const [id, problems] of notLoaded) {
    results.push({
      id,
      passed: false,
      testFile: '',
      failures: problems.map((p) => ({
        message: `did not load: ${relative(pack.info.dir, p.file) || p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`,
      })),
      warnings: [],
      expectLines: [],
      okLines: [],
      reportedLines: [],
      fixChecked: false,
    });
  }
  for (const f of pack.findings) results.push(testFinding(f, pack.info));
  const passed = results.filter((r) => r.passed).length;
  return { pack: pack.info, results, problems: pack.problems, passed, failed: results.length - passed };
}

/**
 * The project a test file is scanned in: when a folder `<ID>.project/` sits next to `<ID>.sol`, its build
 * configuration (foundry.toml, hardhat.config.*) is the project's, for findings with a `project` filter; else
 * the file stands alone, as a file without a project does.
 */
function fixtureContext(testFile: string): SemanticContext | undefined {
  const dir = testFile.replace(/\.sol$/, '.project');
  if (!existsSync(dir)) return undefined;
  const settings = readProjectSettings((name) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return undefined;
    }
  });
  const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false }, settings });
  return { project, path: '/hindsight/test.sol', solo: true };
}

export function testFinding(finding: Finding, pack: PackInfo): FindingTestResult {
  const testFile = testFileOf(finding, pack.dir);
  const result: FindingTestResult = {
    id: finding.id,
    passed: false,
    testFile,
    failures: [],
    warnings: [],
    expectLines: [],
    okLines: [],
    reportedLines: [],
    fixChecked: false,
  };
  const fail = (message: string, line?: number) => result.failures.push(line === undefined ? { message } : { message, line });
  const shown = relative(pack.dir, testFile) || testFile;
  if (!existsSync(testFile)) {
    fail(`test file ${shown} is missing (write annotated cases there, see docs/pack-format.md#tests)`);
    return result;
  }
  let text: string;
  try {
    text = readFileSync(testFile, 'utf8');
  } catch (err) {
    fail(`cannot read ${shown}: ${(err as Error).message}`);
    return result;
  }

  const annotations = parseAnnotations(text).filter((a) => a.ids.includes(finding.id));
  for (const a of annotations) {
    if (a.target < 0) fail(`"${a.kind}: ${finding.id}" on line ${a.line + 1} has no code after it`, a.line + 1);
  }
  const expectLines = new Set(annotations.filter((a) => a.kind === 'expect' && a.target >= 0).map((a) => a.target));
  const okLines = new Set(annotations.filter((a) => a.kind === 'ok' && a.target >= 0).map((a) => a.target));
  result.expectLines = [...expectLines].sort((a, b) => a - b).map((l) => l + 1);
  result.okLines = [...okLines].sort((a, b) => a - b).map((l) => l + 1);
  if (expectLines.size === 0) fail(`${shown} has no "// expect: ${finding.id}" case: every finding needs at least one place it must match`);
  if (okLines.size === 0) fail(`${shown} has no "// ok: ${finding.id}" case: every finding needs at least one place it must not match`);
  for (const l of expectLines) if (okLines.has(l)) fail(`line ${l + 1} is annotated both expect and ok`, l + 1);

  let scan;
  try {
    scan = scanSource(text, [finding], { semantic: fixtureContext(testFile) });
  } catch (err) {
    fail(`the engine failed on ${shown}: ${(err as Error).message}`);
    return result;
  }
  for (const e of scan.syntaxErrors) fail(`syntax error in ${shown}: ${e.message}`, e.range.start.line + 1);

  const occurrences = scan.occurrences.filter((o) => o.findingId === finding.id);
  const reported = new Set<number>();
  for (const o of occurrences) {
    reported.add(o.range.start.line);
    reported.add(o.matchRange.start.line);
  }
  result.reportedLines = [...new Set(occurrences.map((o) => o.range.start.line + 1))].sort((a, b) => a - b);
  for (const l of [...expectLines].sort((a, b) => a - b)) {
    if (!reported.has(l)) fail(`expected on line ${l + 1} but not reported`, l + 1);
  }
  for (const o of occurrences) {
    const lines = [o.range.start.line, o.matchRange.start.line];
    if (lines.some((l) => expectLines.has(l))) continue;
    const line = o.range.start.line + 1;
    if (lines.some((l) => okLines.has(l))) fail(`reported on line ${line}, which is annotated ok`, line);
    else fail(`reported on line ${line}, which has no "// expect: ${finding.id}" annotation`, line);
  }

  if (finding.fix)
    checkFix(
      finding,
      text,
      occurrences.map((o) => o.fix?.edits ?? []),
      testFile,
      shown,
      fail,
      result,
    );
  else if (existsSync(fixedFileOf(testFile))) {
    fail(`${relative(pack.dir, fixedFileOf(testFile))} exists but ${finding.id} has no fix`);
  }
  result.passed = result.failures.length === 0;
  return result;
}

export function fixedFileOf(testFile: string): string {
  return testFile.replace(/\.sol$/, '') + '.fixed.sol';
}

function checkFix(
  finding: Finding,
  text: string,
  editsPerOccurrence: TextEdit[][],
  testFile: string,
  shown: string,
  fail: (message: string, line?: number) => void,
  result: FindingTestResult,
): void {
  const fixedFile = fixedFileOf(testFile);
  const fixedShown = shown.replace(/\.sol$/, '') + '.fixed.sol';
  if (!existsSync(fixedFile)) {
    fail(`${finding.id} has a fix but ${fixedShown} is missing: write the test file as it must look after every fix`);
    return;
  }
  // Two occurrences asking for the very same edit (e.g. one import line) get it once.
  const unique = new Map(editsPerOccurrence.flat().map((e) => [JSON.stringify(e), e]));
  const edits = [...unique.values()];
  const overlap = firstOverlap(edits);
  if (overlap) {
    fail(`fix edits of different occurrences overlap on line ${overlap.range.start.line + 1}: they cannot be applied together`, overlap.range.start.line + 1);
    return;
  }
  let actual: string;
  try {
    actual = applyEdits(text, edits);
  } catch (err) {
    fail(`applying the fix failed: ${(err as Error).message}`);
    return;
  }
  const expected = readFileSync(fixedFile, 'utf8');
  result.fixChecked = true;
  const norm = (s: string) => s.replace(/\r\n?/g, '\n');
  if (norm(actual) === norm(expected)) {
    // A fix that leaves the finding in place is not a fix: say so (without failing, the output is as written).
    const again = scanSource(actual, [finding]).occurrences.filter((o) => o.findingId === finding.id);
    for (const line of [...new Set(again.map((o) => o.range.start.line + 1))]) {
      result.warnings.push({ message: `still reported on line ${line} of ${fixedShown}: the fix does not resolve the finding there`, line });
    }
    return;
  }
  const diff = unifiedDiff(norm(expected), norm(actual), fixedShown, `${shown} after fixes`);
  const firstLine = /@@ -(\d+)/.exec(diff);
  fail(`fixed output differs from ${fixedShown}:\n${diff}`, firstLine ? Number(firstLine[1]) : undefined);
}

function firstOverlap(edits: TextEdit[]): TextEdit | undefined {
  const key = (p: { line: number; character: number }) => p.line * 1e7 + p.character;
  const sorted = [...edits].sort((a, b) => key(a.range.start) - key(b.range.start) || key(a.range.end) - key(b.range.end));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (key(cur.range.start) < key(prev.range.end)) return cur;
  }
  return undefined;
}
