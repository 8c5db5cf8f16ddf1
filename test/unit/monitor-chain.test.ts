// `hindsight monitor` against a real local chain (ganache in-process on 127.0.0.1): each built-in monitor raises
// its alert on a transaction made for it and stays quiet on ordinary traffic; runs resume from their checkpoint
// and repeat nothing; RPC failures are retried; an unreachable endpoint exits 2; a kill mid-run loses nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliBundle, removeBundle, ROOT, runCli } from './cli-helpers';
import { commitAll, git, initRepo, write } from './audit-helpers';
// @ts-expect-error: a plain ES module shared with the demo and the benchmark
import { compile, startChain } from '../monitor/chain.mjs';

type Chain = Awaited<ReturnType<typeof startChain>>;
type Artifact = { abi: unknown[]; bytecode: string };
interface AlertJson {
  deployment: string;
  monitor: string;
  kind: string;
  block: number;
  function?: string;
  seenVia?: string;
  reverted?: boolean;
  count?: number;
  finding?: { id: string; file: string; line: number };
  message: string;
}

const VAULT_SOL = path.join(ROOT, 'server', 'demo', 'contracts', 'EtherVault.sol');
const PROXY_SOL = path.join(ROOT, 'test', 'monitor', 'contracts', 'OwnedProxy.sol');
const ATTACKER_SOL = path.join(ROOT, 'test', 'monitor', 'contracts', 'Attacker.sol');

let chain: Chain;
let art: Record<string, Artifact>;
let ws: string;
let vault: { address: string; block: number };
let proxy: { address: string; block: number };

async function monitor(...args: string[]) {
  const r = await runCli(['monitor', '--once', '--rpc', chain.url, '--confirmations', '0', '--format', 'json', ...args], { cwd: ws });
  let alerts: AlertJson[] = [];
  if (r.stdout.trim()) alerts = JSON.parse(r.stdout) as AlertJson[];
  return { ...r, alerts };
}

