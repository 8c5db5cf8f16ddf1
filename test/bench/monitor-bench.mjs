// `npm run bench`'s monitor row: how many blocks per second `hindsight monitor --once` processes against a local
// ganache chain (in this process) with the demo vault and an owned proxy under ordinary traffic, call traces on.
// Prints one JSON line: { blocks, transactions, wallMs, cpuMs } (CPU of the CLI process, all threads).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, startChain } from '../monitor/chain.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = process.argv[2] ?? join(ROOT, 'dist/cli.js');
const BLOCKS = Number(process.argv[3] ?? 300);

const chain = await startChain();
const ws = mkdtempSync(join(tmpdir(), 'hindsight-monitor-bench-'));
try {
  const vaultSol = join(ROOT, 'server/demo/contracts/EtherVault.sol');
  const proxySol = join(ROOT, 'test/monitor/contracts/OwnedProxy.sol');
  const art = compile([vaultSol, proxySol]);
  const vault = await chain.deploy(art.EtherVault);
  const proxy = await chain.deploy(art.OwnedProxy, [chain.accounts[3]]);
  let transactions = 0;
  for (let i = 0; (await chain.head()) < BLOCKS; i++) {
    const k = i % 4;
    if (k === 0) await chain.send(vault.address, art.EtherVault, 'deposit', [], { from: chain.accounts[1 + (transactions % 3)], value: '1' });
    else if (k === 1) await chain.send(proxy.address, art.OwnedProxy, 'ping', [], { from: chain.accounts[2] });
    else if (k === 2) await chain.send(proxy.address, art.OwnedProxy, 'setFee', [BigInt(transactions)]);
    else await chain.mine(1);
    if (k !== 3) transactions++;
  }
  mkdirSync(join(ws, 'contracts'));
  cpSync(vaultSol, join(ws, 'contracts/EtherVault.sol'));
  cpSync(proxySol, join(ws, 'contracts/OwnedProxy.sol'));
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: ws, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'deployed');
  const commit = git('rev-parse', 'HEAD').toString().trim();
  mkdirSync(join(ws, '.hindsight'));
  writeFileSync(
    join(ws, '.hindsight/deployments.yaml'),
    `deployments:\n  - { name: vault, chain: local, address: "${vault.address}", commit: ${commit}, block: ${vault.block}, sources: [contracts/EtherVault.sol] }\n  - { name: proxy, chain: local, address: "${proxy.address}", commit: ${commit}, block: ${proxy.block}, sources: [contracts/OwnedProxy.sol] }\n`,
  );
  const report = join(ws, 'cpu.json');
  const blocks = (await chain.head()) - vault.block + 1;
  const t0 = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--require', join(ROOT, 'test/bench/cpu-report.cjs'), cli, 'monitor', '--once', '--rpc', chain.url, '--confirmations', '0', '--format', 'json'],
      {
        cwd: ws,
        env: { ...process.env, HINDSIGHT_BENCH_REPORT: report },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr.on('data', () => {});
    child.on('close', resolve);
  });
  const wallMs = performance.now() - t0;
  if (code === 2 || !existsSync(report)) throw new Error(`hindsight monitor failed (exit ${code})`);
  const { cpuMs } = JSON.parse(readFileSync(report, 'utf8'));
  process.stdout.write(`${JSON.stringify({ blocks, transactions, wallMs, cpuMs })}\n`);
} finally {
  await chain.close();
  rmSync(ws, { recursive: true, force: true });
}
