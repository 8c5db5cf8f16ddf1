// One identity for a finding occurrence (shared/finding-identity.ts): rule, file and code fingerprint. Duplicated
// code is two findings, a record follows its code only when its own file is gone, and the CLI's baseline and SARIF
// agree with the triage on what "the same finding" is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { normaliseRelativeFile, occurrenceHash, occurrenceKey, pairOccurrences } from '../../server/src/shared/finding-identity';
import { compareWithBaseline } from '../../server/src/audit/baseline';
import { CLI_PACK, makeTree, removeBundle, runCli, sol } from './cli-helpers';
import { scan } from './engine-helpers';

const occ = (file: string, fingerprint = 'f1', findingId = 'R-1') => ({ file, fingerprint, findingId });

test('the key holds file, rule and fingerprint, with one spelling of the path', () => {
  assert.equal(occurrenceKey(occ('src\\./Vault.sol')), 'src/Vault.sol#R-1#f1');
  assert.equal(normaliseRelativeFile('./a//b/./c.sol'), 'a/b/c.sol');
  assert.notEqual(occurrenceHash(occ('src/Vault.sol')), occurrenceHash(occ('test/Vault.sol')));
  assert.notEqual(occurrenceHash(occ('a.sol', 'f1', 'R-1')), occurrenceHash(occ('a.sol', 'f1', 'R-2')));
  assert.match(occurrenceHash(occ('a.sol')), /^[0-9a-f]{24}$/);
});

test('a record covers its own copy only while its file exists', () => {
  const src = occ('src/Vault.sol');
  const copy = occ('test/Vault.sol');
  const record = { ...occ('src/Vault.sol'), status: 'false-positive' };
  const both = pairOccurrences([src, copy], [record], { fileExists: () => true });
  assert.deepEqual(both.pairs, [[src, record]]);
  assert.deepEqual(both.unmatched, [copy], 'the copy in test/ stays open');

  // src/Vault.sol fixed, the copy unchanged: the verdict must not jump to code nobody looked at.
  const fixed = pairOccurrences([copy], [record], { fileExists: () => true });
  assert.deepEqual(fixed.unmatched, [copy]);
  assert.deepEqual(fixed.orphans, [record]);

  // src/Vault.sol renamed to src/Renamed.sol: the record follows its code.
  const renamed = occ('src/Renamed.sol');
  const moved = pairOccurrences([renamed, copy], [record], { fileExists: (f) => f !== 'src/Vault.sol' });
  assert.deepEqual(moved.pairs, [[renamed, record]]);
  assert.deepEqual(moved.unmatched, [copy]);

  // A record without a file (an old triage file's hand-written entry) covers one occurrence of its code.
  const legacy = { ...occ(''), status: 'confirmed' };
  assert.equal(pairOccurrences([src, copy], [legacy], { fileExists: () => true }).pairs.length, 1);
});

test('records pair as multisets: two records cover two occurrences, never one twice', () => {
  const a = occ('a.sol');
  const b = occ('a.sol');
  const r = pairOccurrences([a, b], [occ('a.sol')]);
  assert.equal(r.pairs.length, 1);
  assert.deepEqual(r.unmatched, [b]);
});

test('duplicated code: two identical functions in one file, and one file copied, are distinct occurrences', () => {
  const PATTERN = '$T.transfer($A, $B);';
  const fn = (name: string) => `  function ${name}(uint256 x) public { t.transfer(a, x); }\n`;
  // Two identical overloads (same name), two identical contracts' functions and two identical functions.
  const overloads = `contract C {\n${fn('pay')}  function pay(uint256 x, uint256 y) public { t.transfer(a, x); }\n}`;
  const prints = scan(PATTERN, overloads).map((o) => o.fingerprint);
  assert.equal(prints.length, 2);
  assert.notEqual(prints[0], prints[1]);
  const twins = scan(PATTERN, `contract C {\n${fn('payA')}${fn('payB')}}`).map((o) => o.fingerprint);
  assert.equal(new Set(twins).size, 2);
  const contracts = scan(PATTERN, `contract C {\n${fn('pay')}}\ncontract D {\n${fn('pay')}}`).map((o) => o.fingerprint);
  assert.equal(new Set(contracts).size, 2);
  // The same file in two places: same fingerprints, different identities.
  const copied = scan(PATTERN, `contract C {\n${fn('pay')}}`).map((o) =>
    occurrenceKey({ file: 'test/C.sol', findingId: o.findingId, fingerprint: o.fingerprint }),
  );
  const original = scan(PATTERN, `contract C {\n${fn('pay')}}`).map((o) =>
    occurrenceKey({ file: 'src/C.sol', findingId: o.findingId, fingerprint: o.fingerprint }),
  );
  assert.notDeepEqual(copied, original);
});

