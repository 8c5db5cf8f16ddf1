import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, compileFinding, type FixDefinition } from '../../server/src/engine';
import { finding, inFunction, PACK, scan } from './engine-helpers';

const CHECK: FixDefinition = {
  title: 'check the answer',
  bind: { $ANSWER: { component: 1 } },
  edits: [{ 'insert-line-after': 'match', text: 'require($ANSWER > 0);' }],
};

function fixed(source: string, fix: FixDefinition = CHECK): string {
  const occ = scan('$F.latestRoundData()', source, { fix });
  return applyEdits(
    source,
    occ.flatMap((o) => o.fix?.edits ?? []),
  );
}

test('bind names the variable a declaration gives a tuple element', () => {
  const src = inFunction('    (, int256 price, , , ) = feed.latestRoundData();');
  assert.equal(fixed(src), inFunction('    (, int256 price, , , ) = feed.latestRoundData();\n    require(price > 0);'));
});

test('bind names the variable an assignment to a tuple gives the element', () => {
  const src = inFunction('    (, p, , , ) = (feed.latestRoundData());');
  assert.equal(fixed(src), inFunction('    (, p, , , ) = (feed.latestRoundData());\n    require(p > 0);'));
});

test('no fix where the element is left out or the value is not destructured', () => {
  for (const line of ['    (, , , uint256 at, ) = feed.latestRoundData();', '    keep(feed.latestRoundData());']) {
    const src = inFunction(line);
    assert.equal(scan('$F.latestRoundData()', src, { fix: CHECK })[0].fix, undefined, line);
  }
});

test('a fix binding is checked when the finding is compiled', () => {
  const compile = (bind: unknown) => compileFinding(finding({ pattern: '$F.latestRoundData()' }, { fix: { ...CHECK, bind } as FixDefinition }), PACK);
  assert.throws(() => compile({ $F: { component: 1 } }), /bound by the pattern already/);
  assert.throws(() => compile({ ANSWER: { component: 1 } }), /binds metavariables/);
  assert.throws(() => compile({ $ANSWER: { component: -1 } }), /needs `component`/);
  assert.throws(() => compile({}), /unbound|not bound|\$ANSWER/);
});

const DEADLINE: FixDefinition = {
  title: 'take the deadline',
  edits: [{ 'add-parameter': 'uint256 deadline' }, { replace: '$D', with: 'deadline' }],
};

function withDeadline(source: string): string {
  const occ = scan('router.swap($A, $D)', source, { fix: DEADLINE });
  return applyEdits(
    source,
    occ.flatMap((o) => o.fix?.edits ?? []),
  );
}

test('add-parameter goes after the last parameter, or into an empty list', () => {
  const call = '    router.swap(a, block.timestamp);';
  assert.equal(
    withDeadline(inFunction(call, 'function f(uint256 a) external')),
    inFunction('    router.swap(a, deadline);', 'function f(uint256 a, uint256 deadline) external'),
  );
  assert.equal(
    withDeadline(inFunction(call, 'function f( ) external returns (uint256)')),
    inFunction('    router.swap(a, deadline);', 'function f(uint256 deadline ) external returns (uint256)'),
  );
});

test('add-parameter is not offered where the parameter list is fixed elsewhere', () => {
  for (const header of ['function f() external override', 'function f() public virtual', 'constructor()', 'fallback() external']) {
    const occ = scan('router.swap($A, $D)', inFunction('    router.swap(a, block.timestamp);', header), { fix: DEADLINE });
    assert.equal(occ[0]?.fix, undefined, header);
  }
});

test('add-parameter needs a type and a name', () => {
  const compile = (p: string) => compileFinding(finding({ pattern: 'router.swap($A, $D)' }, { fix: { title: 't', edits: [{ 'add-parameter': p }] } }), PACK);
  assert.doesNotThrow(() => compile('address[] memory path'));
  assert.throws(() => compile('deadline'), /a type and a name/);
  assert.throws(() => compile('uint256 deadline) external {'), /a type and a name/);
});
