// A unit matched again because a function it names changed keeps the matches of the findings whose matching there
// asked nothing of the semantic model (scan-units.ts `TextOnly`): they saw the unit's text alone, which is the same.
// A finding that takes another finding's answer from the scan's share (the same `all` with a semantic filter, say)
// asked what that answer asked, and is matched again.
import { test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { compileFinding, scanParsed, UnitMemory, type Finding } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { finding, PACK } from './engine-helpers';
import { editedFile } from './scan-semantic-harness';

const PAY = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Pay {
    address public owner;

    function _pay(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    function withdraw(address to, uint256 amount) external {
        require(msg.sender == owner);
        _pay(to, amount);
    }
}
`;

const PATH = '/hindsight-test/Pay.sol';

test('a unit matched again for a function it calls keeps the findings that read its text alone', () => {
  const f = editedFile(PATH, PAY, (r) => r.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`).sort());
  const before = f.scan();
  f.edit('(bool ok, ) = to.call{value: amount}("");', '(bool ok, ) = to.call{value: amount + 0}("");');
  assert.deepEqual(f.scan(), before);
  const { matched, carried } = f.memory.last.semantic;
  assert.ok(matched >= 2, `the helper and its caller are matched again (${matched})`);
  assert.ok((carried ?? 0) > 0, `most findings of the caller keep their matches (${carried})`);
  // The caller's kept questions about its text still serve a whitespace edit inside it (scan-spaces.ts).
  f.splice(f.text().indexOf('_pay(to, amount);'), 0, ' ');
  assert.deepEqual(f.scan(), before);
  assert.equal(f.memory.last.kept, 'spaces');
});

test('a finding answered from the share by a finding that asked the model is matched again', () => {
  const sends = { all: [{ pattern: '$CALL(...)' }, { where: [{ call: 'match', 'sends-value': true }] }] };
  // The same match twice: the second takes the first's answer for its `all` without asking anything itself.
  const findings: Finding[] = [compileFinding(finding(sends, { id: 'TEST-A' }), PACK), compileFinding(finding(sends, { id: 'TEST-B' }), PACK)];
  const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
  const memory = new UnitMemory();
  let text = PAY;
  let parsed = parseSource(text);
  const scan = () => {
    const units = scanParsed(parsed, findings, { memory, semantic: () => (project.update(PATH, parsed), { project, path: PATH }) });
    const fresh = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
    fresh.update(PATH, parsed);
    assert.deepEqual(units, scanParsed(parsed, findings, { semantic: { project: fresh, path: PATH } }));
    return units.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`).sort();
  };
  const paying = scan();
  assert.ok(paying.includes('TEST-A@13') && paying.includes('TEST-B@13'), `withdraw's call sends value: ${paying}`);
  text = text.replace('to.call{value: amount}("")', 'to.staticcall("")');
  parsed = parseSource(text, parsed);
  const after = scan();
  assert.ok(!after.some((o) => o.endsWith('@13')), `it no longer does, for either copy: ${after}`);
});

test('findings of the built-in packs carried over a helper edit equal a fresh scan after every keystroke', () => {
  const all = loadBuiltinPacks().flatMap((p) => p.findings);
  assert.ok(all.length > 100);
  const f = editedFile(PATH, PAY, (r) => r.occurrences.map((o) => o.findingId).sort());
  f.scan();
  const at = f.text().indexOf('require(ok);');
  let carried = 0;
  for (const [i, ch] of [...'uint256 x = amount + 1; '].entries()) {
    f.splice(at + i, 0, ch);
    f.scan();
    carried += f.memory.last.semantic.carried ?? 0;
  }
  assert.ok(carried > 0, `carried over the keystrokes: ${carried}`);
});

test('random edits of a helper and of its callers, whitespace included, equal a fresh scan', () => {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(2),
    insert: fc.constantFrom('', ' ', '\n', 'x', ';', 'amount + ', ' + 1', '{value: 1}', 'require(ok);'),
  });
  let carried = 0;
  let spaces = 0;
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), (edits) => {
      const f = editedFile(PATH, PAY, (r) => r.occurrences.map((o) => o.findingId));
      f.scan();
      const start = f.text().indexOf('function _pay');
      for (const e of edits) {
        // Inside the functions, where the edits re-match the caller and carry its text-only findings.
        const at = start + Math.floor(e.at * (f.text().length - 4 - start));
        f.splice(at, e.remove, e.insert);
        f.scan();
        carried += f.memory.last.semantic.carried ?? 0;
        if (f.memory.last.kept === 'spaces') spaces++;
      }
    }),
    { seed: 20261207, numRuns: 40 },
  );
  assert.ok(carried > 0, `findings carried ${carried} times (whitespace kept ${spaces} times)`);
});
