// An imported function's body loses (or gains) a check of the caller: the files that import it must answer as a
// project built from scratch does, however the edit reached the project (incrementally, or as a new text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanParsed, type Finding } from '../../server/src/engine';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import type { SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { GUARD_CHECK, GUARDED_BASE, GUARDED_MAIN, projectOfTexts } from './scan-semantic-harness';

const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);
const BASE = GUARDED_BASE.path;
const MAIN = GUARDED_MAIN.path;
const GUARD = GUARD_CHECK;
const base0 = GUARDED_BASE.text;
const main0 = GUARDED_MAIN.text;

const ids = (texts: Map<string, ParsedSource>, project: SemanticProject) =>
  scanParsed(texts.get(MAIN)!, FINDINGS, { semantic: { project, path: MAIN } })
    .occurrences.map((o) => o.findingId)
    .sort();

const projectOf = projectOfTexts;

test("a body edit of an imported function that removes or adds a guard changes the importer's answers", () => {
  const texts = new Map<string, ParsedSource>([
    [BASE, parseSource(base0)],
    [MAIN, parseSource(main0)],
  ]);
  const project = projectOf(texts);
  const before = ids(texts, project);
  assert.ok(before.includes('HS-INPUT-002'), before.join());
  const steps = [base0.replace(GUARD, ''), base0, base0.replace(GUARD, '// none'), base0];
  for (const text of steps) {
    const next = parseSource(text, texts.get(BASE));
    texts.set(BASE, next);
    project.update(BASE, next);
    assert.equal(project.lastChange(BASE)?.kind, 'body');
    assert.deepEqual(ids(texts, project), ids(texts, projectOf(texts)), text);
  }
});

test("a body edit of a guard helper below its caller in the same file changes the caller's answers", () => {
  const one = main0
    .replace('import "./Base.sol";\n', '')
    .replace('contract Main is Base {', `contract Main {\n    address public owner;\n`)
    .replace(/\n}\n$/, `\n\n    function _guard() internal view {\n        ${GUARD}\n    }\n}\n`);
  const texts = new Map<string, ParsedSource>([[MAIN, parseSource(one)]]);
  const project = projectOf(texts);
  assert.ok(ids(texts, project).includes('HS-INPUT-002'));
  for (const text of [one.replace(GUARD, ''), one]) {
    const next = parseSource(text, texts.get(MAIN));
    texts.set(MAIN, next);
    project.update(MAIN, next);
    assert.equal(project.lastChange(MAIN)?.kind, 'body');
    assert.deepEqual(ids(texts, project), ids(texts, projectOf(texts)), text);
  }
});
