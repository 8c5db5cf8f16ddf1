// Review scope in the editor: the Review Scope view lists what changed since the last recorded review, function by
// function, and "Mark Reviewed" on the selection records the reviewer's mark and raises the coverage.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HindsightApi } from '../../../client/src/extension';
import type { ScopeNode } from '../../../client/src/audit/reviewScopeTree';
import { api, openDoc, waitFor, workspaceRoot } from './helpers';

const FILE = 'dup/Vault.sol';

suite('Review scope', () => {
  let app: HindsightApi;
  let root: string;
  let original: string;
  suiteSetup(async () => {
    app = await api();
    root = workspaceRoot().fsPath;
    original = await fs.readFile(path.join(root, FILE), 'utf8');
    // The workspace's code as a commit, as a project under review has.
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'code under review'], { cwd: root });
  });
  suiteTeardown(async () => {
    await fs.writeFile(path.join(root, FILE), original);
    await fs.rm(path.join(root, '.hindsight/reviews.json'), { force: true });
    await fs.rm(path.join(root, '.hindsight/reviewed'), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const scopeOf = () => [...app.audit.scope.scopes.values()][0]?.scope;
  const label = (n: ScopeNode) => {
    const l = app.audit.scope.getTreeItem(n).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };

  test('without a review everything is in scope, function by function, with findings', async () => {
    await vscode.commands.executeCommand('hindsight.refreshReviewScope');
    const scope = await waitFor(scopeOf, 'the review scope');
    assert.equal(scope.sinceSource, 'none');
    const dup = scope.files.find((f) => f.file === FILE);
    assert.ok(dup);
    assert.deepEqual(
      dup.functions.map((f) => [f.key, f.findings]),
      [
        ['DupVault.sweep', 2],
        ['DupVault.sweep~2', 2],
      ],
    );
    const [summary] = app.audit.scope.getChildren();
    assert.match(label(summary), /^Coverage 0\/\d+ \(0%\)$/);
    assert.equal(app.audit.scope.getTreeItem(summary).description, 'every file');
  });

  test('after a recorded review only the changed function is in scope; Mark Reviewed on the selection covers it', async () => {
    const review = await vscode.commands.executeCommand<{ commit?: string }>('hindsight.recordReview', { note: 'scope test', by: 'E2E Reviewer' });
    assert.ok(review?.commit, 'the review records the commit');
    const editor = await openDoc(FILE);
    const line = editor.document.getText().split('\n').lastIndexOf('        payable(to).transfer(address(this).balance);');
    assert.ok(line > 0);
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), '        emit Swept();\n'));
    await editor.document.save();
    await vscode.commands.executeCommand('hindsight.refreshReviewScope');
    const scope = await waitFor(() => {
      const s = scopeOf();
      return s?.sinceSource === 'last-review' ? s : undefined;
    }, 'the scope since the last review');
    assert.equal(scope.since, review.commit);
    assert.deepEqual(
      scope.files.map((f) => [f.file, f.status, f.functions.map((x) => x.key)]),
      [[FILE, 'modified', ['DupVault.sweep~2']]],
    );
    assert.deepEqual(scope.coverage, { reviewed: 0, total: 1 });

    // The cursor in the changed function, then Mark Reviewed (the editor's context menu command).
    editor.selection = new vscode.Selection(line, 8, line, 8);
    const marks = await vscode.commands.executeCommand<number>('hindsight.markReviewed');
    assert.equal(marks, 1);
    const file = JSON.parse(await fs.readFile(path.join(root, '.hindsight/reviewed/e2e-reviewer.json'), 'utf8'));
    assert.equal(file.reviewer, 'E2E Reviewer');
    assert.deepEqual(
      file.marks.map((m: { file: string; function: string }) => `${m.file}#${m.function}`),
      [`${FILE}#DupVault.sweep~2`],
    );
    const after = await waitFor(() => (scopeOf()?.coverage.reviewed === 1 ? scopeOf() : undefined), 'the coverage to count the mark');
    assert.deepEqual(after.files[0].functions[0].reviewedBy, ['E2E Reviewer']);
    const fileNode = app.audit.scope.getChildren()[1];
    assert.equal(label(fileNode), FILE);
    const fnNode = app.audit.scope.getChildren(fileNode)[0];
    assert.match(String(app.audit.scope.getTreeItem(fnNode).description), /^reviewed by E2E Reviewer · 2 findings$/);
    assert.match(label(app.audit.scope.getChildren()[0]), /^Coverage 1\/1 \(100%\)$/);
  });
});
