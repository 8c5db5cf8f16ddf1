// Temporary folders of files for tests that read from disk (the CLI, the project's host, remappings).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

/** A new temporary folder holding `files` (relative path → text); the caller removes it. */
export function makeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/**
 * makeTree for one test file: every folder it makes is removed when the file's tests end. `realPath` gives the
 * folders' real paths (macOS's temporary folder is behind a symbolic link), for tests that compare printed paths.
 */
export function temporaryTrees(options: { realPath?: boolean } = {}): (files: Record<string, string>) => string {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (files) => {
    const d = makeTree(files);
    made.push(d);
    return options.realPath ? realpathSync(d) : d;
  };
}
