// The Findings panel's tree provider: grouping, counts, icons, filters and opening an occurrence.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { HindsightApi } from '../../../client/src/extension';
import { FindingsTreeProvider, type Node } from '../../../client/src/findingsTree';
import { api, fileUri, waitFor, waitForItems } from './helpers';

function label(app: HindsightApi, n: Node): string {
  const l = app.tree.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

function shape(app: HindsightApi, nodes: Node[]): unknown {
  return nodes.map((n) => {
    const children = app.tree.getChildren(n);
    return children.length ? { [label(app, n)]: shape(app, children) } : label(app, n);
  });
}

suite('Findings panel', () => {
  let app: HindsightApi;
  suiteSetup(async () => {
    app = await api();
    await waitForItems(app, 'audited/Wallet.sol', 'E2E-ORIGIN-001', 2);
    await waitForItems(app, 'audited/Killable.sol', 'E2E-KILL-001', 1);
  });
  setup(() => {
    app.tree.grouping = 'severity';
    app.tree.filters = { text: 'audited/', severities: [], triage: [], packs: ['e2e'], newSinceBaseline: false };
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('hindsight.groupBySeverity');
    await vscode.commands.executeCommand('hindsight.clearFilters');
  });

  test('groups by severity → finding → occurrences by default', () => {
    assert.deepEqual(shape(app, app.tree.getChildren()), [
      { Critical: [{ 'Contract can be destroyed': ['Killable.sol:9'] }] },
      { High: [{ 'Authorization through tx.origin': ['Wallet.sol:16', 'Wallet.sol:21'] }] },
      { Medium: [{ 'Unchecked ERC20 transfer': ['Wallet.sol:17', 'Wallet.sol:22'] }] },
    ]);
    const [critical, high] = app.tree.getChildren();
    assert.equal(app.tree.getTreeItem(critical).description, '1');
    assert.equal((app.tree.getTreeItem(high).iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal((app.tree.getTreeItem(critical).iconPath as vscode.ThemeIcon).id, 'flame');
    const finding = app.tree.getChildren(high)[0];
    assert.equal(app.tree.getTreeItem(finding).description, 'E2E-ORIGIN-001 · 2');
    const occurrence = app.tree.getChildren(finding)[0];
    const item = app.tree.getTreeItem(occurrence);
    assert.equal(item.description, 'Wallet.pay');
    assert.equal(item.command?.command, 'hindsight.openOccurrence');
    assert.match(String(item.contextValue), /\boccurrence\b.*\bfixable\b/);
  });

  test('groups by file, category, OWASP category, rule and function', async () => {
    await vscode.commands.executeCommand('hindsight.groupByFile');
    assert.deepEqual(shape(app, app.tree.getChildren()), [
      { 'audited/Killable.sol': ['Contract can be destroyed'] },
      { 'audited/Wallet.sol': ['Authorization through tx.origin', 'Unchecked ERC20 transfer', 'Authorization through tx.origin', 'Unchecked ERC20 transfer'] },
    ]);
    // In file order, the line first: the end of a description is what a narrow sidebar cuts off.
    const wallet = app.tree.getChildren()[1];
    assert.match(String(app.tree.getTreeItem(app.tree.getChildren(wallet)[0]).description), /^line 16 · E2E-ORIGIN-001/);
    await vscode.commands.executeCommand('hindsight.groupByCategory');
    assert.deepEqual(shape(app, app.tree.getChildren()), [
      { 'access-control': [{ 'Contract can be destroyed': ['Killable.sol:9'] }, { 'Authorization through tx.origin': ['Wallet.sol:16', 'Wallet.sol:21'] }] },
      { tokens: [{ 'Unchecked ERC20 transfer': ['Wallet.sol:17', 'Wallet.sol:22'] }] },
    ]);
    await vscode.commands.executeCommand('hindsight.groupByOwasp');
    assert.deepEqual(shape(app, app.tree.getChildren()), [
      { 'SC01 Access Control Vulnerabilities': [{ 'Authorization through tx.origin': ['Wallet.sol:16', 'Wallet.sol:21'] }] },
      { 'SC06 Unchecked External Calls': [{ 'Unchecked ERC20 transfer': ['Wallet.sol:17', 'Wallet.sol:22'] }] },
      { 'No OWASP category': [{ 'Contract can be destroyed': ['Killable.sol:9'] }] },
    ]);
    await vscode.commands.executeCommand('hindsight.groupByRule');
    assert.deepEqual(shape(app, app.tree.getChildren()), [
      { 'Contract can be destroyed': ['Killable.sol:9'] },
      { 'Authorization through tx.origin': ['Wallet.sol:16', 'Wallet.sol:21'] },
      { 'Unchecked ERC20 transfer': ['Wallet.sol:17', 'Wallet.sol:22'] },
    ]);
    await vscode.commands.executeCommand('hindsight.groupByFunction');
    assert.deepEqual(shape(app, app.tree.getChildren()), [
      { 'Killable.kill': ['Contract can be destroyed'] },
      { 'Wallet.pay': ['Authorization through tx.origin', 'Unchecked ERC20 transfer'] },
      { 'Wallet.payAgain': ['Authorization through tx.origin', 'Unchecked ERC20 transfer'] },
    ]);
    assert.equal(app.tree.getTreeItem(app.tree.getChildren()[1]).description, 'audited/Wallet.sol:16 · 2');
  });

  test('grouping and filters are remembered per workspace', async () => {
    await vscode.commands.executeCommand('hindsight.groupByFunction');
    await vscode.commands.executeCommand('hindsight.filterSeverity', ['high']);
    assert.equal(app.context.workspaceState.get('hindsight.panel.grouping'), 'function');
    // A new panel (as after a window reload) reads them back from the workspace state.
    const again = new FindingsTreeProvider(app.model, app.details, app.context.workspaceState);
    try {
      assert.equal(again.grouping, 'function');
      assert.deepEqual(again.filters.severities, ['high']);
      assert.deepEqual(shape(app, again.getChildren()), [
        { 'Wallet.pay': ['Authorization through tx.origin'] },
        { 'Wallet.payAgain': ['Authorization through tx.origin'] },
      ]);
    } finally {
      again.dispose();
    }
  });

  test('next / previous finding walk the panel in its order and open each occurrence', async () => {
    await vscode.commands.executeCommand('hindsight.groupByFile');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const where = () => {
      const e = vscode.window.activeTextEditor;
      return e ? `${vscode.workspace.asRelativePath(e.document.uri)}:${e.selection.start.line + 1}` : '';
    };
    const visits: string[] = [];
    for (const cmd of ['hindsight.nextFinding', 'hindsight.nextFinding', 'hindsight.nextFinding', 'hindsight.previousFinding', 'hindsight.previousFinding']) {
      const item = await vscode.commands.executeCommand<{ findingId: string }>(cmd);
      assert.ok(item);
      visits.push(where());
    }
    assert.deepEqual(visits, ['audited/Killable.sol:9', 'audited/Wallet.sol:16', 'audited/Wallet.sol:17', 'audited/Wallet.sol:16', 'audited/Killable.sol:9']);
    // Backwards from the first wraps around to the last.
    await vscode.commands.executeCommand('hindsight.previousFinding');
    assert.equal(where(), 'audited/Wallet.sol:22');
  });

  test('the tooltip carries the finding description', async () => {
    const high = app.tree.getChildren()[1];
    const occ = app.tree.getChildren(app.tree.getChildren(high)[0])[0];
    const resolved = await app.tree.resolveTreeItem(app.tree.getTreeItem(occ), occ);
    const tip = resolved.tooltip as vscode.MarkdownString;
    assert.match(tip.value, /tx\.origin is the account that started the transaction/);
  });

  test('filters by severity and text', async () => {
    await vscode.commands.executeCommand('hindsight.filterSeverity', ['critical']);
    assert.deepEqual(shape(app, app.tree.getChildren()), [{ Critical: [{ 'Contract can be destroyed': ['Killable.sol:9'] }] }]);
    assert.match(app.view.message ?? '', /Showing 1 of \d+/);
    await vscode.commands.executeCommand('hindsight.filterSeverity', []);
    await vscode.commands.executeCommand('hindsight.filterText', 'audited/ payAgain');
    assert.deepEqual(
      app.tree.visibleItems().map((i) => `${i.findingId}:${i.range.start.line}`),
      ['E2E-ORIGIN-001:20', 'E2E-ERC20-001:21'],
    );
  });

  test('"only new since baseline" says when there is no baseline, and uses it when there is', async () => {
    const baselineFile = fileUri('.hindsight/baseline.json').fsPath;
    await fs.rm(baselineFile, { force: true });
    await vscode.commands.executeCommand('hindsight.toggleNewSinceBaseline');
    try {
      assert.equal(app.tree.filters.newSinceBaseline, true);
      assert.match(app.view.message ?? '', /No baseline/);
      assert.equal(app.tree.visibleItems().length, 5, 'without a baseline everything is shown');
      const wallet = app.model.all().filter((i) => i.uri === fileUri('audited/Wallet.sol').toString());
      await fs.writeFile(
        baselineFile,
        JSON.stringify(
          { version: 1, findings: wallet.map((i) => ({ fingerprint: i.fingerprint, findingId: i.findingId, file: 'audited/Wallet.sol' })) },
          null,
          2,
        ),
      );
      await app.baselines.load();
      app.tree.refresh();
      assert.deepEqual(
        app.tree.visibleItems().map((i) => i.findingId),
        ['E2E-KILL-001'],
      );
    } finally {
      await vscode.commands.executeCommand('hindsight.toggleNewSinceBaseline');
      await fs.rm(baselineFile, { force: true });
    }
  });

  test('clicking an occurrence opens the file at its range', async () => {
    const medium = app.tree.getChildren()[2];
    const occ = app.tree.getChildren(app.tree.getChildren(medium)[0])[1];
    const cmd = app.tree.getTreeItem(occ).command!;
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === fileUri('audited/Wallet.sol').toString() ? e : undefined;
    }, 'Wallet.sol to open');
    assert.equal(editor.selection.start.line, 21);
    assert.equal(editor.document.getText(editor.selection), 'token.transfer(to, amount);');
  });

  test('the status bar counts the active file and the workspace', async () => {
    await vscode.window.showTextDocument(fileUri('audited/Wallet.sol'));
    await waitFor(() => app.statusBar.text.includes('2H 2M /'), `status bar counts for Wallet.sol (now "${app.statusBar.text}")`);
    assert.match(app.statusBar.text, /\/ \d+C( \d+[HMLI])*$/);
  });
});