describe('hindsight monitor on a local chain', { timeout: 240_000 }, () => {
  before(async () => {
    await cliBundle();
    chain = await startChain();
    art = compile([VAULT_SOL, PROXY_SOL, ATTACKER_SOL]);
    vault = await chain.deploy(art.EtherVault);
    proxy = await chain.deploy(art.OwnedProxy, [chain.accounts[3]]);
    ws = initRepo();
    write(ws, 'contracts/EtherVault.sol', fs.readFileSync(VAULT_SOL, 'utf8'));
    write(ws, 'contracts/OwnedProxy.sol', fs.readFileSync(PROXY_SOL, 'utf8'));
    commitAll(ws, 'deployed code');
    const commit = git(ws, 'rev-parse', 'HEAD').trim();
    write(
      ws,
      '.hindsight/deployments.yaml',
      [
        'deployments:',
        `  - { name: vault, chain: local, address: "${vault.address}", commit: ${commit}, block: ${vault.block}, sources: [contracts/EtherVault.sol] }`,
        `  - { name: proxy, chain: local, address: "${proxy.address}", commit: ${commit}, block: ${proxy.block}, sources: [contracts/OwnedProxy.sol] }`,
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    await chain?.close();
    removeBundle();
  });

  test('ordinary traffic raises nothing: deposits, owner-called admin functions, views', async () => {
    for (const a of chain.accounts.slice(1, 4)) await chain.send(vault.address, art.EtherVault, 'deposit', [], { from: a, value: '1' });
    await chain.send(proxy.address, art.OwnedProxy, 'setFee', [30n]);
    await chain.send(proxy.address, art.OwnedProxy, 'ping', [], { from: chain.accounts[2] });
    const r = await monitor();
    assert.deepEqual(r.alerts, []);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /vault: 2 functions flagged by current findings \(withdraw\(\), sweep\(address\)\)/);
    const state = JSON.parse(fs.readFileSync(path.join(ws, '.hindsight', 'monitor-state.json'), 'utf8'));
    assert.equal(state.deployments.vault.lastBlock, await chain.head());
  });

  test('a second run repeats nothing', async () => {
    const r = await monitor();
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.alerts, []);
  });

  test('a reentrancy attack: the flagged withdraw() seen in the call trace, and the outflow', async () => {
    const attacker = await chain.deploy(art.Attacker, [vault.address], chain.accounts[4]);
    const receipt = await chain.send(attacker.address, art.Attacker, 'attack', [], { from: chain.accounts[4], value: '1' });
    assert.equal(receipt.status, 'success');
    const r = await monitor();
    assert.equal(r.code, 1, r.stderr);
    const calls = r.alerts.filter((a) => a.monitor === 'HM-CALL-001');
    assert.equal(calls.length, 1, 'the attack and its re-entries are one alert');
    assert.equal(calls[0].count, 4, "three deposits and the attacker's own: four withdrawals in one transaction");
    assert.equal(calls[0].function, 'withdraw()');
    assert.equal(calls[0].seenVia, 'trace');
    assert.equal(calls[0].finding?.id, 'HS-REENT-001');
    assert.equal(calls[0].finding?.file, 'contracts/EtherVault.sol');
    assert.equal(calls[0].finding?.line, 21);
    const outflow = r.alerts.filter((a) => a.monitor === 'HM-OUTFLOW-001');
    assert.equal(outflow.length, 1);
    assert.match(outflow[0].message, /down 100% \(from 3 to 0 ETH\)/);
  });

  test('a direct call into a flagged function, also when it reverts', async () => {
    const receipt = await chain.send(vault.address, art.EtherVault, 'withdraw', [], { from: chain.accounts[2] });
    assert.equal(receipt.status, 'reverted');
    const r = await monitor();
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      r.alerts.map((a) => [a.monitor, a.function, a.seenVia, a.reverted]),
      [['HM-CALL-001', 'withdraw()', 'transaction', true]],
    );
  });

  test('ownership transfer, upgrade with its event, and a silent write of the implementation slot', async () => {
    await chain.send(proxy.address, art.OwnedProxy, 'transferOwnership', [chain.accounts[1]]);
    let r = await monitor();
    assert.deepEqual(
      r.alerts.map((a) => a.monitor),
      ['HM-OWNER-001'],
    );
    await chain.send(proxy.address, art.OwnedProxy, 'upgradeTo', [chain.accounts[2]], { from: chain.accounts[1] });
    r = await monitor();
    assert.deepEqual(r.alerts.map((a) => a.monitor).sort(), ['HM-PROXY-001', 'HM-PROXY-003']);
    await chain.send(proxy.address, art.OwnedProxy, 'quietUpgrade', [chain.accounts[4]], { from: chain.accounts[1] });
    r = await monitor();
    assert.deepEqual(
      r.alerts.map((a) => a.monitor),
      ['HM-PROXY-003'],
    );
    assert.equal(r.code, 1);
  });

  test('a spike of failed transactions against a quiet baseline', async () => {
    await chain.mine(80);
    let r = await monitor();
    assert.deepEqual(r.alerts, [], 'quiet blocks build the baseline');
    for (let i = 0; i < 6; i++) await chain.send(proxy.address, art.OwnedProxy, 'fail', [], { from: chain.accounts[2] });
    r = await monitor();
    assert.deepEqual(
      r.alerts.map((a) => a.monitor),
      ['HM-ANOM-001'],
    );
  });

  test('an OpenZeppelin Monitor file: a function condition on the decoded argument', async () => {
    write(
      ws,
      'oz-fee.json',
      JSON.stringify({
        name: 'Large fee',
        paused: false,
        networks: ['local'],
        addresses: [{ address: proxy.address.toUpperCase().replace('0X', '0x'), contract_spec: art.OwnedProxy.abi }],
        match_conditions: {
          functions: [{ signature: 'setFee(uint256)', expression: 'value > 100' }],
          events: [],
          transactions: [{ status: 'Success', expression: null }],
        },
        trigger_conditions: [],
        triggers: ['slack'],
      }),
    );
    await chain.send(proxy.address, art.OwnedProxy, 'setFee', [50n], { from: chain.accounts[1] });
    await chain.send(proxy.address, art.OwnedProxy, 'setFee', [500n], { from: chain.accounts[1] });
    const r = await monitor('--oz-monitor', 'oz-fee.json');
    assert.deepEqual(
      r.alerts.map((a) => [a.monitor, a.function]),
      [['Large fee#function-0', 'setFee(uint256)']],
    );
    assert.equal(r.alerts[0].block, await chain.head());
  });

  test('SARIF: the audit-aware alerts at their finding’s source line', async () => {
    await chain.send(vault.address, art.EtherVault, 'sweep', [chain.accounts[1]], { from: chain.accounts[3] });
    const r = await runCli(['monitor', '--once', '--rpc', chain.url, '--confirmations', '0', '--format', 'sarif'], { cwd: ws });
    assert.equal(r.code, 1, r.stderr);
    const sarif = JSON.parse(r.stdout);
    const result = sarif.runs[0].results[0];
    assert.equal(result.ruleId, 'HS-CALL-001');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'contracts/EtherVault.sol');
    assert.equal(result.properties.function, 'sweep(address)');
  });

  test('the confirmation depth leaves the newest blocks for later', async () => {
    await chain.send(proxy.address, art.OwnedProxy, 'transferOwnership', [chain.accounts[2]], { from: chain.accounts[1] });
    await chain.mine(2);
    let r = await runCli(['monitor', '--once', '--rpc', chain.url, '--confirmations', '3', '--format', 'json'], { cwd: ws });
    assert.equal(r.code, 0, r.stderr);
    await chain.mine(1);
    r = await runCli(['monitor', '--once', '--rpc', chain.url, '--confirmations', '3', '--format', 'json'], { cwd: ws });
    assert.deepEqual(
      (JSON.parse(r.stdout) as AlertJson[]).map((a) => a.monitor),
      ['HM-OWNER-001'],
    );
  });

  test('rate limits and server errors are retried', async () => {
    let refused = 0;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        if (refused < 3) {
          refused++;
          res.writeHead(refused === 2 ? 503 : 429, { 'retry-after': '0' }).end('busy');
          return;
        }
        const upstream = await fetch(chain.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
        res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      await chain.send(proxy.address, art.OwnedProxy, 'transferOwnership', [chain.accounts[1]], { from: chain.accounts[2] });
      const r = await runCli(['monitor', '--once', '--rpc', `http://127.0.0.1:${port}/`, '--confirmations', '0', '--format', 'json'], { cwd: ws });
      assert.equal(refused, 3);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(
        (JSON.parse(r.stdout) as AlertJson[]).map((a) => a.monitor),
        ['HM-OWNER-001'],
      );
    } finally {
      server.close();
    }
  });

  test('an unreachable endpoint exits 2 and never prints the URL', async () => {
    const r = await runCli(['monitor', '--once', '--rpc', 'http://127.0.0.1:9/key-s3cr3t', '--format', 'json'], { cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot reach the RPC endpoint http:\/\/127\.0\.0\.1:9/);
    assert.doesNotMatch(r.stderr + r.stdout, /s3cr3t/);
  });

  test('the endpoint from the environment variable the config names', async () => {
    write(ws, '.hindsight/config.yaml', 'monitor:\n  rpc:\n    local: LOCAL_RPC_URL\n  confirmations: 0\n');
    let r = await runCli(['monitor', '--once', '--format', 'json'], { cwd: ws, env: { LOCAL_RPC_URL: chain.url } });
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['monitor', '--once'], { cwd: ws, env: { LOCAL_RPC_URL: undefined } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /environment variable LOCAL_RPC_URL .* is not set/);
    fs.rmSync(path.join(ws, '.hindsight', 'config.yaml'));
  });

  test('killed mid-run, the state file is whole and the next run resumes', async () => {
    await chain.mine(150);
    const stateFile = path.join(ws, '.hindsight', 'monitor-state.json');
    const before = JSON.parse(fs.readFileSync(stateFile, 'utf8')).deployments.vault.lastBlock as number;
    const child = spawn(process.execPath, [await cliBundle(), 'monitor', '--rpc', chain.url, '--confirmations', '0', '--chunk', '1', '--format', 'json'], {
      cwd: ws,
    });
    const lastBlock = () => {
      try {
        return JSON.parse(fs.readFileSync(stateFile, 'utf8')).deployments.vault.lastBlock as number;
      } catch {
        return -1;
      }
    };
    for (let i = 0; i < 600 && lastBlock() <= before; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const mid = JSON.parse(fs.readFileSync(stateFile, 'utf8')).deployments.vault.lastBlock as number;
    assert.ok(mid > before, 'the killed run checkpointed what it finished');
    const r = await monitor();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(fs.readFileSync(stateFile, 'utf8')).deployments.vault.lastBlock, await chain.head());
    assert.deepEqual(
      fs.readdirSync(path.join(ws, '.hindsight')).filter((f) => f.endsWith('.tmp')),
      [],
      'no temp file left behind',
    );
  });

  test('--shard splits the deployments, each in exactly one shard', async () => {
    const shown = [];
    for (const s of ['1/2', '2/2']) {
      const r = await runCli(['monitor', '--once', '--rpc', chain.url, '--confirmations', '0', '--shard', s, '--state', `state-${s.replace('/', '-')}.json`], {
        cwd: ws,
      });
      shown.push(...[...r.stderr.matchAll(/^(\w+): \d+ functions? flagged/gm)].map((m) => m[1]));
    }
    assert.deepEqual(shown.sort(), ['proxy', 'vault']);
  });
});
