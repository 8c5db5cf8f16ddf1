// DiskProjects: which project a file on disk belongs to, and the text its project reads for it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiskProjects } from '../../server/src/project/semantic-host';
import { temporaryTrees } from './tree-helpers';

const tree = temporaryTrees();

const A = 'pragma solidity ^0.8.0;\ncontract A { uint x; function f() external { x = 1; } }\n';

describe('DiskProjects', () => {
  it('puts files under the nearest marked folder in one project, whatever their depth', () => {
    const root = tree({ 'foundry.toml': '', 'src/a/b/A.sol': A, 'src/c/B.sol': A, 'lib/dep/foundry.toml': '', 'lib/dep/src/C.sol': A });
    const projects = new DiskProjects();
    const project = (f: string) => projects.contextFor(join(root, f), A).semantic.project;
    assert.equal(project('src/a/b/A.sol'), project('src/c/B.sol'));
    assert.notEqual(project('lib/dep/src/C.sol'), project('src/c/B.sol'));
    assert.equal(project('src/a/b/A.sol').root, join(root).replace(/\\/g, '/'));
    assert.equal(project('lib/dep/src/C.sol').root, join(root, 'lib/dep').replace(/\\/g, '/'));
  });

  it("matches the project's own parse of the text the scan read, not a second read of the disk", () => {
    const root = tree({ 'foundry.toml': '', 'A.sol': A });
    const file = join(root, 'A.sol');
    // The file changed on disk after the scan read it: the project still holds what the scan matched.
    writeFileSync(file, A.replace('x = 1', 'x = 2'));
    const projects = new DiskProjects();
    const { semantic, parsed } = projects.contextFor(file, A);
    assert.equal(parsed.text, A);
    assert.equal(semantic.project.parsed(semantic.path), parsed);
    // The next read of the file (another scan's import of it) is the disk's again.
    assert.equal(projects.reads, 1);
  });

  it('reads the disk when the editor holds the file', () => {
    const root = tree({ 'foundry.toml': '', 'A.sol': A });
    const file = join(root, 'A.sol');
    const edited = A.replace('x = 1', 'x = 3');
    const projects = new DiskProjects(new Map([[file.replace(/\\/g, '/'), edited]]));
    const { semantic, parsed } = projects.contextFor(file, A);
    assert.equal(semantic.project.parsed(semantic.path)?.text, edited);
    assert.notEqual(parsed, semantic.project.parsed(semantic.path));
  });
});
