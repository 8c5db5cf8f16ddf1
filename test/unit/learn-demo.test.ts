// The README's `hindsight learn` demo (server/demo/learn), run on a copy: the report's two linked findings are
// learned and pass their tests, the one without a link is a draft, and the scan reports them where the report said.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../server/src/cli/cli';
import { loadPack } from '../../server/src/packs/load';
import { runPackTests } from '../../server/src/packs/pack-test';

const DEMO = join(__dirname, '..', '..', 'server', 'demo', 'learn');
const dir = mkdtempSync(join(tmpdir(), 'hindsight-learn-demo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io(cwd: string) {
  const out: string[] = [];
  return { cwd, out: (s: string) => void out.push(s), err: (s: string) => void out.push(s), colourOut: false, colourErr: false, text: () => out.join('') };
}

test('learn, pack test and scan as the README shows them', async () => {
  cpSync(DEMO, dir, { recursive: true, filter: (src) => !src.includes('.hindsight') });
  const learn = io(dir);
  assert.equal(await main(['learn', 'audit-report.md'], learn), 1, learn.text());
  assert.match(learn.text(), /3 added, 0 updated\.\n1 draft to review/);

  const pack = loadPack(join(dir, '.hindsight', 'packs', 'learned'));
  assert.deepEqual(pack.drafts, [{ id: 'REWARDS-VAULT-L-01', reason: 'the report links no Solidity lines' }]);
  const tests = runPackTests(pack);
  assert.deepEqual([tests.passed, tests.failed], [2, 0]);

  const scan = io(dir);
  assert.equal(await main(['scan', '.', '--format', 'compact', '--no-cache'], scan), 1);
  const lines = scan.text().split('\n');
  assert.ok(
    lines.some((l) => /^contracts\/RewardsVault\.sol:28:5\s+high\s+REWARDS-VAULT-H-01\s+Anyone can set the reward rate$/.test(l)),
    scan.text(),
  );
  assert.ok(
    lines.some((l) => /^contracts\/RewardsVault\.sol:37:9\s+medium\s+REWARDS-VAULT-M-01\s+Share price read from the live token balance$/.test(l)),
    scan.text(),
  );

  // What the README prints is what the demo prints.
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  for (const l of lines.filter((x) => x.includes('REWARDS-VAULT'))) assert.ok(readme.includes(l), `README shows: ${l}`);
});
