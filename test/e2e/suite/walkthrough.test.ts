// First run: the Get Started walkthrough is contributed, each step's page ships with the extension, and VS Code
// opens it; the extension's page is the marketplace README, not the developers'.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

suite('First run', () => {
  test('the walkthrough is contributed, with a page per step, and opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = ext.packageJSON.contributes.walkthroughs as Array<{ id: string; steps: Array<{ id: string; media: { markdown?: string } }> }>;
    assert.equal(walkthroughs.length, 1);
    const [w] = walkthroughs;
    assert.deepEqual(
      w.steps.map((s) => s.id),
      ['panel', 'triage', 'teamPacks', 'auditReport', 'review', 'ci'],
    );
    for (const s of w.steps) assert.ok(s.media.markdown && existsSync(path.join(ext.extensionPath, s.media.markdown)), `${s.id}: ${s.media.markdown}`);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${w.id}`, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the marketplace README describes the extension, its commands and settings, not the build', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const readme = readFileSync(path.join(ext.extensionPath, 'client', 'README.md'), 'utf8');
    for (const word of ['Findings panel', 'Review Scope', 'hindsight.review.intervalDays', 'Go to Next/Previous Finding', 'Restricted Mode']) {
      assert.ok(readme.includes(word), word);
    }
    assert.doesNotMatch(readme, /npm (install|test|run)/);
    // Every command the extension contributes is in its README's table, every setting in the settings table.
    const commands = (ext.packageJSON.contributes.commands as Array<{ command: string; title: string }>).filter(
      (c) => !['hindsight.openOccurrence', 'hindsight.openDeployedOccurrence', 'hindsight.trustWorkspace'].includes(c.command),
    );
    for (const c of commands) assert.ok(readme.includes(c.title.split(' ').slice(0, 2).join(' ')), c.title);
    for (const key of Object.keys(ext.packageJSON.contributes.configuration.properties)) {
      if (key === 'hindsight.trace.server') continue;
      assert.ok(readme.includes(key), key);
    }
  });
});
