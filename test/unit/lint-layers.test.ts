// The layer rule (.dependency-cruiser.cjs, `npm run lint:deps`) fires: dependency-cruiser runs with the project's
// config over tiny trees written to a temporary folder, each shaped like the repository (server/src/<layer>/,
// client/src/), and over the real tree.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-layers-'));
  dirs.push(root);
  for (const dir of ['server/src', 'client/src']) mkdirSync(join(root, dir), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

interface Cruise {
  code: number;
  out: string;
}

function cruise(cwd: string, outputType: 'err-long' | 'json' = 'err-long'): Promise<Cruise> {
  const args = [DEPCRUISE, '--config', CONFIG, '--output-type', outputType, 'server/src', 'client/src'];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout + stderr });
    });
  });
}

interface Violation {
  rule: string;
  from: string;
  to: string;
}

function violations(json: string): Violation[] {
  const summary = (JSON.parse(json) as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } }).summary;
  return summary.violations
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.from.localeCompare(b.from));
}

// One file per wrong import, beside the imports that are allowed.
const BAD = {
  'server/src/shared/protocol.ts': 'export const VERSION = 1;\n',
  'server/src/engine/bad.ts': "import { x } from '../packs/x';\nexport const y = x;\n",
  'server/src/engine/ok.ts': "import { VERSION } from '../shared/protocol';\nexport const v = VERSION;\n",
  'server/src/packs/x.ts': 'export const x = 1;\n',
  'server/src/project/a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
  'server/src/project/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
  'server/src/lsp/server.ts': "import { main } from '../cli/main';\nexport const start = main;\n",
  'server/src/cli/main.ts': "import '../lsp/server';\nexport function main(): void {}\n",
  'server/src/report/uses-test.ts': "import { helper } from '../../../test/unit/helper.test';\nexport const h = helper;\n",
  'test/unit/helper.test.ts': 'export const helper = 1;\n',
  'server/src/loose.ts': "import { x } from './packs/x';\nexport const z = x;\n",
  'server/src/engine/uses-loose.ts': "import { z } from '../loose';\nexport const w = z;\n",
  'client/src/extension.ts':
    "import { VERSION } from '../../server/src/shared/protocol';\nimport { y } from '../../server/src/engine/bad';\nexport const v = [VERSION, y];\n",
};

// Concurrent: each test waits on its own dependency-cruiser process.
describe('layer rule (.dependency-cruiser.cjs)', { concurrency: true }, () => {
  test('an upward import fails, naming the rule, the layers and ARCHITECTURE.md', async () => {
    const r = await cruise(
      tree({ 'server/src/engine/bad.ts': "import { x } from '../packs/x';\nexport const y = x;\n", 'server/src/packs/x.ts': 'export const x = 1;\n' }),
    );
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /error layer-engine-not-packs: server\/src\/engine\/bad\.ts → server\/src\/packs\/x\.ts/);
    assert.match(r.out.replace(/\s+/g, ' '), /engine must not import packs: layers import only downward, see ARCHITECTURE\.md/);
  });

  test('a cycle of type-only imports fails as no-circular', async () => {
    const r = await cruise(tree({ 'server/src/engine/a.ts': BAD['server/src/project/a.ts'], 'server/src/engine/b.ts': BAD['server/src/project/b.ts'] }));
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /error no-circular: server\/src\/engine\/a\.ts → /);
  });

  test('every kind of wrong import is reported, and only those', async () => {
    const r = await cruise(tree(BAD), 'json');
    assert.deepEqual(violations(r.out), [
      { rule: 'layer-client-not-engine', from: 'client/src/extension.ts', to: 'server/src/engine/bad.ts' },
      { rule: 'layer-engine-not-packs', from: 'server/src/engine/bad.ts', to: 'server/src/packs/x.ts' },
      { rule: 'layer-lsp-not-cli', from: 'server/src/lsp/server.ts', to: 'server/src/cli/main.ts' },
      { rule: 'layer-unknown', from: 'server/src/loose.ts', to: 'server/src/packs/x.ts' },
      { rule: 'layer-unknown-target', from: 'server/src/engine/uses-loose.ts', to: 'server/src/loose.ts' },
      // A cycle is reported once, from its first module.
      { rule: 'no-circular', from: 'server/src/cli/main.ts', to: 'server/src/lsp/server.ts' },
      { rule: 'no-circular', from: 'server/src/project/a.ts', to: 'server/src/project/b.ts' },
      { rule: 'no-test-from-product', from: 'server/src/report/uses-test.ts', to: 'test/unit/helper.test.ts' },
    ]);
  });

  test('downward imports, cli → lsp and client → shared pass', async () => {
    const r = await cruise(
      tree({
        'server/src/shared/protocol.ts': BAD['server/src/shared/protocol.ts'],
        'server/src/engine/ok.ts': BAD['server/src/engine/ok.ts'],
        'server/src/lsp/server.ts': "import { v } from '../engine/ok';\nexport const start = v;\n",
        'server/src/cli/main.ts': "import { start } from '../lsp/server';\nexport const main = start;\n",
        'client/src/extension.ts': "import type { VERSION } from '../../server/src/shared/protocol';\nexport type V = typeof VERSION;\n",
      }),
    );
    assert.equal(r.code, 0, r.out);
  });

  test('the real tree passes', async () => {
    const r = await cruise(ROOT);
    assert.equal(r.code, 0, r.out);
  });
});
