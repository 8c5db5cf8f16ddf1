// A library function's local effects are computed once per project and shared by the contracts that reach it, when
// computing them looked at neither the contract nor the call stack (summaries-shared.ts). The summaries must be
// those of contracts summarised alone, in any order; a recursive helper is computed per contract, as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContractSummaries, type Summary } from '../../server/src/engine/semantics/summaries';
import { isPure, sharedLocals } from '../../server/src/engine/semantics/summaries-shared';
import { contractIn, functionNamed, projectOf } from './semantics-summaries-helpers';

const LIB = `pragma solidity ^0.8.20;
library L {
  function fail() internal pure { revert("no"); }
  function pay(address to, uint256 v) internal { (bool ok, ) = to.call{value: v}(""); require(ok); }
  function guarded(address to, uint256 v) internal { if (to == address(0)) fail(); pay(to, v); }
  function countdown(uint256 n) internal { if (n > 0) countdown(n - 1); }
  function even(uint256 n) internal { if (n > 0) odd(n - 1); }
  function odd(uint256 n) internal { if (n > 0) even(n - 1); fail(); }
}
`;

const MAIN = `pragma solidity ^0.8.20;
import "./L.sol";
contract A {
  uint256 x;
  function a(address to) external { L.guarded(to, 1); L.countdown(3); x = 1; }
}
contract B {
  uint256 y;
  function b(address to) external { L.even(2); L.guarded(to, 2); y = 2; }
  function c() external { L.odd(1); y = 3; }
}
`;

const files = () => ({ '/p/L.sol': LIB, '/p/Main.sol': MAIN });

function plain(s: Summary): unknown {
  return { ...s, reads: [...s.reads], writes: [...s.writes], events: [...s.events], callees: [...s.callees] };
}

/** Every summary of the contracts `order` names, each contract's summaries built in that order in one project. */
function summaries(order: string[]): Record<string, unknown> {
  const fx = projectOf(files());
  const out: Record<string, unknown> = {};
  for (const name of order) {
    const s = new ContractSummaries(fx.project, contractIn(fx, '/p/Main.sol', name));
    for (const f of s.functions()) out[`${name}.${f.name}`] = plain(s.summaryOf(f));
  }
  return out;
}

test('contracts reaching the same library functions get the summaries they get alone, in any order', () => {
  const alone = { ...summaries(['A']), ...summaries(['B']) };
  assert.deepEqual(summaries(['A', 'B']), alone);
  assert.deepEqual(summaries(['B', 'A']), alone);
  assert.equal((alone['A.a'] as { reverts: string }).reverts, 'may');
  assert.equal((alone['B.c'] as { reverts: string }).reverts, 'always', 'odd always reverts');
});

test('a library function without recursion is shared, a recursive one is not', () => {
  const fx = projectOf(files());
  const a = new ContractSummaries(fx.project, contractIn(fx, '/p/Main.sol', 'A'));
  a.summaryOf(functionNamed(a, 'a'));
  const b = new ContractSummaries(fx.project, contractIn(fx, '/p/Main.sol', 'B'));
  b.summaryOf(functionNamed(b, 'b'));
  const lib = fx.project.symbols('/p/L.sol')!.contracts[0];
  const node = (name: string) => lib.functions.find((f) => f.name === name)!.node;
  const shared = sharedLocals(fx.project);
  for (const name of ['fail', 'pay', 'guarded']) {
    const s = shared.get(node(name));
    assert.ok(s && isPure(s.local), name);
  }
  assert.deepEqual(
    shared
      .get(node('guarded'))!
      .callees.map((f) => f.name)
      .sort(),
    ['fail', 'pay'],
  );
  for (const name of ['countdown', 'even', 'odd']) assert.equal(shared.get(node(name)), undefined, name);
});

test('an edit drops the shared locals', () => {
  const fx = projectOf(files());
  const a = new ContractSummaries(fx.project, contractIn(fx, '/p/Main.sol', 'A'));
  a.summaryOf(functionNamed(a, 'a'));
  const lib = () => fx.project.symbols('/p/L.sol')!.contracts[0];
  const before = lib().functions.find((f) => f.name === 'pay')!.node;
  assert.ok(sharedLocals(fx.project).get(before));
  fx.project.update('/p/L.sol', LIB.replace('require(ok);', 'require(ok, "x");'));
  assert.equal(sharedLocals(fx.project).get(before), undefined);
});
