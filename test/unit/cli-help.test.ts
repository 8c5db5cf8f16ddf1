// --help on every command and sub-command prints its page on stdout with exit code 0; -V prints the version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { removeBundle, ROOT, runCli } from './cli-helpers';

after(removeBundle);

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('hindsight --help everywhere', { concurrency: 4 }, () => {
  const pages: Array<[string[], RegExp]> = [
    [['scan'], /^Usage: hindsight scan \[paths\.\.\.\]/m],
    [['rules'], /^Usage: hindsight rules/m],
    [['explain'], /^Usage: hindsight explain <ID>/m],
    [['pack'], /^Usage: hindsight pack <command>/m],
    [['pack', 'test'], /^Usage: hindsight pack test/m],
    [['pack', 'validate'], /^Usage: hindsight pack validate/m],
    [['pack', 'new'], /^Usage: hindsight pack new/m],
    [['pack', 'docs'], /^Usage: hindsight pack docs/m],
    [['lsp'], /^Usage: hindsight lsp --stdio/m],
    [['baseline'], /^Usage: hindsight baseline save/m],
    [['baseline', 'save'], /^Usage: hindsight baseline save/m],
    [['deployed'], /^Usage: hindsight deployed/m],
    [['review'], /^Usage: hindsight review record/m],
    [['review', 'record'], /^Usage: hindsight review record/m],
    [['review', 'status'], /review status \[--interval-days N\]/m],
  ];
  for (const [command, page] of pages) {
    for (const flag of ['--help', '-h']) {
      test(`hindsight ${command.join(' ')} ${flag}`, async () => {
        const r = await runCli([...command, flag]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, page);
        assert.equal(r.stderr, '');
      });
    }
  }

  test('help <command> is the same page; --help after other arguments too', async () => {
    const a = await runCli(['help', 'pack', 'docs']);
    assert.equal(a.code, 0);
    assert.match(a.stdout, /^Usage: hindsight pack docs/m);
    const b = await runCli(['scan', 'contracts/', '--min-severity', 'high', '--help']);
    assert.equal(b.code, 0);
    assert.match(b.stdout, /^Usage: hindsight scan/m);
  });

  test('hindsight --help is the overview, with every command', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const c of [
      'scan',
      'rules',
      'explain <ID>',
      'pack test',
      'pack validate',
      'pack new',
      'pack docs',
      'lsp --stdio',
      'baseline save',
      'deployed',
      'review record',
    ]) {
      assert.ok(r.stdout.includes(`hindsight ${c}`), c);
    }
  });

  test('-V, -v and --version print the version', async () => {
    for (const flag of ['-V', '-v', '--version']) {
      const r = await runCli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), version);
    }
  });

  test("a usage error points at the command's own help page", async () => {
    const r = await runCli(['pack', 'test']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pack test needs at least one pack folder/);
    assert.match(r.stderr, /Run "hindsight pack test --help" for usage\./);
    const typo = await runCli(['scna', '.']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown command "scna" \(did you mean "scan"\?\)/);
    const pack = await runCli(['pack', 'lint']);
    assert.equal(pack.code, 2);
    assert.match(pack.stderr, /unknown pack command "lint"/);
  });
});
