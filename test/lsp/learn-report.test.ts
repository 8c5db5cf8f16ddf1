// "Learn from audit report…" over the protocol: hindsight/learnReport proposes one finding per reported issue with
// the code it came from, writes nothing until the reviewer decides, then writes the accepted (and edited) ones
// into the folder's learned pack and says where each matches.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { LearnReportRequest } from '../../server/src/shared/protocol';
import { TestClient, workspace } from './client';
import { BASE_SETTINGS } from './fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'learn');
const fixture = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');

function checkout() {
  const ws = workspace({
    'src/LendingPool.sol': fixture('repo/src/LendingPool.sol'),
    'audit/code4rena-broken.md': fixture('reports/code4rena-broken.md'),
  });
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', ws.root, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'audited');
  const sha = git('rev-parse', 'HEAD').trim();
  ws.write('audit/code4rena.md', fixture('reports/code4rena.md').replaceAll('{{SHA}}', sha));
  return ws;
}

test('learnReport proposes, then writes what the reviewer accepted and counts its matches', async (t) => {
  const ws = checkout();
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, initializationOptions: { trustedWorkspace: true } });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const report = ws.uri('audit/code4rena.md');

  const proposal = await client.conn.sendRequest(LearnReportRequest, { report });
  assert.equal(proposal.format, 'code4rena');
  assert.equal(proposal.packFile, ws.uri('.hindsight/packs/learned/pack.yaml'));
  assert.deepEqual(proposal.warnings, []);
  assert.deepEqual(
    proposal.findings.map((f) => [f.id, f.reportId, f.severity, f.draft, f.matches]),
    [
      ['CODE4RENA-H-01', 'H-01', 'high', undefined, 1],
      ['CODE4RENA-M-01', 'M-01', 'medium', undefined, 1],
      ['CODE4RENA-M-02', 'M-02', 'medium', undefined, 1],
    ],
  );
  const h1 = proposal.findings[0];
  assert.deepEqual(h1.code, {
    uri: ws.uri('src/LendingPool.sol'),
    range: { start: { line: 31, character: 0 }, end: { line: 33, character: 5 } },
    text: '    function setLiquidationBonus(uint256 bonus) external {\n        liquidationBonus = bonus;\n    }',
  });
  assert.match(h1.pattern!, /^function setLiquidationBonus\(uint256 \$BONUS\) external \{/);
  assert.equal(existsSync(ws.path('.hindsight')), false, 'a proposal writes nothing');

  const decided = await client.conn.sendRequest(LearnReportRequest, {
    report,
    decisions: [
      { id: 'CODE4RENA-H-01', action: 'accept', title: 'Unguarded liquidation bonus setter' },
      { id: 'CODE4RENA-M-01', action: 'accept' },
      { id: 'CODE4RENA-M-02', action: 'drop' },
    ],
  });
  assert.deepEqual(decided.written?.outcomes, [
    { id: 'CODE4RENA-H-01', outcome: 'added' },
    { id: 'CODE4RENA-M-01', outcome: 'added' },
  ]);
  assert.deepEqual(decided.written?.matches, [
    { id: 'CODE4RENA-H-01', total: 1, files: 1 },
    { id: 'CODE4RENA-M-01', total: 1, files: 1 },
  ]);
  const pack = parse(readFileSync(ws.path('.hindsight/packs/learned/pack.yaml'), 'utf8')) as { findings: Array<{ id: string; title: string }> };
  assert.deepEqual(
    pack.findings.map((f) => [f.id, f.title]),
    [
      ['CODE4RENA-H-01', 'Unguarded liquidation bonus setter'],
      ['CODE4RENA-M-01', 'Collateral is priced from pair reserves'],
    ],
  );

  // Learning again: the finding the reviewer edited is theirs; the dropped one can still be accepted later.
  const again = await client.conn.sendRequest(LearnReportRequest, {
    report,
    decisions: ['CODE4RENA-H-01', 'CODE4RENA-M-01', 'CODE4RENA-M-02'].map((id) => ({ id, action: 'accept' as const })),
  });
  assert.deepEqual(again.written?.outcomes, [
    { id: 'CODE4RENA-H-01', outcome: 'kept', why: 'edited since it was learned' },
    { id: 'CODE4RENA-M-01', outcome: 'unchanged' },
    { id: 'CODE4RENA-M-02', outcome: 'added' },
  ]);
});

test('learnReport: a broken report names its line; Restricted Mode refuses', async (t) => {
  const ws = checkout();
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, initializationOptions: { trustedWorkspace: true } });
  const restricted = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, initializationOptions: { trustedWorkspace: false } });
  t.after(async () => {
    await client.stop();
    await restricted.stop();
    ws.dispose();
  });
  await assert.rejects(
    client.conn.sendRequest(LearnReportRequest, { report: ws.uri('audit/code4rena-broken.md') }),
    /code4rena-broken\.md:7: "X-01" has no known severity/,
  );
  await assert.rejects(client.conn.sendRequest(LearnReportRequest, { report: ws.uri('audit/missing.md') }), /cannot read the report/);
  await assert.rejects(restricted.conn.sendRequest(LearnReportRequest, { report: ws.uri('audit/code4rena.md') }), /trust this folder first/);
});
