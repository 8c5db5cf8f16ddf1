// Where a unit's semantic matches are kept although something it may depend on changed: a mention of a function
// that only reads its selector (scan-semantic-mentions.ts), and questions about the whole contract that get the
// same answers (scan-semantic-probes.ts). Kept or not, every scan must equal a whole-file scan of a fresh project,
// also after edits that do change what other functions observe: a guard removed from a helper, a state write or
// a value transfer added to one, a header changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editedFile, GATE } from './scan-semantic-harness';

const report = (r: { occurrences: Array<{ findingId: string; range: { start: { line: number } } }> }) =>
  r.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`).sort();

/** Where a function's body starts (after its `{` and the line's indentation). */
function bodyStart(text: string, name: string): number {
  const at = text.indexOf('{', text.indexOf(`function ${name}(`)) + 1;
  return at + /^\s*/.exec(text.slice(at))![0].length;
}

test('a body edit of a function named elsewhere only by its selector keeps that unit; a header edit does not', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  const matchedNames = () => f.memory.last.semantic.at.map((at) => /(?:function|modifier)\s+(\w+)/.exec(f.text().slice(at))?.[1] ?? `@${at}`);
  const declared = () => [...(f.memory.semanticState?.functions.values() ?? [])].flat().includes('withdraw');
  f.scan();
  // A local declaration typed into withdraw: while withdraw parses before and after a keystroke, what pauseAll
  // reads of it (its selector) stays the same. A keystroke that breaks it (it leaves the tree) or mends it does not.
  const at = bodyStart(f.text(), 'withdraw');
  let kept = 0;
  for (const [i, ch] of [...'uint256 hindsightBench = amount + 1; '].entries()) {
    const before = declared();
    f.splice(at + i, 0, ch);
    f.scan();
    if (before !== declared()) continue;
    assert.ok(!matchedNames().includes('pauseAll'), `keystroke ${i}: ${matchedNames()}`);
    if (before) kept++;
  }
  assert.ok(kept >= 10, `${kept} keystrokes kept withdraw whole`);
  // Its parameters change: the selector pauseAll reads is another one.
  f.splice(f.text().indexOf('withdraw(uint256 amount)') + 'withdraw(uint256 amount'.length, 0, ', uint256 extra');
  f.scan();
  assert.ok(matchedNames().includes('pauseAll'), `${matchedNames()}`);
});

test('typing a local declaration re-matches few units even where units ask about the whole contract', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  f.scan();
  const all = f.memory.last.semantic.matched;
  const at = bodyStart(f.text(), 'deposit');
  let most = 0;
  for (const [i, ch] of [...'uint256 hindsightBench = total + 1; '].entries()) {
    f.splice(at + i, 0, ch);
    f.scan();
    most = Math.max(most, f.memory.last.semantic.matched);
  }
  assert.ok(most <= 3, `at most ${most} of ${all} units matched again per keystroke`);
});

test('edits that change what callers observe are matched again: a guard, a write, a transfer, a header', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  const start = f.scan();
  const replace = (from: string, to: string) => {
    const at = f.text().indexOf(from);
    assert.ok(at >= 0, from);
    f.splice(at, from.length, to);
    return f.scan();
  };
  // Each edit is compared with a fresh whole-file scan by the harness; the report must also move where it should.
  const unguarded = replace('\n        require(msg.sender == owner, "owner");', '');
  assert.notDeepEqual(unguarded, start, 'without the guard, the privileged writes are reported');
  assert.deepEqual(
    replace('function _checkOwner() internal view {', 'function _checkOwner() internal view {\n        require(msg.sender == owner, "owner");'),
    start,
  );
  replace('function _checkOwner() internal view {', 'function _checkOwner() internal {\n        total += 1;');
  replace('(bool ok, ) = to.call{value: amount}("");\n        require(ok);', 'payable(to).transfer(amount);');
  replace('function deposit()', 'function deposit2()');
  replace('paused[sel];', 'paused[sel] || sel == this.claim.selector;');
  // A write in a function no other unit names changes what units asking about the whole contract were told.
  const before = replace('pendingOwner = msg.sender;', 'pendingOwner = msg.sender;\n        implementation = msg.sender;');
  assert.notDeepEqual(replace('implementation = msg.sender;', 'owner = msg.sender;'), before);
});

test('random edits, typing and changes to helpers equal a fresh whole-file scan', () => {
  const MUTATIONS: Array<[string, string]> = [
    ['require(msg.sender == owner, "owner");', ''],
    ['function _checkOwner() internal view {', 'function _checkOwner() internal {\n        total += 1;'],
    ['(bool ok, ) = to.call{value: amount}("");\n        require(ok);', 'payable(to).transfer(amount);'],
    ['function withdraw(uint256 amount)', 'function withdraw(uint256 amount, uint256 extra)'],
    ['function deposit()', 'function deposit2()'],
    ['this.setOwner.selector', 'this.claim.selector'],
    ['pendingOwner = msg.sender;', 'pendingOwner = msg.sender;\n        _pay(msg.sender, 1);'],
    ['modifier onlyOwner() {', 'modifier onlyOwner() {\n        require(total > 0);'],
    ['return a * b / total;', 'return a / total * b;'],
    // Answers about the whole contract that other units asked: who may write a guarded variable, the guard's own.
    ['pendingOwner = msg.sender;', 'pendingOwner = msg.sender;\n        implementation = msg.sender;'],
    ['pendingOwner = msg.sender;', 'pendingOwner = msg.sender;\n        owner = msg.sender;'],
    ['function upgradeTo(address impl) external onlyOwner {', 'function upgradeTo(address impl) external {'],
  ];
  const NAMES = ['_checkOwner', 'setOwner', 'upgradeTo', 'setFee', 'pauseAll', 'isPaused', 'deposit', '_pay', 'withdraw', 'sweep', 'scaled', 'claim'];
  const step = fc.oneof(
    fc.record({ kind: fc.constant('type' as const), fn: fc.nat(NAMES.length - 1), chars: fc.nat({ max: 32 }) }),
    fc.record({ kind: fc.constant('mutate' as const), which: fc.nat(MUTATIONS.length - 1) }),
    fc.record({
      kind: fc.constant('splice' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat(6),
      insert: fc.constantFrom('', 'x', ';', '}', '.selector', 'this.withdraw.selector; ', 'owner = msg.sender; '),
    }),
  );
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 5 }), (steps) => {
      const f = editedFile('/hindsight-test/Gate.sol', GATE, () => []);
      f.scan();
      for (const s of steps) {
        if (s.kind === 'type') {
          const text = f.text();
          if (!text.includes(`function ${NAMES[s.fn]}(`)) continue;
          // As the benchmark types: one character a scan, at the start of a body.
          const at = bodyStart(text, NAMES[s.fn]);
          for (const [i, ch] of [...'uint256 hindsightBench = a + 1; '.slice(0, s.chars)].entries()) {
            f.splice(at + i, 0, ch);
            f.scan();
          }
        } else if (s.kind === 'mutate') {
          const [from, to] = MUTATIONS[s.which];
          const at = f.text().indexOf(from);
          if (at < 0) continue;
          f.splice(at, from.length, to);
          f.scan();
        } else {
          f.splice(Math.floor(s.at * f.text().length), s.remove, s.insert);
          f.scan();
        }
      }
    }),
    { seed: 20261207, numRuns: 40 },
  );
});
