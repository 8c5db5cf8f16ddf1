// Duplicated code (two identical functions in one file, and that file copied): every copy is its own finding in
// every grouping of the panel, with tree ids unique per file and occurrence, and its own triage state; the CLI's
// baseline agrees with the editor on which copy a decision covers.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { HindsightApi } from '../../../client/src/extension';
import type { Grouping, Node } from '../../../client/src/findingsTree';
import type { Item } from '../../../client/src/findingsModel';
import { EXTENSION_ID, api, fileUri, findingDiagnostics, items, openDoc, waitFor, waitForItems, workspaceRoot } from './helpers';

const ORIGINAL = 'dup/Vault.sol';
const COPY = 'dup/flat/Vault.sol';
const ID = 'E2E-ORIGIN-001';

/** Every node of the tree, depth first. */
function walk(app: HindsightApi, nodes: Node[] = app.tree.getChildren()): Node[] {
  return nodes.flatMap((n) => [n, ...walk(app, app.tree.getChildren(n))]);
}

suite('Duplicated code', () => {
  let app: HindsightApi;
  suiteSetup(async () => {
    app = await api();
    await waitForItems(app, ORIGINAL, ID, 2);
    await waitForItems(app, COPY, ID, 2);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('hindsight.groupBySeverity');
    await vscode.commands.executeCommand('hindsight.clearFilters');
  });

  test('every copy is shown, with unique ids, in every grouping', async () => {
    for (const grouping of ['severity', 'file', 'category', 'function'] as Grouping[]) {
      app.tree.grouping = grouping;
      app.tree.filters = { text: 'dup/', severities: [], triage: [], packs: ['e2e'], newSinceBaseline: false };
      const nodes = walk(app);
      const ids = nodes.map((n) => app.tree.getTreeItem(n).id);
      assert.equal(new Set(ids).size, ids.length, `${grouping}: tree ids are unique (${ids.join(', ')})`);
      const occurrences = nodes.filter((n): n is Extract<Node, { kind: 'occurrence' }> => n.kind === 'occurrence');
      assert.equal(occurrences.length, 4, `${grouping}: the four copies are leaves of the tree`);
      assert.deepEqual(occurrences.map((n) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(n.item.uri))}:${n.item.range.start.line + 1}`).sort(), [
        `${ORIGINAL}:10`,
        `${ORIGINAL}:15`,
        `${COPY}:10`,
        `${COPY}:15`,
      ]);
      // Every group above them expands to something (the panel broke into empty, expanded groups before).
      for (const n of nodes) if (n.kind !== 'occurrence') assert.ok(app.tree.getChildren(n).length > 0, `${grouping}: ${n.id} has children`);
    }
    // The real tree view renders them (VS Code rejects a duplicate id while rendering).
    await vscode.commands.executeCommand('hindsight.findings.focus');
  });

  test('triaging one copy leaves the others open', async () => {
    const uriCopy = fileUri(COPY);
    await openDoc(COPY);
    await openDoc(ORIGINAL);
    await waitFor(() => findingDiagnostics(uriCopy, ID).length === 2, 'two diagnostics in the copy');
    const target = items(app, ORIGINAL, ID).find((i) => i.range.start.line === 9)!;
    const node: Node = { kind: 'occurrence', id: 'dup', item: target, labelStyle: 'location' };
    assert.ok(await vscode.commands.executeCommand<boolean>('hindsight.setTriage', node, undefined, 'false-positive', 'owner is a multisig'));
    const state = (rel: string, line: number) => items(app, rel, ID).find((i: Item) => i.range.start.line === line)?.triage;
    await waitFor(() => state(ORIGINAL, 9) === 'false-positive', 'the decision on the original');
    assert.equal(state(ORIGINAL, 14), 'open', 'the identical twin in the same file stays open');
    assert.equal(state(COPY, 9), 'open', 'the same code in the copied file stays open');
    assert.equal(state(COPY, 14), 'open');
    await waitFor(() => findingDiagnostics(fileUri(ORIGINAL), ID).length === 1, 'the false positive to leave the Problems list');
    assert.equal(findingDiagnostics(uriCopy, ID).length, 2, "the copy's diagnostics stay");

    const data = JSON.parse(await fs.readFile(fileUri('.hindsight/triage.json').fsPath, 'utf8'));
    assert.equal(data.version, 2);
    assert.deepEqual(Object.keys(data.files[ORIGINAL]), [`${ID}#${target.fingerprint}`]);
    assert.equal(data.files[COPY], undefined);
    // Back to open, so the other suites see only their own decisions.
    assert.ok(await vscode.commands.executeCommand<boolean>('hindsight.setTriage', node, undefined, 'open', ''));
  });

  test("the CLI's baseline agrees: a baseline of the original leaves the copy new, in CI and in the panel", async () => {
    const root = workspaceRoot().fsPath;
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const baseline = fileUri('.hindsight/baseline.json').fsPath;
    const run = promisify(execFile);
    try {
      // The CLI records the original only, as CI would have before the copy was made.
      await run(process.execPath, [cli, 'baseline', 'save', '--no-builtin', ORIGINAL], { cwd: root });
      const scan = await run(process.execPath, [cli, 'scan', '--no-builtin', '--baseline', '--format', 'json', '--exit-zero', 'dup'], { cwd: root });
      const ciNew = (JSON.parse(scan.stdout) as { findings: Array<{ file: string; id: string }> }).findings.filter((f) => f.id === ID).map((f) => f.file);
      assert.deepEqual(ciNew, [COPY, COPY], 'CI: only the copy is new');

      await app.baselines.load();
      const fresh = app.baselines.newItems(app.model.all());
      const editorNew = [...fresh].filter((i) => i.findingId === ID && vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri)).startsWith('dup/'));
      assert.deepEqual(
        editorNew.map((i) => vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri))),
        [COPY, COPY],
        'the editor: the same two are new',
      );
    } finally {
      await fs.rm(baseline, { force: true });
      await app.baselines.load();
    }
  });
});
