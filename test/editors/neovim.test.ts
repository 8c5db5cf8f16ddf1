// Neovim, headless, with the very setup docs/lsp.md gives for Neovim 0.7 to 0.10 (the block between its
// `neovim-0.7` markers), in the editor Debian 12 ships (0.7.2): it starts `hindsight lsp --stdio` from the project's
// node_modules/.bin and receives the findings of a vulnerable file as diagnostics, read back with
// vim.diagnostic.get(). The project's install is a shim to the CLI as bundled for the tests (test/unit/cli-helpers.ts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cliBundle, makeTree, removeBundle } from '../unit/cli-helpers';
import { docBlock, VAULT } from './editor-helpers';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const NVIM_VERSION = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;
const SKIP = !NVIM_VERSION && !process.env.CI ? 'nvim is not installed (apt-get install neovim; .ci/install-e2e.sh does it for CI)' : false;

after(removeBundle);

/** Waits (polling, as the editor's own loop does) for diagnostics, then writes them as JSON and quits. */
const HARNESS = `
local out = os.getenv('HINDSIGHT_NVIM_OUT')
local deadline = vim.loop.now() + 120000
local timer = vim.loop.new_timer()
timer:start(250, 250, vim.schedule_wrap(function()
  local ds = vim.diagnostic.get()
  if #ds == 0 and vim.loop.now() < deadline then return end
  timer:stop()
  local items = {}
  for _, d in ipairs(ds) do
    table.insert(items, { lnum = d.lnum, col = d.col, severity = d.severity, code = d.code, source = d.source, message = d.message })
  end
  local clients = {}
  for _, c in ipairs(vim.lsp.get_active_clients()) do table.insert(clients, c.name) end
  vim.fn.writefile({ vim.fn.json_encode({ diagnostics = items, clients = clients, filetype = vim.bo.filetype }) }, out)
  vim.cmd('qa!')
end))
`;

test(`Neovim (${NVIM_VERSION ?? 'absent'}) with the documented 0.7 setup receives Hindsight's diagnostics`, { skip: SKIP, timeout: 240_000 }, async () => {
  assert.ok(NVIM_VERSION, "nvim is not installed, and CI is set: .ci/install-e2e.sh installs Debian's neovim");
  const bundle = await cliBundle();
  const project = makeTree({ 'foundry.toml': '[profile.default]\nsrc = "src"\n', 'src/Vault.sol': VAULT });
  const home = join(project, '.home');
  mkdirSync(home);
  try {
    const bin = join(project, 'node_modules', '.bin', 'hindsight');
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${bundle}" "$@"\n`);
    chmodSync(bin, 0o755);
    const init = join(home, 'init.lua');
    writeFileSync(init, `${docBlock('docs/lsp.md', 'neovim-0.7')}\n${HARNESS}`);
    const out = join(home, 'result.json');

    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CACHE_HOME: home, HINDSIGHT_NVIM_OUT: out };
    const child = spawn('nvim', ['--headless', '-i', 'NONE', '-u', init, 'src/Vault.sol'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    assert.ok(existsSync(out), `nvim exited (${code}) without writing its result:\n${log}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      diagnostics: Array<{ lnum: number; severity: number; code: string; source: string; message: string }>;
      clients: string[];
      filetype: string;
    };
    assert.equal(result.filetype, 'solidity');
    assert.deepEqual(result.clients, ['hindsight'], log);
    const origin = result.diagnostics.find((d) => d.code === 'HS-ACCESS-001');
    assert.ok(origin, `no HS-ACCESS-001 among ${JSON.stringify(result.diagnostics)}\n${log}`);
    assert.equal(origin.lnum, 7);
    assert.equal(origin.severity, 1, 'high is an error');
    assert.equal(origin.source, 'hindsight');
    assert.equal(origin.message, 'Authorisation through tx.origin');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
