// Emacs with eglot, in batch mode, with the very setup docs/lsp.md gives (the block between its `emacs-eglot`
// markers), in the editor Debian 12 ships (Emacs 28.2, elpa-eglot 1.9): it starts `hindsight lsp --stdio` from the
// project's node_modules/.bin and receives the findings of a vulnerable file through Flymake. Batch mode has no
// command loop, so the harness runs post-command-hook once (where eglot-ensure connects) and lets Flymake start.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cliBundle, makeTree, removeBundle } from '../unit/cli-helpers';
import { docBlock, VAULT } from './editor-helpers';

const emacs = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
const EMACS_VERSION = emacs.status === 0 ? emacs.stdout.split('\n')[0] : undefined;
const eglot = EMACS_VERSION ? spawnSync('emacs', ['--batch', '-q', '--eval', '(require (quote eglot))'], { encoding: 'utf8' }) : undefined;
const HAS_EGLOT = eglot?.status === 0;
const SKIP = !HAS_EGLOT && !process.env.CI ? 'emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)' : false;

after(removeBundle);

const HARNESS = (out: string, file: string) => `
(find-file ${JSON.stringify(file)})
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 120)) (found nil))
  (while (and (not found) (< (float-time) deadline))
    (accept-process-output nil 0.25)
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (setq found (seq-filter (lambda (d) (string-match-p "HS-" (flymake-diagnostic-text d))) (flymake-diagnostics))))
  (let ((result (list (cons 'mode (symbol-name major-mode))
                      (cons 'server (and (eglot-current-server) t))
                      (cons 'diagnostics
                            (vconcat (mapcar (lambda (d)
                                               (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                                                     (cons 'type (symbol-name (flymake-diagnostic-type d)))
                                                     (cons 'text (flymake-diagnostic-text d))))
                                             found))))))
    (with-temp-file ${JSON.stringify(out)} (insert (json-encode result))))
  (kill-emacs 0))
`;

test(`Emacs (${EMACS_VERSION ?? 'absent'}) with eglot and the documented setup receives Hindsight's diagnostics`, {
  skip: SKIP,
  timeout: 240_000,
}, async () => {
  assert.ok(HAS_EGLOT, "emacs with eglot is not installed, and CI is set: .ci/install-e2e.sh installs Debian's emacs-nox and elpa-eglot");
  const bundle = await cliBundle();
  const project = makeTree({ 'foundry.toml': '[profile.default]\nsrc = "src"\n', 'src/Vault.sol': VAULT });
  const home = join(project, '.home');
  mkdirSync(home);
  try {
    spawnSync('git', ['init', '-q'], { cwd: project });
    const bin = join(project, 'node_modules', '.bin', 'hindsight');
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${bundle}" "$@"\n`);
    chmodSync(bin, 0o755);
    const out = join(home, 'result.json');
    const init = join(home, 'init.el');
    // -q, not -Q: Debian's site-start puts its elpa packages (eglot) on the load-path, as in a user's session.
    writeFileSync(init, `${docBlock('docs/lsp.md', 'emacs-eglot')}\n${HARNESS(out, join(project, 'src', 'Vault.sol'))}`);

    const child = spawn('emacs', ['--batch', '-q', '-l', init], { cwd: project, env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    assert.ok(existsSync(out), `emacs exited (${code}) without writing its result:\n${log}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { mode: string; server: boolean; diagnostics: Array<{ line: number; type: string; text: string }> };
    assert.equal(result.mode, 'solidity-mode');
    assert.equal(result.server, true, log);
    const origin = result.diagnostics.find((d) => d.text.includes('HS-ACCESS-001'));
    assert.ok(origin, `no HS-ACCESS-001 among ${JSON.stringify(result.diagnostics)}\n${log}`);
    assert.equal(origin.line, 8);
    assert.equal(origin.type, 'eglot-error', 'high is an error');
    assert.match(origin.text, /Authorisation through tx\.origin/);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
