// Summaries kept across edits (SummaryIndex.of refreshes a contract: only what changed and what depends on it
// is recomputed) must equal summaries built from scratch after any edit: in a body, in a header, one that
// removes a function (it stops parsing) or brings it back, one that adds a function overriding an inherited one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import { normalizePath, SemanticProject } from '../../server/src/engine/semantics';
import { SummaryIndex, type Summary } from '../../server/src/engine/semantics/summaries';

const require_ = createRequire(__filename);
const OZ = dirname(require_.resolve('@openzeppelin/contracts/package.json'));
const NODE_MODULES = dirname(dirname(OZ));
const FILES = ['access/manager/AccessManager.sol', 'governance/TimelockController.sol', 'token/ERC20/ERC20.sol', 'access/Ownable2Step.sol'].map((f) =>
  normalizePath(join(OZ, f)),
);

function projectOf(): SemanticProject {
  return new SemanticProject({ host: { readFile: (f) => readFileSync(f, 'utf8') }, root: NODE_MODULES, remappings: [] });
}

/** Every function's summary in every contract of the file, as plain data. */
function summaries(project: SemanticProject, index: SummaryIndex, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of project.symbols(path)?.contracts ?? []) {
    const s = index.of(c);
    for (const f of s.functions()) out[`${c.name}.${f.name}/${f.parameters.length}@${f.file}`] = plain(s.summaryOf(f));
  }
  return out;
}

function plain(s: Summary): unknown {
  return JSON.parse(JSON.stringify(s, (_k, v) => (v instanceof Set ? [...v].sort() : v instanceof Map ? [...v.entries()].sort() : v)));
}

test('refreshed summaries equal summaries built from scratch after random edits', () => {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(8),
    insert: fc.constantFrom(
      '',
      '(',
      '}',
      'x',
      ' uint256 a = 1; ',
      ' owner = msg.sender; ',
      ' _extra(); ',
      '\n    function _extra() internal { total = 1; }\n',
      '\n    function _msgSender() internal view virtual override returns (address) { return tx.origin; }\n',
      ' internal ',
    ),
  });
  fc.assert(
    fc.property(fc.nat(FILES.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
      const path = FILES[which];
      let text = readFileSync(path, 'utf8');
      let parsed: ParsedSource = parseSource(text);
      const project = projectOf();
      project.update(path, parsed);
      const index = new SummaryIndex(project);
      summaries(project, index, path);
      for (const e of edits) {
        // Edits at the start of a line between members or inside bodies.
        const lineStart = text.lastIndexOf('\n', Math.floor(e.at * text.length)) + 1;
        text = text.slice(0, lineStart) + e.insert + text.slice(Math.min(text.length, lineStart + e.remove));
        parsed = parseSource(text, parsed);
        project.update(path, parsed);
        const fresh = projectOf();
        fresh.update(path, parsed);
        assert.deepEqual(summaries(project, index, path), summaries(fresh, new SummaryIndex(fresh), path));
      }
    }),
    { seed: 20261206, numRuns: 30 },
  );
});

test('a function that appears takes the calls written with its name, in summaries kept across edits', () => {
  const path = '/hindsight-test/Dispatch.sol';
  const before = `pragma solidity ^0.8.20;
contract A {
    uint256 internal x;
    function f() public { g(); }
    function g() internal virtual { x = 1; }
}
contract B is A {
    uint256 internal y;
}
`;
  const after = before.replace('uint256 internal y;', 'uint256 internal y;\n    function g() internal override { y = 2; }');
  const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
  let parsed = parseSource(before);
  project.update(path, parsed);
  const index = new SummaryIndex(project);
  const writesOfF = () => {
    const b = project.symbols(path)!.contracts.find((c) => c.name === 'B')!;
    const s = index.of(b);
    return [...s.summaryOf(s.functions().find((f) => f.name === 'f')!).writes].sort();
  };
  assert.deepEqual(writesOfF(), ['A.x']);
  parsed = parseSource(after, parsed);
  project.update(path, parsed);
  assert.deepEqual(writesOfF(), ['B.y'], "f() now runs B's g()");
  // While the override does not parse it is not there; once it parses again it is.
  parsed = parseSource(after.replace('{ y = 2; }', '{ y = 2 '), parsed);
  project.update(path, parsed);
  assert.deepEqual(writesOfF(), ['A.x']);
  parsed = parseSource(after, parsed);
  project.update(path, parsed);
  assert.deepEqual(writesOfF(), ['B.y']);
});
