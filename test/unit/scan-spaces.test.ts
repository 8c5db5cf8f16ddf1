// Whitespace typed between the tokens of a member keeps the last full scan's matches, moved (engine/scan-spaces.ts,
// `spaces` in scan-reuse.ts). The harness compares every scan with a fresh whole-file scan; these tests make sure
// the kept scans happen, and that a filter reading the text around the edit is asked again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { compileFinding, scanParsed, UnitMemory, type Finding } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { askAgain, askText, type FileIndex, type TextRead } from '../../server/src/engine/scan-index';
import { moveReads } from '../../server/src/engine/scan-spaces';
import { finding, PACK } from './engine-helpers';
import { editedFile, GATE } from './scan-semantic-harness';

const report = (r: { occurrences: Array<{ findingId: string; range: { start: { line: number } } }> }) =>
  r.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`).sort();

test('whitespace typed after a statement, and taken out again, keeps the scan', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  f.scan();
  const at = f.text().indexOf('owner = o;') + 'owner = o;'.length;
  const kept: Array<string | undefined> = [];
  for (const [i, ch] of [...' \n        x'].entries()) {
    f.splice(at + i, 0, ch);
    f.scan();
    kept.push(f.memory.last.kept);
  }
  // The `x` is a new token: scanned in full (the function does not parse: kept as broken).
  assert.deepEqual(kept, ['spaces', 'spaces', 'spaces', 'spaces', 'spaces', 'spaces', 'spaces', 'spaces', 'spaces', 'spaces', 'broken']);
  f.splice(at + 10, 1, '');
  f.scan();
  f.splice(at + 1, 4, '');
  f.scan();
  assert.equal(f.memory.last.kept, 'spaces');
});

test('what must scan in full does: words joined, a comment or a string, an edit before a node’s first space', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE.replace('owner = o;', 'owner = o; // set\n        total = 1 + 2;'), report);
  f.scan();
  const cases: Array<[string, number, number, string]> = [
    ['the comment', f.text().indexOf('// set') + 3, 0, ' '],
    ['the end of the comment', f.text().indexOf('// set') + 6, 0, ' '],
    ['inside a name', f.text().indexOf('require(msg.sender') + 'require(msg'.length, 0, ' '],
    ['inside a call written without spaces before', f.text().indexOf('require(msg.sender') + 'require('.length, 0, ' '],
    ['between the words of a type', f.text().indexOf('address o') + 'address'.length, 1, ''],
  ];
  for (const [what, at, remove, insert] of cases) {
    f.splice(at, remove, insert);
    f.scan();
    assert.notEqual(f.memory.last.kept, 'spaces', what);
  }
});

test('a filter that reads whitespace is asked again of the new text', () => {
  const blank = compileFinding(
    finding({ all: [{ pattern: 'function $F(...) { ... }' }, { where: [{ text: 'match', regex: ';\\s*\\n\\s*\\n' }] }] }, { id: 'TEST-BLANK' }),
    PACK,
  );
  const findings: Finding[] = [blank];
  const source = 'pragma solidity ^0.8.0;\ncontract C {\n    uint256 x;\n    function f() public {\n        x = 1;\n        x = 2;\n    }\n}\n';
  let text = source;
  let parsed = parseSource(text);
  const memory = new UnitMemory();
  const ids = () => scanParsed(parsed, findings, { memory }).occurrences.map((o) => o.findingId);
  assert.deepEqual(ids(), []);
  const at = text.indexOf('x = 1;') + 'x = 1;'.length;
  const steps: Array<[string, string[], string | undefined]> = [
    [' ', [], 'spaces'], // no blank line yet: the regex's answer is the same
    [' ', [], 'spaces'], // asked again at the moved offsets
    ['\n', ['TEST-BLANK'], undefined], // a blank line: the answer changed, scanned in full
    ['  ', ['TEST-BLANK'], 'spaces'],
  ];
  let off = at;
  for (const [insert, want, kept] of steps) {
    text = text.slice(0, off) + insert + text.slice(off);
    off += insert.length;
    parsed = parseSource(text, parsed);
    assert.deepEqual(ids(), want, JSON.stringify(insert));
    assert.equal(memory.last.kept, kept, JSON.stringify(insert));
    assert.deepEqual(
      ids(),
      scanParsed(parseSource(text), findings).occurrences.map((o) => o.findingId),
    );
  }
});

const OZ = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));

test('property: whitespace and comments typed and deleted anywhere scan as a fresh scan would', () => {
  const files = [
    { path: '/hindsight-test/Gate.sol', text: GATE },
    { path: '/hindsight-test/ReentrancyGuard.sol', text: readFileSync(join(OZ, 'utils/ReentrancyGuard.sol'), 'utf8') },
    { path: '/hindsight-test/Address.sol', text: readFileSync(join(OZ, 'utils/Address.sol'), 'utf8') },
  ];
  const counts: Record<string, number> = {};
  const step = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    // Mostly inside function bodies, where the edits are typed.
    body: fc.boolean(),
    remove: fc.constantFrom(0, 0, 1, 2),
    insert: fc.constantFrom('', ' ', '\n', '\t', '\n        ', '  ', '/* c */', '// c\n', ' x'),
  });
  fc.assert(
    fc.property(fc.constantFrom(...files), fc.array(step, { minLength: 1, maxLength: 5 }), (file, steps) => {
      const f = editedFile(file.path, file.text, report);
      f.scan();
      for (const s of steps) {
        const text = f.text();
        const bodies = [...text.matchAll(/\)[^;{}()]*\{\n/g)].map((m) => m.index + m[0].length);
        let at = s.body && bodies.length ? bodies[Math.floor(s.at * bodies.length)] : Math.floor(s.at * text.length);
        if (s.body) at += Math.floor((s.at * 997) % 80);
        at = Math.min(at, text.length);
        // Deletes only whitespace, as a backspace over indentation does (the insertions make the rest).
        const remove = /^\s*/.exec(text.slice(at, at + s.remove))![0].length;
        f.splice(at, remove, s.insert);
        f.scan();
        const kept = f.memory.last.kept ?? 'full';
        counts[kept] = (counts[kept] ?? 0) + 1;
      }
    }),
    { numRuns: 60, seed: 20261207 },
  );
  assert.ok((counts.spaces ?? 0) > 30 && (counts.full ?? 0) > 20, JSON.stringify(counts));
});

test('a comment typed between members is scanned in full when a filter read the text around it', () => {
  const todo = compileFinding(finding({ all: [{ pattern: 'contract $C { ... }' }, { where: [{ text: 'match', regex: 'TODO' }] }] }, { id: 'TEST-TODO' }), PACK);
  const findings: Finding[] = [todo];
  let text = 'pragma solidity ^0.8.0;\ncontract C {\n    uint256 x;\n\n    function f() public {\n        x = 1;\n    }\n}\n';
  let parsed = parseSource(text);
  const memory = new UnitMemory();
  const ids = () => scanParsed(parsed, findings, { memory }).occurrences.map((o) => o.findingId);
  assert.deepEqual(ids(), []);
  const at = text.indexOf('uint256 x;') + 'uint256 x;'.length + 1;
  for (const [insert, want, kept] of [
    ['    // later\n', [], 'gap'],
    ['    // TODO\n', ['TEST-TODO'], undefined],
  ] as const) {
    text = text.slice(0, at) + insert + text.slice(at);
    parsed = parseSource(text, parsed);
    assert.deepEqual(ids(), want, insert);
    assert.equal(memory.last.kept, kept, insert);
  }
});

test('the questions of a kept member move with its text', () => {
  // Reads the function's last character: asked at offsets not moved, it would read one short and answer otherwise.
  const closed = compileFinding(
    finding({ all: [{ pattern: 'function $F(...) { ... }' }, { where: [{ text: 'match', regex: '\\}$' }] }] }, { id: 'TEST-END' }),
    PACK,
  );
  let text = 'pragma solidity ^0.8.0;\ncontract C {\n    uint256 x;\n    function f() public {\n        x = 1;\n        x = 2;\n    }\n}\n';
  let parsed = parseSource(text);
  const memory = new UnitMemory();
  const ids = () => scanParsed(parsed, [closed], { memory }).occurrences.map((o) => o.findingId);
  assert.deepEqual(ids(), ['TEST-END']);
  const at = text.indexOf('x = 1;') + 'x = 1;'.length;
  for (let i = 0; i < 3; i++) {
    text = `${text.slice(0, at)} ${text.slice(at)}`;
    parsed = parseSource(text, parsed);
    assert.deepEqual(ids(), ['TEST-END']);
    assert.equal(memory.last.kept, 'spaces', `keystroke ${i}`);
  }
});

test('a question moved over many keystrokes is still the one first asked, at its moved offsets', () => {
  // Each kept keystroke used to wrap the question in a closure over that edit's moves: a document typed in for an
  // hour held a chain as long as its whitespace edits, and each re-ask walked it.
  let text = 'contract C { function f() public { x = 1; } }';
  const index = { text, reads: [] as TextRead[] } as unknown as FileIndex;
  const at = text.indexOf('x = 1;');
  assert.equal(
    askText(index, (read) => read(at, at + 6) === 'x = 1;'),
    true,
  );
  const first = index.reads![0];
  let reads: TextRead[] = index.reads!;
  for (let i = 0; i < 1000; i++) {
    // A space typed at the start of the body: offsets at or after it move by one.
    const edit = text.indexOf('{ x') + 1;
    text = `${text.slice(0, edit)} ${text.slice(edit)}`;
    const move = (o: number) => (o >= edit ? o + 1 : o);
    reads = moveReads(reads, move, move)!;
  }
  assert.equal(reads[0].test, first.test);
  assert.equal(reads[0].asked, first.asked);
  assert.deepEqual(reads[0].spans, [at + 1000, at + 1006]);
  assert.equal(
    askAgain(reads[0], (s, e) => text.slice(s, e)),
    true,
  );
  assert.equal(
    askAgain(reads[0], (s, e) => text.slice(s, e).replace('1', '2')),
    false,
  );
  // A question that reads a span it never read has no offsets there: not an answer.
  const wandering: TextRead = { ...first, test: (read) => read(0, 8) === 'contract' };
  assert.equal(
    askAgain(wandering, (s, e) => text.slice(s, e)),
    undefined,
  );
});
