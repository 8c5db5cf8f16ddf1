// Applying fixes: from the light bulb (code action) and from the findings panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Node } from '../../../client/src/findingsTree';
import { api, fileUri, findingDiagnostics, items, openDoc, waitFor } from './helpers';

suite('Quick fixes', () => {
  const rel = 'scratch/Fix.sol';

  test('a quick fix applies and its finding disappears', async () => {
    await api();
    const uri = fileUri(rel);
    const editor = await openDoc(rel);
    const diags = await waitFor(() => {
      const d = findingDiagnostics(uri, 'E2E-ORIGIN-001');
      return d.length === 2 ? d : undefined;
    }, 'two E2E-ORIGIN-001 diagnostics in Fix.sol');
    const first = diags.find((d) => d.range.start.line === 8)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      first.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // The fixture's fix is `safe: false`, a review fix: offered with its edit in the title, never preferred.
    const fix = actions.find((a) => a.title.startsWith('Review: Use msg.sender (E2E-ORIGIN-001)'));
    assert.ok(fix?.edit, `no "Review: Use msg.sender" fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(fix.title, /`tx\.origin == owner` → `msg\.sender == owner`$/);
    assert.notEqual(fix.isPreferred, true);
    const ignore = actions.find((a) => a.title.startsWith('Ignore E2E-ORIGIN-001'));
    assert.ok(ignore, 'the ignore action is offered');
    assert.equal(ignore.edit, undefined, 'ignore runs a command that asks for the reason instead of inserting a placeholder');
    assert.equal(ignore.command?.command, 'hindsight.ignoreFinding');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.lineAt(8).text, /require\(msg\.sender == owner, "not owner"\);/);
    await waitFor(() => findingDiagnostics(uri, 'E2E-ORIGIN-001').length === 1, 'the fixed finding to disappear');
    assert.equal(findingDiagnostics(uri, 'E2E-ORIGIN-001')[0].range.start.line, 13);
  });

  test('"Apply fix" in the panel fixes that occurrence', async () => {
    const app = await api();
    const uri = fileUri(rel);
    const item = await waitFor(() => {
      const list = items(app, rel, 'E2E-ORIGIN-001');
      return list.length === 1 && list[0].range.start.line === 13 ? list[0] : undefined;
    }, 'the remaining occurrence in the panel');
    assert.ok(item.hasFix);
    const node: Node = { kind: 'occurrence', id: 'test', item, labelStyle: 'location' };
    const applied = await vscode.commands.executeCommand<number>('hindsight.applyFix', node);
    assert.equal(applied, 1);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(13).text, /require\(msg\.sender == owner, "not owner"\);/);
    await waitFor(() => findingDiagnostics(uri, 'E2E-ORIGIN-001').length === 0, 'no E2E-ORIGIN-001 left in Fix.sol');
    await waitFor(() => items(app, rel, 'E2E-ORIGIN-001').length === 0, 'the panel to drop the fixed occurrence');
    await doc.save();
  });
});
