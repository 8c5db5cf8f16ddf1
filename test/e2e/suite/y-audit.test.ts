// Continuous audits in the editor: the Deployed Code view (deployments read from git at their tag, a pack update
// marking new findings and raising a notification), the review status bar item and Record Review, and the
// Pack Sources view. The deployed source is written straight into git objects (never the working tree), so the
// other suites' findings are untouched.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HindsightApi } from '../../../client/src/extension';
import type { DeployedNode } from '../../../client/src/audit/deployedTree';
import { api, waitFor, workspaceRoot } from './helpers';

const VAULT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Vault {
    address public owner;

    function withdraw(address payable to, uint256 amount) external {
        require(tx.origin == owner, "not owner");
        to.transfer(amount);
    }

    function run(address target, bytes calldata data) external {
        require(tx.origin == owner, "not owner");
        (bool ok, ) = target.delegatecall(data);
        require(ok);
    }
}
`;

const LATER_PACK = `name: e2e-later
version: 1.0.0
description: A pack published after the deployment was reviewed.
findings:
  - id: E2E-DELEGATE-001
    title: Delegatecall to a caller-chosen target
    severity: critical
    confidence: medium
    category: access-control
    description: The caller picks the code that runs with this contract's storage.
    recommendation: Delegatecall only to fixed, trusted implementations.
    references:
      - swc: SWC-112
        url: https://swcregistry.io/docs/SWC-112
    match:
      pattern: $T.delegatecall($D)
