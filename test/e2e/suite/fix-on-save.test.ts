// Fix-all on save, the recipe of docs/extension.md: with `editor.codeActionsOnSave` asking for
// `source.fixAll.hindsight`, saving applies the safe fixes (E2E-INCR-001) and leaves the review fixes
// (E2E-ORIGIN-001) for the user to judge one at a time. The file is written and removed by the test, so the other
// suites' counts do not see it.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { api, fileUri, findingDiagnostics, items, openDoc, waitFor } from './helpers';

const REL = 'scratch/SaveFix.sol';
const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract SaveFix {
    address public owner = msg.sender;
    uint256 public value;

    function bump() external {
        require(tx.origin == owner, "not owner");
        value = value + 1;
    }
}
`;

suite('Fix all on save', () => {
  const solidity = () => vscode.workspace.getConfiguration('editor', { languageId: 'solidity' });
  suiteSetup(async () => {
    await solidity().update('codeActionsOnSave', { 'source.fixAll.hindsight': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    await fs.writeFile(fileUri(REL).fsPath, SOURCE);
  });
  suiteTeardown(async () => {
    await solidity().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    // Emptied (and saved) before it is removed: the findings of an open document stay until the editor drops it.
    const editor = await openDoc(REL);
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((b) => b.replace(whole, '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n'));
    await editor.document.save();
    const app = await api();
    await waitFor(() => items(app, REL).length === 0, `the findings of ${REL} to go`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await fs.rm(fileUri(REL).fsPath, { force: true });
  });

  test('saving applies the safe fix and leaves the review fix alone', async () => {
    await api();
    const uri = fileUri(REL);
    const editor = await openDoc(REL);
    await waitFor(
      () => findingDiagnostics(uri, 'E2E-INCR-001').length === 1 && findingDiagnostics(uri, 'E2E-ORIGIN-001').length === 1,
      'E2E-INCR-001 and E2E-ORIGIN-001 in SaveFix.sol',
    );
    // A save only runs the save participants on a changed document: type something, as a user would.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(6, 0), '    uint256 public calls;\n')));
    // The save command saves the active editor of the focused group, as Ctrl+S does: make sure that is this one.
    // Earlier suites focus the Findings view and open other files. Once in CI this document stayed dirty for 45 s
    // after the command; another active editor is the likeliest cause (not proven), so the failure names it.
    await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await waitFor(() => vscode.window.activeTextEditor?.document === editor.document, 'SaveFix.sol to be the active editor');
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor(() => !editor.document.isDirty, 'the save to finish').catch((e: Error) => {
      throw new Error(`${e.message} (active editor: ${vscode.window.activeTextEditor?.document.uri.toString() ?? 'none'})`);
    });
    const text = editor.document.getText();
    assert.match(text, /value \+= 1;/, 'the safe fix is applied on save');
    assert.match(text, /require\(tx\.origin == owner, "not owner"\);/, 'the review fix is not applied');
    assert.equal(await fs.readFile(uri.fsPath, 'utf8'), text, 'what is saved is the fixed text');
    await waitFor(() => findingDiagnostics(uri, 'E2E-INCR-001').length === 0, 'the fixed finding to disappear');
    assert.equal(findingDiagnostics(uri, 'E2E-ORIGIN-001').length, 1);
  });
});
