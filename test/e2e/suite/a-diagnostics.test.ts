// Diagnostics of the fixture workspace, from the real language server through the client.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FindingDiagnosticData } from '../../../server/src/shared/protocol';
import { api, fileUri, findingDiagnostics, openDoc, waitFor, waitForItems } from './helpers';

suite('Diagnostics', () => {
  test('the extension contributes the Solidity language and activates on .sol files', async () => {
    const editor = await openDoc('audited/Wallet.sol');
    assert.equal(editor.document.languageId, 'solidity');
    assert.ok((await vscode.languages.getLanguages()).includes('solidity'));
    await api();
  });

  test('findings appear as diagnostics with their finding data', async () => {
    await api();
    const uri = fileUri('audited/Wallet.sol');
    await openDoc('audited/Wallet.sol');
    const origin = await waitFor(() => {
      const d = findingDiagnostics(uri, 'E2E-ORIGIN-001');
      return d.length === 2 ? d : undefined;
    }, 'two E2E-ORIGIN-001 diagnostics in Wallet.sol');
    assert.deepEqual(
      origin.map((d) => d.range.start.line).sort((a, b) => a - b),
      [15, 20],
    );
    // `tx.origin == owner` starts at column 16 on line 16 of the file.
    assert.equal(origin.find((d) => d.range.start.line === 15)!.range.start.character, 16);
    const transfer = findingDiagnostics(uri, 'E2E-ERC20-001');
    assert.deepEqual(
      transfer.map((d) => d.range.start.line).sort((a, b) => a - b),
      [16, 21],
    );
    for (const d of origin) {
      assert.equal(d.source, 'hindsight');
      const data = (d as vscode.Diagnostic & { data?: FindingDiagnosticData }).data;
      assert.equal(data?.findingId, 'E2E-ORIGIN-001');
      assert.equal(data?.pack, 'e2e');
      assert.ok(data?.fingerprint, 'diagnostics carry the occurrence fingerprint');
    }
    assert.notEqual(origin[0].severity, vscode.DiagnosticSeverity.Hint, 'a high finding is more than a hint');
  });

  test('the workspace scan reports files that were never opened', async () => {
    const app = await api();
    const kill = await waitForItems(app, 'audited/Killable.sol', 'E2E-KILL-001', 1);
    assert.equal(kill[0].severity, 'critical');
    assert.equal(kill[0].range.start.line, 8);
    assert.equal(kill[0].contract, 'Killable');
    assert.equal(kill[0].function, 'kill');
  });

  test('hovering a finding explains it', async () => {
    await api();
    const uri = fileUri('audited/Wallet.sol');
    await openDoc('audited/Wallet.sol');
    await waitFor(() => findingDiagnostics(uri, 'E2E-ORIGIN-001').length === 2, 'diagnostics');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(15, 20));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /E2E-ORIGIN-001|Authorization through tx\.origin/);
  });

  test('snippets are contributed for Solidity', async () => {
    const editor = await openDoc('audited/Wallet.sol');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end, undefined, 500);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels.includes('cei') || labels.some((l) => /Checks-effects-interactions/i.test(l)),
      `snippets missing from completions: ${labels.slice(0, 30).join(', ')}`,
    );
  });
});
