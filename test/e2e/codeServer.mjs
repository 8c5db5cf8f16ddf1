// Runs a real VS Code for the extension tests: code-server 4.99.4 (VS Code 1.99, extension host in Node)
// driven by Debian's headless Chromium through playwright-core. Shared by run.mjs (npm test / CI) and
// runTests.ts (the @vscode/test-electron launcher). See docs/extension.md, "Running the extension tests".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const codeServerDir = process.env.HINDSIGHT_CODE_SERVER_DIR || join(root, '.vscode-test/code-server');
export const codeServerEntry = join(codeServerDir, 'node_modules/code-server/out/node/entry.js');
export const chromiumPath = process.env.HINDSIGHT_CHROMIUM || '/usr/bin/chromium';

/** Installs code-server and Chromium with .ci/install-e2e.sh when either is missing. */
export function ensureInstalled() {
  if (existsSync(codeServerEntry) && existsSync(chromiumPath)) return;
  console.log('# installing code-server and Chromium for the extension tests (.ci/install-e2e.sh)');
  const r = spawnSync('bash', [join(root, '.ci/install-e2e.sh')], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(codeServerEntry)) throw new Error('.ci/install-e2e.sh failed; the extension tests need code-server and Chromium');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh copy of a fixture workspace: tests edit files and write .hindsight/triage.json. */
export function copyWorkspace(fixture, into) {
  const dest = join(into, 'workspace');
  cpSync(fixture, dest, { recursive: true });
  // A git repo so "author from git config user.name" and git-aware features behave as in real projects.
  spawnSync('git', ['init', '-q'], { cwd: dest });
  spawnSync('git', ['config', 'user.name', 'E2E Reviewer'], { cwd: dest });
  spawnSync('git', ['config', 'user.email', 'e2e@example.invalid'], { cwd: dest });
  return dest;
}

/**
 * Starts code-server on a free port with throw-away user data, extensions and XDG folders, so nothing of
 * the developer's own VS Code is read or written. Resolves once /healthz answers. Workspace Trust is off unless
 * `workspaceTrust`: then a folder opens in Restricted Mode, without the start-up prompt, until a test trusts it.
 */
export async function startCodeServer({ tmp, env = {}, log = () => {}, workspaceTrust = false }) {
  const port = await freePort();
  const dirs = Object.fromEntries(['user-data', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache'].map((d) => [d, join(tmp, d)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(
    join(dirs['user-data'], 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.enableExperiments': false,
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': workspaceTrust,
        ...(workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
        'editor.hover.delay': 100,
        'window.restoreWindows': 'none',
        'update.mode': 'none',
        'git.enabled': false,
        // VS Code for the Web (code-server) auto-saves after 1 s by default; desktop VS Code, which these tests also
        // run in, does not. An auto-save skips the `explicit` codeActionsOnSave, and an explicit save that comes
        // while one is running joins it: on a busy machine "Fix all on save" then saved without its fix.
        'files.autoSave': 'off',
      },
      null,
      2,
    ),
  );
  const config = join(tmp, 'code-server.yaml');
  writeFileSync(config, '');
  const args = [
    codeServerEntry,
    '--config',
    config,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
  ];
  const child = spawn(process.execPath, args, {
    // Own process group: killing it takes the extension host and the language server along.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: dirs['xdg-config'],
      XDG_DATA_HOME: dirs['xdg-data'],
      XDG_CACHE_HOME: dirs['xdg-cache'],
      ...env,
    },
  });
  let output = '';
  const onData = (d) => {
    output += d;
    log(String(d));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not become ready in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000).unref();
  };
  return { port, child, stop, exited, output: () => output, dirs };
}

/** The workbench URL that loads `extensionPath` as a development extension, and optionally runs tests. */
export function workbenchUrl(port, { folder, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchChromium(tmp) {
  const { chromium } = await import('playwright-core');
  const userDataDir = join(tmp, 'chromium');
  mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return context;
}

export function makeTmp(prefix = 'hindsight-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTmp(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // best effort: a process may still hold a file
  }
}
