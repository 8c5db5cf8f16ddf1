// The built-in monitors that monitor-chain.test.ts does not reach, each raising its alert on a transaction made for
// it on a real local chain (ganache): role grants and revocations, an EIP-1967 admin change (event and slot), a
// token outflow, and spikes of calls to one function and of gas used against a quiet baseline.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { commitAll, git, initRepo, write } from './audit-helpers';
import { cliBundle, removeBundle, ROOT, runCli } from './cli-helpers';
// @ts-expect-error: a plain ES module shared with the demo and the benchmark
import { compile, startChain } from '../monitor/chain.mjs';

type Chain = Awaited<ReturnType<typeof startChain>>;
type Artifact = { abi: unknown[]; bytecode: string };

const TREASURY_SOL = path.join(ROOT, 'test', 'monitor', 'contracts', 'Treasury.sol');
const ROLE = `0x${'11'.repeat(32)}`;

let chain: Chain;
let art: Record<string, Artifact>;
let ws: string;
let treasury: { address: string; block: number };
let token: { address: string; block: number };

async function monitors(): Promise<string[]> {
  const r = await runCli(['monitor', '--once', '--rpc', chain.url, '--confirmations', '0', '--format', 'json'], { cwd: ws });
  assert.notEqual(r.code, 2, r.stderr);
  return (JSON.parse(r.stdout) as Array<{ monitor: string }>).map((a) => a.monitor).sort();
}

describe('built-in monitors on a local chain', { timeout: 240_000 }, () => {
  before(async () => {
    await cliBundle();
    chain = await startChain();
    art = compile([TREASURY_SOL]);
    treasury = await chain.deploy(art.Treasury);
    token = await chain.deploy(art.Token);
    await chain.send(token.address, art.Token, 'mint', [treasury.address, 1000n]);
    ws = initRepo();
    write(ws, 'contracts/Treasury.sol', fs.readFileSync(TREASURY_SOL, 'utf8'));
    commitAll(ws, 'deployed code');
    const commit = git(ws, 'rev-parse', 'HEAD').trim();
    write(
      ws,
      '.hindsight/deployments.yaml',
      `deployments:\n  - name: treasury\n    chain: local\n    address: "${treasury.address}"\n    commit: ${commit}\n    block: ${treasury.block}\n    contract: Treasury\n    sources: [contracts/Treasury.sol]\n    tokens: ["${token.address}"]\n`,
    );
    assert.deepEqual(await monitors(), [], 'the deployment, the mint and ordinary reads raise nothing');
  });
  after(async () => {
    await chain?.close();
    removeBundle();
  });

  test('role granted and revoked', async () => {
    await chain.send(treasury.address, art.Treasury, 'grantRole', [ROLE, chain.accounts[1]]);
    await chain.send(treasury.address, art.Treasury, 'revokeRole', [ROLE, chain.accounts[1]]);
    assert.deepEqual(await monitors(), ['HM-ROLE-001', 'HM-ROLE-002']);
  });

  test('an EIP-1967 admin change: its event and its slot', async () => {
    await chain.send(treasury.address, art.Treasury, 'changeAdmin', [chain.accounts[2]]);
    assert.deepEqual(await monitors(), ['HM-PROXY-002', 'HM-PROXY-004']);
  });

  test('a token outflow of the watched token', async () => {
    await chain.send(treasury.address, art.Treasury, 'payOut', [token.address, chain.accounts[3], 900n]);
    assert.deepEqual(await monitors(), ['HM-OUTFLOW-002']);
  });

  test('spikes of calls to one function and of gas used, against quiet buckets', async () => {
    await chain.mine(80);
    assert.deepEqual(await monitors(), []);
    for (let i = 0; i < 12; i++) await chain.send(treasury.address, art.Treasury, 'ping', [], { from: chain.accounts[2] });
    for (let i = 0; i < 2; i++) await chain.send(treasury.address, art.Treasury, 'burn', [80n], { from: chain.accounts[2] });
    assert.deepEqual(await monitors(), ['HM-ANOM-002', 'HM-ANOM-003']);
  });
});
