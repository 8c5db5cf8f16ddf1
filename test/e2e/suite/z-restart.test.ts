// After a server crash the client restarts the server and the panel asks for the findings again.
import * as assert from 'node:assert/strict';
// vscode-languageclient's State, without bundling the library into the test.
const State = { Stopped: 1, Running: 2, Starting: 3 } as const;
import { api, fileUri, findingDiagnostics, openDoc, waitFor, waitForItems } from './helpers';

suite('Server crash', () => {
  test('the server restarts and the panel recovers', async () => {
    const app = await api();
    await openDoc('audited/Wallet.sol');
    await waitForItems(app, 'audited/Wallet.sol', 'E2E-ORIGIN-001', 2);
    const pid = (app.client as unknown as { _serverProcess?: { pid?: number } })._serverProcess?.pid;
    assert.ok(pid, 'the server process id');
    const states: number[] = [];
    const sub = app.client.onDidChangeState((e) => states.push(e.newState));
    try {
      process.kill(pid, 'SIGKILL');
      await waitFor(() => states.includes(State.Starting) || states.includes(State.Stopped), 'the client to notice the crash', 30_000);
      await waitFor(() => (app.client.state as number) === State.Running, 'the server to run again', 60_000);
      const newPid = (app.client as unknown as { _serverProcess?: { pid?: number } })._serverProcess?.pid;
      assert.notEqual(newPid, pid);
      await waitForItems(app, 'audited/Wallet.sol', 'E2E-ORIGIN-001', 2);
      await waitFor(() => findingDiagnostics(fileUri('audited/Wallet.sol'), 'E2E-ORIGIN-001').length === 2, 'diagnostics after the restart');
      assert.equal(app.model.state === 'ready' || app.model.state === 'scanning', true);
    } finally {
      sub.dispose();
    }
  });
});
