// The language server's project-aware defaults, over stdio: the workspace scan covers what `hindsight scan`
// covers (product sources), an open test file is still checked but its findings are hints, and
// `hindsight.analyzeTests` (or `scan: { tests: true }` in .hindsight/config.yaml) makes tests count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startIn } from './client';

const VULNERABLE = (name: string) => `pragma solidity ^0.8.20;

contract ${name} {
    address public owner;

    function withdraw(address payable to, uint256 amount) external {
        require(tx.origin == owner, "not owner");
        to.transfer(amount);
    }
}
`;

const FILES = {
  'foundry.toml': '[profile.default]\nsrc = "src"\ntest = "test"\n',
  'src/Vault.sol': VULNERABLE('Vault'),
  'src/test/VaultInvariants.sol': VULNERABLE('VaultInvariants'),
  'test/Vault.t.sol': VULNERABLE('VaultTest'),
  'script/Deploy.s.sol': VULNERABLE('Deploy'),
  'dependencies/forge-std-1.9.4/src/Vm.sol': VULNERABLE('Vm'),
};

const ERROR = 1;
const HINT = 4;

test('the workspace scan covers product sources only; an open test file shows its findings as hints', async (t) => {
  const { ws, client } = await startIn(t, FILES, { settings: { debounceMs: 20 } });
  const files = async () => [...new Set((await client.findings()).findings.map((f) => f.uri))].sort();
  /** Waits until the findings are in exactly these files (the scan runs in the background). */
  const settle = async (expected: string[]) => {
    let seen: string[] = [];
    await client.until(`findings in ${expected.join(', ')}`, () => {
      void files().then((f) => (seen = f));
      return JSON.stringify(seen) === JSON.stringify([...expected].sort()) && !client.findingsChanged.at(-1)?.scanning;
    });
  };
  await settle([ws.uri('src/Vault.sol')]);
  // Nothing else comes once the start-up scan is over.
  assert.deepEqual(await client.scanWorkspace().then(files), [ws.uri('src/Vault.sol')]);

  const testUri = ws.uri('test/Vault.t.sol');
  client.open(testUri, VULNERABLE('VaultTest'));
  const ds = await client.diagnosticsOf(testUri, (d) => d.some((x) => x.code === 'HS-ACCESS-001'));
  const origin = ds.find((d) => d.code === 'HS-ACCESS-001')!;
  assert.equal(origin.severity, HINT);
  assert.match(String(origin.message), /in a test file; set hindsight\.analyzeTests/);
  assert.equal((origin.data as { severity: string }).severity, 'high', 'the finding keeps its own severity in data');

  // A dependency open in the editor is graded down whatever the setting.
  const depUri = ws.uri('dependencies/forge-std-1.9.4/src/Vm.sol');
  client.open(depUri, VULNERABLE('Vm'));
  const dep = await client.diagnosticsOf(depUri, (d) => d.some((x) => x.code === 'HS-ACCESS-001'));
  assert.ok(dep.every((d) => d.severity === HINT));
  assert.match(String(dep[0].message), /in a dependency/);

  // Product code is reported at its severity (published by the workspace scan).
  const srcUri = ws.uri('src/Vault.sol');
  const src = await client.diagnosticsOf(srcUri, (d) => d.some((x) => x.code === 'HS-ACCESS-001'));
  assert.equal(src.find((d) => d.code === 'HS-ACCESS-001')!.severity, ERROR);

  await client.changeSettings({ debounceMs: 20, analyzeTests: true });
  const now = await client.diagnosticsOf(testUri, (d) => d.some((x) => x.code === 'HS-ACCESS-001' && x.severity === ERROR));
  assert.doesNotMatch(String(now.find((d) => d.code === 'HS-ACCESS-001')!.message), /analyzeTests/);
  assert.ok((client.diagnostics.get(depUri) ?? []).every((d) => d.severity === HINT));
  // ... and the workspace scan now covers tests and scripts too (never dependencies: Vm.sol is there as an open file).
  await settle([ws.uri('script/Deploy.s.sol'), ws.uri('src/Vault.sol'), ws.uri('src/test/VaultInvariants.sol'), ws.uri('test/Vault.t.sol'), depUri]);
});

test('scan: { tests: true } in .hindsight/config.yaml counts like the setting', async (t) => {
  const { ws, client } = await startIn(t, { ...FILES, '.hindsight/config.yaml': 'scan:\n  tests: true\n' }, { settings: { debounceMs: 20 } });
  const testUri = ws.uri('test/Vault.t.sol');
  client.open(testUri, VULNERABLE('VaultTest'));
  await client.diagnosticsOf(testUri, (d) => d.some((x) => x.code === 'HS-ACCESS-001' && x.severity === ERROR));
});
