// `npm run demo:monitor`: a local chain in-process (ganache), the demo EtherVault deployed from server/demo, some
// ordinary deposits, then a reentrancy attack; `hindsight monitor --once` shows the alerts. No node, no API key.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, startChain } from './chain.mjs';

const root = new URL('../..', import.meta.url).pathname;
const vaultSol = join(root, 'server/demo/contracts/EtherVault.sol');
const say = (s) => process.stdout.write(`\x1b[1m${s}\x1b[0m\n`);

const chain = await startChain();
const ws = mkdtempSync(join(tmpdir(), 'hindsight-monitor-demo-'));
try {
  say(`Local chain at ${chain.url} (ganache, in-process)`);
  const art = compile([vaultSol, join(root, 'test/monitor/contracts/Attacker.sol')]);
  const vault = await chain.deploy(art.EtherVault);
  say(`EtherVault deployed at ${vault.address} in block ${vault.block}`);

  mkdirSync(join(ws, 'contracts'));
  cpSync(vaultSol, join(ws, 'contracts/EtherVault.sol'));
  const git = (...args) => execFileSync('git', args, { cwd: ws, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'add', '-A');
  git('-c', 'user.name=demo', '-c', 'user.email=demo@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'deployed');
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ws }).toString().trim();
  mkdirSync(join(ws, '.hindsight'));
  writeFileSync(
    join(ws, '.hindsight/deployments.yaml'),
    `deployments:\n  - name: vault\n    chain: local\n    address: "${vault.address}"\n    commit: ${commit}\n    block: ${vault.block}\n    sources: [contracts/EtherVault.sol]\n`,
  );

  // Asynchronous: the chain runs in this process and must keep answering while the CLI runs.
  const monitor = () =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [join(root, 'dist/cli.js'), 'monitor', '--once', '--rpc', chain.url, '--confirmations', '0'], {
        cwd: ws,
        stdio: 'inherit',
      });
      child.on('close', (status) => resolve({ status }));
    });
  for (const a of chain.accounts.slice(1, 4)) await chain.send(vault.address, art.EtherVault, 'deposit', [], { from: a, value: '5' });
  say('\nThree users deposited 5 ETH each. hindsight monitor --once:');
  await monitor();

  const attacker = await chain.deploy(art.Attacker, [vault.address], chain.accounts[4]);
  await chain.send(attacker.address, art.Attacker, 'attack', [], { from: chain.accounts[4], value: '1' });
  say('\nAn attacker contract re-entered withdraw(). hindsight monitor --once:');
  const r = await monitor();
  say(`\nExit code ${r.status} (1: alerts). The workspace was ${ws}`);
} finally {
  await chain.close();
  rmSync(ws, { recursive: true, force: true });
}
