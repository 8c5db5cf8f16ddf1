// The quick-fix verification harness (test/fixes/, docs/fixes.md): every fix of the built-in pack on every expect
// case of its test file, the regression cases of issue 18 and the exploit scenarios. Compiles with solc-js and
// runs an in-process EVM, so it takes tens of seconds (compiler outputs are cached in the OS temp folder).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { differential } from '../fixes/differential';
import { caseKey, DOC, renderDoc } from '../fixes/doc';
import { findingsWithFix } from '../fixes/harness';
import { type AllResults, KNOWN_PROBLEMS, runAll } from '../fixes/run-all';
import { compile } from '../fixes/solc';

let all: AllResults;
before(async () => {
  all = await runAll();
});

function expectClean(problems: string[], key: string): void {
  const known = KNOWN_PROBLEMS[key]?.problem;
  // Several problems of one case are listed joined by "; ", in any order.
  if (known)
    assert.deepEqual([...problems].sort(), known.split('; ').sort(), `${key} is listed in KNOWN_PROBLEMS with "${known}"; update the list if it changed`);
  else assert.deepEqual(problems, [], key);
}

describe('fix harness: pack test cases', () => {
  for (const f of findingsWithFix()) {
    it(`${f.id}: every expect case compiles after the fix, loses the finding, and a safe fix behaves the same`, () => {
      const mine = all.cases.filter((c) => c.finding === f.id);
      assert.ok(mine.length >= 2, `${f.id} has ${mine.length} expect cases`);
      assert.ok(
        mine.some((c) => c.offered !== 'none'),
        `${f.id}: its fix is offered on none of its expect cases`,
      );
      for (const c of mine) {
        expectClean(c.problems, caseKey(c));
        if (c.offered === 'safe') assert.ok((c.differential?.calls ?? 0) > 0, `${caseKey(c)}: a safe fix ran no differential calls`);
      }
    });
  }
  it('lists no known problem that is not a case', () => {
    const keys = new Set([...all.cases, ...all.regressions].map(caseKey));
    for (const k of Object.keys(KNOWN_PROBLEMS)) assert.ok(keys.has(k), `${k} in KNOWN_PROBLEMS is no case`);
  });
});

describe('fix harness: regression cases of issue 18', () => {
  it('covers the eight cases', () => {
    const ids = new Set(all.regressions.map((r) => r.finding));
    for (const id of ['HS-ACCESS-001', 'HS-SIG-001', 'HS-UPG-005', 'HS-TOKEN-008', 'HS-ETH-002', 'HS-DEPR-001', 'HS-DEPR-002', 'HS-DEPR-003'])
      assert.ok(ids.has(id), `no regression case for ${id}`);
  });
  it('each offers what it must, and what it offers compiles and clears the finding', () => {
    for (const r of all.regressions) expectClean(r.problems, caseKey(r));
  });
  it('safe fixes are never offered where the issue found them unsafe', () => {
    const wrong = all.regressions.filter((r) => r.expected !== 'safe' && r.offered === 'safe');
    assert.deepEqual(wrong.map(caseKey), []);
  });
});

describe('fix harness: exploit scenarios', () => {
  it('each attack works on the original and is stopped by the review fix', () => {
    assert.ok(all.exploits.length >= 2);
    for (const e of all.exploits) {
      assert.deepEqual(e.problems, [], `${e.finding} (${e.file})`);
      assert.equal(e.originalExploited, true);
      assert.equal(e.fixedExploited, false);
    }
  });
});

describe('fix harness: the differential run has teeth', () => {
  const TIMELOCK = `pragma solidity ^0.4.24;
contract TimeLock {
    uint256 public releaseTime;
    function lock(uint256 duration) public { releaseTime = now + duration; }
    function released() public view returns (bool) { return now >= releaseTime; }
}`;
  it('sees a rewrite that reads another value (now → block.number)', async () => {
    const r = await differential(compile(TIMELOCK), compile(TIMELOCK.replace(/\bnow\b/g, 'block.number')), 1);
    assert.match(r.difference ?? '', /returned|storage/);
  });
  it('sees a rewrite that reverts where the original did not', async () => {
    const stricter = TIMELOCK.replace('{ releaseTime = now + duration; }', '{ require(duration < 1000); releaseTime = now + duration; }');
    const r = await differential(compile(TIMELOCK), compile(stricter), 1);
    assert.match(r.difference ?? '', /success|storage/);
  });
  it('sees nothing when there is nothing to see', async () => {
    const r = await differential(compile(TIMELOCK), compile(TIMELOCK.replace(/\bnow\b/g, 'block.timestamp')), 1);
    assert.equal(r.difference, undefined);
    assert.ok(r.calls > 0);
  });
});

describe('docs/fixes.md', () => {
  it('is current with the pack and the harness (node --import tsx test/fixes/doc.ts)', () => {
    const expected = renderDoc(all.fixes, all.cases, all.regressions, all.exploits, KNOWN_PROBLEMS);
    assert.equal(readFileSync(DOC, 'utf8'), expected);
  });
});