test('compareWithBaseline: a copy is new, a rename is known', () => {
  const entry = { ...occ('src/Vault.sol') };
  const cmp = compareWithBaseline([occ('src/Vault.sol'), occ('test/Vault.sol')], { findings: [entry] }, { fileExists: () => true });
  assert.deepEqual(
    cmp.added.map((a) => a.file),
    ['test/Vault.sol'],
  );
  const renamed = compareWithBaseline([occ('src/V2.sol')], { findings: [entry] }, { fileExists: () => false });
  assert.equal(renamed.added.length, 0);
});

test('CLI: the baseline and SARIF partialFingerprints agree on the identity of copied code', async (t) => {
  const repo = makeTree({ 'src/Vault.sol': sol.both });
  t.after(() => {
    rmSync(repo, { recursive: true, force: true });
    removeBundle();
  });
  const PACK = ['--no-builtin', '--pack', CLI_PACK];
  assert.equal((await runCli(['baseline', 'save', ...PACK], { cwd: repo })).code, 0);
  const baseline = JSON.parse(readFileSync(join(repo, '.hindsight/baseline.json'), 'utf8')) as {
    findings: Array<{ file: string; findingId: string; fingerprint: string }>;
  };
  assert.ok(baseline.findings.length >= 2);
  // The same contract copied (a flattened copy): its findings are new in CI, as they are open in the editor.
  mkdirSync(join(repo, 'src/flat'));
  writeFileSync(join(repo, 'src/flat/Vault.sol'), sol.both);
  const r = await runCli(['scan', ...PACK, '--baseline', '--format', 'sarif', '.'], { cwd: repo });
  const results = (JSON.parse(r.stdout) as Sarif.Log).runs[0].results ?? [];
  assert.deepEqual([...new Set(results.map((x) => x.locations?.[0].physicalLocation?.artifactLocation?.uri))], ['src/flat/Vault.sol']);
  assert.equal(results.length, baseline.findings.length);
  const expected = baseline.findings.map((f) => occurrenceHash({ ...f, file: 'src/flat/Vault.sol' })).sort();
  assert.deepEqual(results.map((x) => x.partialFingerprints?.['hindsight/v2']).sort(), expected);
  const full = await runCli(['scan', ...PACK, '--format', 'sarif', '.'], { cwd: repo });
  const all = (JSON.parse(full.stdout) as Sarif.Log).runs[0].results ?? [];
  assert.equal(new Set(all.map((x) => x.partialFingerprints?.['hindsight/v2'])).size, all.length, 'every result its own identity');
  assert.ok(
    all.some((x) => x.partialFingerprints?.['hindsight/v2'] === occurrenceHash(baseline.findings[0])),
    'the original keeps the identity the baseline recorded',
  );

  // Renamed (git mv): the baseline follows the code, nothing is new.
  rmSync(join(repo, 'src/flat'), { recursive: true });
  renameSync(join(repo, 'src/Vault.sol'), join(repo, 'src/Renamed.sol'));
  const after = await runCli(['scan', ...PACK, '--baseline', '--format', 'sarif', '.'], { cwd: repo });
  assert.equal((JSON.parse(after.stdout) as Sarif.Log).runs[0].results?.length, 0, after.stderr);
});
