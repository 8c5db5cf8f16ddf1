// solc-js at the version a source's pragma asks for (the newest of the installed 0.4.26, 0.5.17, 0.6.12, 0.7.6,
// 0.8.26 that satisfies it), imports read from node_modules, outputs cached on disk by input hash so a second run
// costs no compiler load. Nothing is downloaded: each solc package is a JS build of the compiler.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as semver from 'semver';
import { pragmaRange } from '../../server/src/engine/scan-index';

const ROOT = join(__dirname, '..', '..');

/** Installed compilers, newest first: package name and version. */
export const COMPILERS: ReadonlyArray<{ pkg: string; version: string }> = [
  { pkg: 'solc', version: '0.8.26' },
  { pkg: 'solc-0.7', version: '0.7.6' },
  { pkg: 'solc-0.6', version: '0.6.12' },
  { pkg: 'solc-0.5', version: '0.5.17' },
  { pkg: 'solc-0.4', version: '0.4.26' },
];

export interface CompiledContract {
  name: string;
  abi: AbiItem[];
  bytecode: string;
}

export interface AbiItem {
  type: string;
  name?: string;
  inputs?: Array<{ type: string; name: string; components?: unknown[] }>;
  outputs?: unknown[];
  stateMutability?: string;
  payable?: boolean;
  constant?: boolean;
}

export interface CompileResult {
  version: string;
  ok: boolean;
  errors: string[];
  contracts: CompiledContract[];
}

/** The compiler for a source: the newest installed one its pragma allows; undefined when none does. */
export function compilerFor(source: string): { pkg: string; version: string } | undefined {
  const m = /pragma\s+solidity\s+([^;]+);/.exec(source);
  const range = m ? pragmaRange(m[1].trim()) : null;
  if (m && !range) return undefined;
  return COMPILERS.find((c) => !range || semver.satisfies(c.version, range));
}

const loaded = new Map<string, { compile(input: string, cb?: unknown): string; compileStandardWrapper?: (input: string, cb?: unknown) => string }>();
const CACHE = join(tmpdir(), 'hindsight-fix-harness-solc');

function findImport(path: string): { contents: string } | { error: string } {
  for (const base of [join(ROOT, 'node_modules'), ROOT]) {
    const file = join(base, path);
    if (existsSync(file)) return { contents: readFileSync(file, 'utf8') };
  }
  return { error: `not found: ${path}` };
}

/** Compiles one source (as `main.sol`) with the compiler its pragma asks for; bytecode of every contract in it. */
export function compile(source: string, compiler = compilerFor(source)): CompileResult {
  if (!compiler) return { version: '', ok: false, errors: ['no installed compiler fits the pragma'], contracts: [] };
  const input = JSON.stringify({
    language: 'Solidity',
    sources: { 'main.sol': { content: source } },
    settings: { optimizer: { enabled: false }, outputSelection: { 'main.sol': { '*': ['abi', 'evm.bytecode.object'] } } },
  });
  const key = createHash('sha256').update(compiler.version).update('\0').update(input).digest('hex');
  const cached = join(CACHE, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as CompileResult;
  let solc = loaded.get(compiler.pkg);
  if (!solc) {
    solc = require(compiler.pkg) as NonNullable<typeof solc>;
    loaded.set(compiler.pkg, solc);
  }
  const raw = compiler.version.startsWith('0.4.')
    ? solc.compileStandardWrapper!(input, findImport)
    : solc.compile(input, compiler.version.startsWith('0.5.') ? findImport : { import: findImport });
  const out = JSON.parse(raw) as {
    errors?: Array<{ severity: string; formattedMessage?: string; message: string }>;
    contracts?: Record<string, Record<string, { abi: AbiItem[]; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error').map((e) => (e.formattedMessage ?? e.message).trim());
  const contracts = Object.entries(out.contracts?.['main.sol'] ?? {}).map(([name, c]) => ({ name, abi: c.abi, bytecode: c.evm.bytecode.object }));
  const result: CompileResult = { version: compiler.version, ok: errors.length === 0, errors, contracts };
  mkdirSync(CACHE, { recursive: true });
  // Written aside and renamed: two test processes compiling the same input never read half a file.
  const part = `${cached}.${process.pid}.part`;
  writeFileSync(part, JSON.stringify(result));
  renameSync(part, cached);
  return result;
}
