// Helpers of the summary, guard, lock and arithmetic tests: a semantic project over inline Solidity files, and a
// contract's summaries by name.
import assert from 'node:assert/strict';
import { SemanticProject } from '../../server/src/engine/semantics/project';
import { ContractSummaries } from '../../server/src/engine/semantics/summaries';
import type { ContractSymbol, FunctionSymbol } from '../../server/src/engine/semantics/symbols';

export interface Fixture {
  files: Record<string, string>;
  project: SemanticProject;
}

/** A project whose files are `files` (paths absolute, under /p). */
export function projectOf(files: Record<string, string>): Fixture {
  const project = new SemanticProject({ host: { readFile: (f) => files[f] }, root: '/p' });
  return { files, project };
}

/** The contract `name` declared in `file`. */
export function contractIn(fx: Fixture, file: string, name: string): ContractSymbol {
  const c = fx.project.symbols(file)?.contracts.find((x) => x.name === name);
  assert.ok(c, `contract ${name} in ${file}`);
  return c;
}

/** One file `/p/a.sol` holding `src`, and the summaries of its contract `name` (the last contract by default). */
export function summariesOf(src: string, name?: string): { fx: Fixture; s: ContractSummaries; fn: (n: string) => FunctionSymbol } {
  const fx = projectOf({ '/p/a.sol': src });
  const contracts = fx.project.symbols('/p/a.sol')?.contracts ?? [];
  const c = name ? contracts.find((x) => x.name === name) : contracts[contracts.length - 1];
  assert.ok(c, `contract ${name ?? '(last)'}`);
  const s = new ContractSummaries(fx.project, c);
  return { fx, s, fn: (n) => functionNamed(s, n) };
}

export function functionNamed(s: ContractSummaries, name: string): FunctionSymbol {
  const f = s.functions().find((x) => x.name === name);
  assert.ok(f, `function ${name}`);
  return f;
}
