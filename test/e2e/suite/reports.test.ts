// Details view, Markdown and SARIF export, SARIF import, recording a finding from a selection, and learning
// findings from an audit report.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Node } from '../../../client/src/findingsTree';
import { api, fileUri, items, openDoc, waitFor, waitForItems } from './helpers';

suite('Details and reports', () => {
  test('the details view shows description, recommendation, references, matched code and triage', async () => {
    const app = await api();
    const [item] = (await waitForItems(app, 'audited/Wallet.sol', 'E2E-ORIGIN-001', 2)).sort((a, b) => a.range.start.line - b.range.start.line);
    const node: Node = { kind: 'occurrence', id: 'd', item, labelStyle: 'location' };
    await vscode.commands.executeCommand('hindsight.showFindingDetails', node);
    const html = await waitFor(() => app.detailsView.html, 'the details view');
    assert.match(html, /tx\.origin is the account that started the transaction/);
    assert.match(html, /Compare msg\.sender instead\./);
    assert.match(html, /<a href="https:\/\/swcregistry\.io\/docs\/SWC-115">SWC-115<\/a>/);
    assert.match(html, /require\(tx\.origin == owner, &quot;not owner&quot;\);/);
    assert.match(html, /audited\/Wallet\.sol:16 in Wallet\.pay/);
    assert.match(html, /Not triaged yet/);
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /<script/i);
  });

  test('exports a Markdown audit report and SARIF', async () => {
    const app = await api();
    await waitForItems(app, 'audited/Killable.sol', 'E2E-KILL-001', 1);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hindsight-report-'));
    const md = vscode.Uri.file(path.join(dir, 'report.md'));
    await vscode.commands.executeCommand('hindsight.exportMarkdown', md);
    const text = await fs.readFile(md.fsPath, 'utf8');
    assert.match(text, /^# Hindsight findings: workspace/m);
    assert.match(text, /\| Critical \| 1 \| 1 \|/);
    assert.match(text, /## C-01: Contract can be destroyed/);
    assert.match(text, /`audited\/Killable\.sol:9` in `Killable\.kill`/);
    assert.match(text, /selfdestruct\(payable\(owner\)\);/);

    const sarifUri = vscode.Uri.file(path.join(dir, 'hindsight.sarif'));
    await vscode.commands.executeCommand('hindsight.exportSarif', sarifUri);
    const log = JSON.parse(await fs.readFile(sarifUri.fsPath, 'utf8'));
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results as Array<{
      ruleId: string;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    assert.equal(results.length, app.model.all().length);
    const kill = results.find((r) => r.ruleId === 'E2E-KILL-001')!;
    assert.equal(kill.locations[0].physicalLocation.artifactLocation.uri, 'audited/Killable.sol');
    assert.equal(kill.locations[0].physicalLocation.region.startLine, 9);
    assert.ok(kill.partialFingerprints['hindsight/v2']);
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('imports SARIF from another tool into the same panel', async () => {
    const app = await api();
    const count = await vscode.commands.executeCommand<number>('hindsight.importSarif', fileUri('sarif/slither.sarif'));
    try {
      assert.equal(count, 2);
      const imported = app.model.all().filter((i) => i.source === 'imported');
      assert.deepEqual(
        imported.map((i) => [i.tool, i.findingId, i.severity, vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri)), i.range.start.line]).sort(),
        [
          ['Slither', '0-0-suicidal', 'high', 'audited/Killable.sol', 6],
          ['Slither', '2-1-tx-origin', 'medium', 'audited/Wallet.sol', 14],
        ],
      );
      await vscode.commands.executeCommand('hindsight.filterPack', ['imported:Slither']);
      assert.deepEqual(
        app.tree
          .visibleItems()
          .map((i) => i.title)
          .sort(),
        ['Dangerous usage of `tx.origin`', 'Functions allowing anyone to destruct the contract'],
      );
    } finally {
      await vscode.commands.executeCommand('hindsight.clearFilters');
      await vscode.commands.executeCommand('hindsight.clearImported');
    }
    assert.equal(app.model.all().filter((i) => i.source === 'imported').length, 0);
  });

  test('records a finding from the selection into the local pack, and it starts reporting', async () => {
    const app = await api();
    const editor = await openDoc('audited/Killable.sol');
    const line = editor.document.lineAt(8);
    assert.equal(line.text.trim(), 'selfdestruct(payable(owner));');
    editor.selection = new vscode.Selection(8, line.firstNonWhitespaceCharacterIndex, 8, line.text.length);
    const packFile = await vscode.commands.executeCommand<string>('hindsight.recordFinding', {
      pattern: 'exact',
      id: 'LOCAL-001',
      title: 'Owner can destroy the contract',
      severity: 'low',
      description: 'The owner can wipe the contract and every balance it holds.',
      recommendation: 'Remove selfdestruct; pause the contract instead.',
      reference: 'https://example.com/audits/killable',
    });
    assert.equal(packFile, fileUri('.hindsight/packs/local/pack.yaml').fsPath);
    const yaml = await fs.readFile(packFile, 'utf8');
    assert.match(yaml, /id: LOCAL-001/);
    assert.match(yaml, /selfdestruct\(payable\(owner\)\);/);
    assert.match(yaml, /The owner can wipe the contract/);
    assert.match(yaml, /pause the contract instead/);
    await fs.access(fileUri('.hindsight/packs/local/tests/LOCAL-001.sol').fsPath);
    // The server watches .hindsight/; reload explicitly too, as a user would after editing a pack.
    await vscode.commands.executeCommand('hindsight.reload');
    await waitFor(() => items(app, 'audited/Killable.sol', 'LOCAL-001').length === 1, 'LOCAL-001 to be reported in Killable.sol');
  });

  test('learns a finding from an audit report and reports it where the report linked', async () => {
    const app = await api();
    const dir = fileUri('review').fsPath;
    const report = path.join(dir, 'killable-review.md');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      report,
      [
        '# Issue M-1: The owner can destroy the contract',
        '',
        'Source: https://example.com/audits/killable/issues/1',
        '',
        '## Summary',
        'audited/Killable.sol:9 lets the owner wipe the contract and every balance in it.',
        '',
        '## Recommendation',
        'Pause instead of destroying.',
        '',
      ].join('\n'),
    );
    const learnedPack = fileUri('.hindsight/packs/learned').fsPath;
    try {
      const written = await vscode.commands.executeCommand<{ matches: Array<{ id: string; total: number; files: number }> }>('hindsight.learnReport', {
        report,
        decisions: 'accept-all',
      });
      assert.deepEqual(written?.matches, [{ id: 'KILLABLE-M-1', total: 1, files: 1 }]);
      const yaml = await fs.readFile(path.join(learnedPack, 'pack.yaml'), 'utf8');
      assert.match(yaml, /id: KILLABLE-M-1/);
      assert.match(yaml, /Pause instead of destroying\./);
      await vscode.commands.executeCommand('hindsight.reload');
      const [item] = await waitForItems(app, 'audited/Killable.sol', 'KILLABLE-M-1', 1);
      assert.equal(item.range.start.line, 8);
    } finally {
      // Later suites count the workspace's findings: leave it as it was.
      await fs.rm(learnedPack, { recursive: true, force: true });
      await fs.rm(dir, { recursive: true, force: true });
      await vscode.commands.executeCommand('hindsight.reload');
      await waitFor(() => items(app, 'audited/Killable.sol', 'KILLABLE-M-1').length === 0 || undefined, 'the learned finding to go with its pack');
    }
  });
});
