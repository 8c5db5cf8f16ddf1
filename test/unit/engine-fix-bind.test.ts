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