`;

function git(root: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd: root, input, encoding: 'utf8' }).trim();
}

/** Commits contracts/Vault.sol as a commit of its own and tags it, without touching the working tree or index. */
function commitDeployment(root: string, tag: string): string {
  const blob = git(root, ['hash-object', '-w', '--stdin'], VAULT);
  const sub = git(root, ['mktree'], `100644 blob ${blob}\tVault.sol\n`);
  const top = git(root, ['mktree'], `040000 tree ${sub}\tcontracts\n`);
  const commit = git(root, ['-c', 'user.name=E2E', '-c', 'user.email=e2e@example.invalid', 'commit-tree', top, '-m', 'deploy'], '');
  git(root, ['tag', '-f', tag, commit]);
  return commit;
}

function label(app: HindsightApi, n: DeployedNode): string {
  const l = app.audit.deployed.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

suite('Continuous audits', () => {
  let app: HindsightApi;
  let root: string;
  const later = () => path.join(root, '.hindsight/packs/e2e-later');

  suiteSetup(async () => {
    app = await api();
    root = workspaceRoot().fsPath;
    commitDeployment(root, 'vault-v1');
    await fs.writeFile(
      path.join(root, '.hindsight/deployments.yaml'),
      'deployments:\n  - name: vault-v1\n    chain: ethereum\n    address: "0x1111111111111111111111111111111111111111"\n    tag: vault-v1\n    sources: ["contracts/**/*.sol"]\n',
    );
  });
  suiteTeardown(async () => {
    await fs.rm(later(), { recursive: true, force: true });
    await fs.rm(path.join(root, '.hindsight/deployments.yaml'), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the Deployed Code view lists the deployment read from git, with its findings and occurrences', async () => {
    await vscode.commands.executeCommand('hindsight.refreshDeployed');
    const tree = app.audit.deployed;
    const [dep] = await waitFor(() => tree.getChildren().filter((n) => n.kind === 'deployment'), 'the deployment node');
    assert.equal(label(app, dep), 'vault-v1');
    assert.match(String(tree.getTreeItem(dep).description), /ethereum · vault-v1 · 2 findings/);
    const findings = tree.getChildren(dep);
    assert.deepEqual(
      findings.map((n) => label(app, n)),
      ['E2E-ORIGIN-001: Authorization through tx.origin'],
    );
    const occurrences = tree.getChildren(findings[0]);
    assert.deepEqual(
      occurrences.map((n) => label(app, n)),
      ['contracts/Vault.sol:8', 'contracts/Vault.sol:13'],
    );
    // The file does not exist in the working tree: the deployed code is only in git.
    await assert.rejects(fs.stat(path.join(root, 'contracts/Vault.sol')));

    const item = tree.getTreeItem(occurrences[1]);
    assert.ok(item.command, 'an occurrence opens the deployed source');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.scheme === 'hindsight-deployed' ? vscode.window.activeTextEditor : undefined),
      'the deployed source to open',
    );
    assert.equal(editor.document.getText(), VAULT);
    assert.equal(editor.selection.start.line, 12);
    assert.equal(editor.document.getText(editor.selection), 'tx.origin == owner');
  });

  test('a pack update that adds findings to deployed code marks them new and notifies once', async () => {
    // Review the deployment as it is now, then publish a pack that finds something only in deployed code.
    await app.audit.audit.refresh(true);
    const before = app.audit.notices.length;
    await fs.mkdir(later(), { recursive: true });
    await fs.writeFile(path.join(later(), 'pack.yaml'), LATER_PACK);
    await vscode.commands.executeCommand('hindsight.refreshDeployed');
    const tree = app.audit.deployed;
    const fresh = await waitFor(() => tree.all().filter((x) => x.finding.findingId === 'E2E-DELEGATE-001'), 'the new finding in deployed code');
    assert.equal(fresh.length, 1);
    assert.equal(fresh[0].finding.status, 'new');
    assert.equal(fresh[0].finding.reason, 'pack-changed');
    // Known findings stay known.
    assert.ok(
      tree
        .all()
        .filter((x) => x.finding.findingId === 'E2E-ORIGIN-001')
        .every((x) => x.finding.status === 'known'),
    );
    const [dep] = tree.getChildren().filter((n) => n.kind === 'deployment');
    const first = tree.getChildren(dep)[0];
    assert.equal(label(app, first), 'E2E-DELEGATE-001: Delegatecall to a caller-chosen target', 'new findings come first');
    assert.match(String(tree.getTreeItem(first).description), /pack update e2e-later 1\.0\.0 \(new pack\)/);
    const notices = await waitFor(() => (app.audit.notices.length > before ? app.audit.notices.slice(before) : undefined), 'the notification');
    assert.match(notices[0], /adds 1 finding to deployed code: vault-v1 \(1\)/);
    // The same notice is not shown again on the next re-audit.
    await app.audit.audit.refresh();
    assert.equal(app.audit.notices.length, before + 1);
  });

  test('the review status bar item says a review is due, and Record Review writes the log', async () => {
    await fs.rm(path.join(root, '.hindsight/reviews.json'), { force: true });
    // A fresh workspace (no review, no interval set) is not told a review is due.
    app.audit.review.update();
    await waitFor(() => /No review yet/.test(app.audit.review.item.text), `"No review yet" (now "${app.audit.review.item.text}")`);
    assert.doesNotMatch(app.audit.review.item.text, /bell/);
    // Once someone sets an interval, the first review is due.
    await vscode.workspace.getConfiguration('hindsight').update('review.intervalDays', 30, vscode.ConfigurationTarget.Workspace);
    try {
      app.audit.review.update();
      await waitFor(() => /Review due/.test(app.audit.review.item.text), `"Review due" (now "${app.audit.review.item.text}")`);
    } finally {
      await vscode.workspace.getConfiguration('hindsight').update('review.intervalDays', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal(app.audit.review.item.command, 'hindsight.recordReview');
    const review = await vscode.commands.executeCommand<{ by: string; note?: string; packs: Array<{ name: string }> }>('hindsight.recordReview', {
      note: 'quarterly',
      by: 'Tester',
    });
    assert.ok(review);
    assert.equal(review.by, 'Tester');
    const log = JSON.parse(await fs.readFile(path.join(root, '.hindsight/reviews.json'), 'utf8'));
    assert.equal(log.reviews.length, 1);
    assert.equal(log.reviews[0].note, 'quarterly');
    // The packs that run (another suite may have recorded a finding into a `local` pack); not the disabled built-in.
    const names: string[] = log.reviews[0].packs.map((p: { name: string }) => p.name);
    assert.ok(names.includes('e2e') && names.includes('e2e-later') && !names.includes('hindsight-core'), names.join(', '));
    await waitFor(() => /Review in (29|30) days/.test(app.audit.review.item.text), 'the status bar to show the next review');
    // Recording the review also records what deployed code showed: nothing is new any more.
    assert.ok(app.audit.deployed.all().every((x) => x.finding.status === 'known'));
    await vscode.workspace.getConfiguration('hindsight').update('review.intervalDays', 0, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => /Reviewed \d{4}-\d\d-\d\d/.test(app.audit.review.item.text), 'reminders off');
    } finally {
      await vscode.workspace.getConfiguration('hindsight').update('review.intervalDays', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('the Pack Sources view lists each source in precedence order with its status', async () => {
    await app.audit.audit.refresh();
    const nodes = app.audit.packSources.getChildren();
    const rows = nodes.map((n) => {
      const t = app.audit.packSources.getTreeItem(n);
      return `${typeof t.label === 'string' ? t.label : t.label?.label} | ${t.description}`;
    });
    assert.ok(
      rows.some((r) => /^hindsight-core \S+ \| built-in · \d+ findings · disabled in settings$/.test(r)),
      rows.join('\n'),
    );
    assert.ok(rows.includes('e2e 1.0.0 | workspace · 4 findings') || rows.some((r) => /^e2e 1\.0\.0 \| workspace · \d+ findings$/.test(r)), rows.join('\n'));
    assert.ok(rows.includes('e2e-later 1.0.0 | workspace · 1 finding'), rows.join('\n'));
    assert.ok(rows.findIndex((r) => r.startsWith('hindsight-core')) < rows.findIndex((r) => r.startsWith('e2e ')), 'built-in comes first');
  });
});
