// The On-chain Monitor view in a real VS Code: what a `hindsight monitor` run recorded in
// .hindsight/monitor-state.json appears per deployment with its alerts, an alert opens the flagged source line,
// and the finding's hover says its function was called on chain.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HindsightApi } from '../../../client/src/extension';
import { api, fileUri, openDoc, waitFor, workspaceRoot } from './helpers';

const STATE = {
  version: 1,
  deployments: {
    'wallet-prod': {
      chain: 'ethereum',
      address: '0x2222222222222222222222222222222222222222',
      lastBlock: 19000123,
      lastHash: '0x01',
      slots: {},
      balances: {},
      anomalies: {},
      gaps: [],
      recent: [
        {
          deployment: 'wallet-prod',
          chain: 'ethereum',
          address: '0x2222222222222222222222222222222222222222',
          block: 19000100,
          transaction: '0xfeed',
          kind: 'flagged-call',
          monitor: 'HM-CALL-001',
          severity: 'high',
          message: 'pay(address,address,uint256) called by 0xbad: E2E-ORIGIN-001 Authorization through tx.origin',
          function: 'pay(address,address,uint256)',
          seenVia: 'transaction',
          finding: { id: 'E2E-ORIGIN-001', title: 'Authorization through tx.origin', file: 'audited/Wallet.sol', line: 16, column: 17 },
        },
      ],
    },
  },
};

suite('On-chain monitor', () => {
  let app: HindsightApi;
  let stateFile: string;

  suiteSetup(async () => {
    app = await api();
    stateFile = path.join(workspaceRoot().fsPath, '.hindsight/monitor-state.json');
    await fs.writeFile(stateFile, JSON.stringify(STATE));
  });
  suiteTeardown(async () => {
    await fs.rm(stateFile, { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the view lists the deployment and its alert; the alert opens the flagged line', async () => {
    const tree = app.audit.monitor;
    const [dep] = await waitFor(() => {
      const deployments = tree.getChildren().filter((n) => n.kind === 'deployment');
      return deployments.length ? deployments : undefined;
    }, 'the deployment in the On-chain Monitor view');
    const item = tree.getTreeItem(dep);
    assert.equal(item.label, 'wallet-prod');
    assert.equal(item.description, 'ethereum · block 19000123 · 1 alert');
    const [alert] = tree.getChildren(dep);
    const alertItem = tree.getTreeItem(alert);
    assert.match(String(alertItem.label), /pay\(address,address,uint256\) called/);
    assert.ok(alertItem.command);
    await vscode.commands.executeCommand(alertItem.command.command, ...(alertItem.command.arguments ?? []));
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('Wallet.sol') ? vscode.window.activeTextEditor : undefined),
      'Wallet.sol',
    );
    assert.equal(editor.selection.active.line, 15);
  });

  test('the hover of the flagged finding says its function was called on chain', async () => {
    await openDoc('audited/Wallet.sol');
    const uri = fileUri('audited/Wallet.sol');
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(15, 18));
      const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Called on chain/.test(all) ? all : undefined;
    }, 'the on-chain note in the hover');
    assert.match(text, /deployment wallet-prod \(ethereum\) in block 19000100/);
  });
});
