// Globs come from committed files (.hindsight/config.yaml, deployments.yaml): they must mean what picomatch
// says they mean, and a hostile one must not stall a scan (it runs on re2js, linear in the path).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { compileGlob, globTest } from '../../server/src/shared/safe-glob';

const GLOBS = [
  'test/**',
  '*.t.sol',
  '**/*.{t,s}.sol',
  'lib/**',
  'src/[ab]?.sol',
  '**/mocks/**',
  'contracts/*.sol',
  '**/test/**/*.sol',
  'a/**/b/*.sol',
  '**',
  'x/y.sol',
  '!contracts/**',
];
const PATHS = [
  'test/A.sol',
  'src/a1.sol',
  'contracts/x/Y.sol',
  'contracts/Y.sol',
  'lib/forge-std/src/Test.sol',
  'x/mocks/M.sol',
  'a/b/c.t.sol',
  'a/x/y/b/c.sol',
  'a/b/c.sol',
  '.hidden/x.sol',
  'q.s.sol',
  'x/y.sol',
  'deep/test/z/q.sol',
];

test('safe globs agree with picomatch on ordinary globs and paths', () => {
  for (const g of GLOBS) {
    const ours = compileGlob(g);
    assert.equal(typeof ours, 'function', `${g} compiles`);
    const theirs = picomatch(g, { dot: true });
    for (const p of PATHS) assert.equal((ours as (p: string) => boolean)(p), theirs(p), `${g} on ${p}`);
  }
});

test('a catastrophic-backtracking glob answers at once instead of stalling the scan', () => {
  const hostile = '*a'.repeat(12) + '*b';
  const t = globTest([hostile]);
  assert.equal(t('x/' + 'a'.repeat(250)), false);
  assert.equal(t('a'.repeat(12) + 'b'), true);
});

test('unusable globs match nothing and are reported', () => {
  const tooLong = 'a'.repeat(2000);
  assert.deepEqual(compileGlob(tooLong), { error: 'glob longer than 1024 characters' });
  assert.equal(globTest([tooLong])('a'.repeat(2000)), false);
  assert.equal(globTest([])('x.sol'), false);
});
