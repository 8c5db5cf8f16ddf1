// "Ignore with reason": the server writes the suppression comment with the reason the user gave.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Node } from '../../../client/src/findingsTree';
import { api, fileUri, findingDiagnostics, openDoc, waitFor, waitForItems } from './helpers';

suite('Ignore with reason', () => {
  test('inserts the comment with the reason and the finding disappears', async () => {
    const app = await api();
    const rel = 'scratch/Ignore.sol';
    const uri = fileUri(rel);
    const editor = await openDoc(rel);
    const [item] = await waitForItems(app, rel, 'E2E-ERC20-001', 1);
    assert.equal(item.range.start.line, 9);
    const node: Node = { kind: 'occurrence', id: 'test', item, labelStyle: 'location' };
    const reason = 'token is our own ERC20, which reverts on failure';
    const ok = await vscode.commands.executeCommand<boolean>('hindsight.ignoreOccurrence', node, undefined, reason);
    assert.equal(ok, true);
    await waitFor(() => editor.document.lineAt(9).text.includes('hindsight-ignore-next-line'), 'the ignore comment');
    assert.equal(editor.document.lineAt(9).text, `        // hindsight-ignore-next-line E2E-ERC20-001: ${reason}`);
    assert.equal(editor.document.lineAt(10).text, '        token.transfer(to, amount);');
    await waitFor(() => findingDiagnostics(uri, 'E2E-ERC20-001').length === 0, 'the ignored finding to disappear');
    // A suppression with a reason is accepted: no complaint about the comment itself.
    await waitFor(() => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'hindsight').length === 0, 'no Hindsight diagnostics left');
    await editor.document.save();
  });
});
