// Semantic filters in scans of files on disk (project/semantic-host.ts, run-scan.ts): imports are read through the
// project's remappings, the result names the files it depended on, and the on-disk result cache misses when one
// of them changes, although the scanned file did not.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compileFinding } from '../../server/src/engine';
import type { LoadedPack } from '../../server/src/packs/types';
import { scanFiles, type ScanOptions } from '../../server/src/project/run-scan';
import { finding, PACK } from './engine-helpers';

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const KILL = compileFinding(
  finding({
    all: [{ pattern: 'selfdestruct($R)' }, { where: [{ function: { 'sender-guarded': false, 'reachable-externally': true } }] }],
  }),
  PACK,
);
const packs: LoadedPack[] = [{ info: PACK, findings: [KILL], problems: [] }];
const options: ScanOptions = { minSeverity: 'info', minConfidence: 'low' };

const GUARDED_BASE = `pragma solidity ^0.8.0;
abstract contract Auth {
  address internal owner;
  modifier whenAllowed() { require(msg.sender == owner, "no"); _; }
}`;

function projectDir(): { dir: string; main: string; base: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hs-semantic-'));
  temps.push(dir);
  writeFileSync(join(dir, 'remappings.txt'), '@auth/=lib/auth/src/\n');
  mkdirSync(join(dir, 'lib', 'auth', 'src'), { recursive: true });
  mkdirSync(join(dir, 'src'));
  const base = join(dir, 'lib', 'auth', 'src', 'Auth.sol');
  writeFileSync(base, GUARDED_BASE);
  const main = join(dir, 'src', 'Main.sol');
  // `whenAllowed` says nothing by its name: only the imported body tells that it checks the caller.
  writeFileSync(
    main,
    `pragma solidity ^0.8.0;\nimport "@auth/Auth.sol";\ncontract Main is Auth {\n  function kill() external whenAllowed { selfdestruct(payable(owner)); }\n}\n`,
  );
  return { dir, main, base };
}

test('imports through remappings: an imported modifier that checks the caller guards', () => {
  const { main, base } = projectDir();
  const r = scanFiles([main], packs, options).files[0];
  assert.deepEqual(r.occurrences, []);
  assert.deepEqual(r.dependencies, [base.replace(/\\/g, '/')]);
});

test('the result cache misses when an imported file changes, and hits while none does', () => {
  const { dir, main, base } = projectDir();
  const cacheDir = join(dir, '.cache');
  const cached = { ...options, cacheDir };
  assert.equal(scanFiles([main], packs, cached).files[0].occurrences.length, 0);
  assert.equal(scanFiles([main], packs, cached).files[0].occurrences.length, 0);
  // The modifier stops checking: Main.sol is unchanged, its result is not.
  writeFileSync(base, GUARDED_BASE.replace('require(msg.sender == owner, "no");', ''));
  assert.equal(scanFiles([main], packs, cached).files[0].occurrences.length, 1);
  writeFileSync(base, GUARDED_BASE);
  assert.equal(scanFiles([main], packs, cached).files[0].occurrences.length, 0);
});
