import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { cliBundle, removeBundle, runCli } from './cli-helpers';

after(() => removeBundle());

test('hindsight lsp --stdio answers initialize with the language server capabilities', async () => {
  const file = await cliBundle();
  const child = spawn(process.execPath, [file, 'lsp', '--stdio']);
  try {
    const response = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const body = out.indexOf('\r\n\r\n');
        const len = /Content-Length: (\d+)/.exec(out);
        if (body >= 0 && len && Buffer.byteLength(out.slice(body + 4)) >= Number(len[1])) resolve(out.slice(body + 4));
      });
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`language server exited with ${code} before answering`)));
      const msg = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
    });
    const json = JSON.parse(response) as { id: number; result: { capabilities: Record<string, unknown>; serverInfo?: { name: string } } };
    assert.equal(json.id, 1);
    assert.ok(json.result.capabilities.textDocumentSync);
    assert.equal(json.result.serverInfo?.name, 'hindsight');
  } finally {
    child.kill();
  }
});

test('hindsight lsp without a transport is a usage error', async () => {
  const r = await runCli(['lsp']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--stdio/);
});
