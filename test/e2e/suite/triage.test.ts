// Team triage: written to .hindsight/triage.json, kept through edits that move the code, and false positives
// hidden from diagnostics but still reachable in the panel.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { Node } from '../../../client/src/findingsTree';
import type { Item } from '../../../client/src/findingsModel';
import { api, fileUri, findingDiagnostics, items, openDoc, waitFor, waitForItems } from './helpers';

const rel = 'scratch/Triage.sol';
const triageFile = () => fileUri('.hindsight/triage.json').fsPath;
const node = (item: Item): Node => ({ kind: 'occurrence', id: 't', item, labelStyle: 'location' });

suite('Team triage', () => {
  test('a decision is written to .hindsight/triage.json, one sorted entry per line', async () => {
    const app = await api();
    await openDoc(rel);
    const list = await waitForItems(app, rel, 'E2E-ORIGIN-001', 2);
    const confirm = list.find((i) => i.function === 'confirmMe')!;
    const ok = await vscode.commands.executeCommand<boolean>('hindsight.setTriage', node(confirm), undefined, 'confirmed', 'real: phishing contract can pass');
    assert.equal(ok, true);
    const text = await fs.readFile(triageFile(), 'utf8');
    const data = JSON.parse(text);
    assert.equal(data.version, 2);
    const entry = data.files[rel][`${confirm.findingId}#${confirm.fingerprint}`];
    assert.equal(entry.status, 'confirmed');
    assert.equal(entry.comment, 'real: phishing contract can pass');
    assert.equal(entry.author, 'E2E Reviewer', 'author comes from git config user.name');
    assert.equal(entry.history.length, 1);
    const entryLines = text.split('\n').filter((l) => l.startsWith('      "'));
    const count = Object.values(data.files as Record<string, object>).reduce((n, f) => n + Object.keys(f).length, 0);
    assert.equal(entryLines.length, count, 'one line per entry');
    assert.equal(items(app, rel, 'E2E-ORIGIN-001').find((i) => i.fingerprint === confirm.fingerprint)?.triage, 'confirmed');
  });

  test('triage survives an edit above the finding', async () => {
    const app = await api();
    const editor = await openDoc(rel);
    const before = await waitForItems(app, rel, 'E2E-ORIGIN-001', 2);
    const confirmed = before.find((i) => i.triage === 'confirmed');
    assert.ok(confirmed, 'the confirmed occurrence from the previous test');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(3, 0), '// Reviewed in the 2026 audit.\n// Owner is a hardware wallet.\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const moved = await waitFor(() => {
      const i = items(app, rel, 'E2E-ORIGIN-001').find((x) => x.fingerprint === confirmed.fingerprint);
      return i && i.range.start.line === confirmed.range.start.line + 3 ? i : undefined;
    }, 'the confirmed occurrence to move down three lines with the same fingerprint');
    assert.equal(moved.triage, 'confirmed');
    await editor.document.save();
    const data = JSON.parse(await fs.readFile(triageFile(), 'utf8'));
    assert.equal(data.files[rel][`${confirmed.findingId}#${confirmed.fingerprint}`].status, 'confirmed');
  });

  test('a false positive leaves the diagnostics but stays in the panel under a filter', async () => {
    const app = await api();
    const uri = fileUri(rel);
    await openDoc(rel);
    await waitFor(() => findingDiagnostics(uri, 'E2E-ORIGIN-001').length === 2, 'two diagnostics before triage');
    const fp = items(app, rel, 'E2E-ORIGIN-001').find((i) => i.function === 'notAProblem')!;
    assert.ok(
      await vscode.commands.executeCommand<boolean>('hindsight.setTriage', node(fp), undefined, 'false-positive', 'owner is a contract that never calls this'),
    );
    await waitFor(() => findingDiagnostics(uri, 'E2E-ORIGIN-001').length === 1, 'the false positive to leave the Problems list');
    assert.equal(
      findingDiagnostics(uri, 'E2E-ORIGIN-001')[0].range.start.line,
      items(app, rel, 'E2E-ORIGIN-001').find((i) => i.function === 'confirmMe')!.range.start.line,
    );
    assert.ok(!app.tree.visibleItems().some((i) => i.fingerprint === fp.fingerprint), 'hidden from the panel by default');
    assert.match(app.view.message ?? '', /false positive/);
    await vscode.commands.executeCommand('hindsight.filterTriage', ['false-positive']);
    try {
      const shown = app.tree.visibleItems();
      assert.deepEqual(
        shown.map((i) => i.fingerprint),
        [fp.fingerprint],
      );
    } finally {
      await vscode.commands.executeCommand('hindsight.clearFilters');
    }
    // Back to open: the diagnostic returns, and the history keeps both decisions.
    assert.ok(await vscode.commands.executeCommand<boolean>('hindsight.setTriage', node(fp), undefined, 'open', 'on second thought'));
    await waitFor(() => findingDiagnostics(uri, 'E2E-ORIGIN-001').length === 2, 'the diagnostic to come back');
    const data = JSON.parse(await fs.readFile(triageFile(), 'utf8'));
    assert.deepEqual(
      data.files[rel][`${fp.findingId}#${fp.fingerprint}`].history.map((h: { status: string }) => h.status),
      ['false-positive', 'open'],
    );
  });

  test('a malformed triage file is reported and never overwritten', async () => {
    const app = await api();
    const good = await fs.readFile(triageFile(), 'utf8');
    const broken = good.replace('"version": 2,', '"version": 2,,');
    await fs.writeFile(triageFile(), broken);
    try {
      const err = await waitFor(() => app.triage.problem(fileUri(rel).toString()), 'the store to notice the broken file');
      assert.match(err.message, /triage\.json:2:\d+: not valid JSON/);
      const item = items(app, rel, 'E2E-ORIGIN-001')[0];
      const ok = await vscode.commands.executeCommand<boolean>('hindsight.setTriage', node(item), undefined, 'fixed', 'x');
      assert.equal(ok, false);
      assert.equal(await fs.readFile(triageFile(), 'utf8'), broken, 'the broken file was left as it was');
    } finally {
      await fs.writeFile(triageFile(), good);
      await waitFor(() => !app.triage.problem(fileUri(rel).toString()), 'the store to read the repaired file');
    }
  });
});
