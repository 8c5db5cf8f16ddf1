// .hindsight/deployments.yaml: which commits are live on chain, and which of their files to re-audit.
import * as fs from 'node:fs';
import { globTest } from '../shared/safe-glob';
import { compileSchema, parseYamlFile } from './data-file';
import schema from './deployments.schema.json';
import { AuditInputError } from './input-error';

export const DEFAULT_DEPLOYMENTS = '.hindsight/deployments.yaml';

export interface Deployment {
  name: string;
  chain: string | number;
  address: string;
  commit?: string;
  tag?: string;
  sources: string[];
  exclude?: string[];
  description?: string;
  /** Monitoring: the deployment block, the contract at the address, ERC20 tokens whose balance is watched. */
  block?: number;
  contract?: string;
  tokens?: string[];
}

export interface DeploymentsFile {
  version?: 1;
  deployments: Deployment[];
}

const validate = compileSchema<DeploymentsFile>(schema);
const VERBATIM = new Set(['address', 'commit', 'tag', 'name', 'contract', 'tokens']);

export function parseDeployments(text: string, file: string): DeploymentsFile {
  return parseYamlFile(text, file, validate, VERBATIM, (data) => {
    const seen = new Set<string>();
    for (const [i, d] of data.deployments.entries()) {
      if ((d.commit === undefined) === (d.tag === undefined)) {
        return { path: ['deployments', i], message: `deployment "${d.name}" needs exactly one of "commit" or "tag"` };
      }
      if (seen.has(d.name)) return { path: ['deployments', i, 'name'], message: `duplicate deployment name "${d.name}"` };
      seen.add(d.name);
    }
    return undefined;
  });
}

export function readDeployments(file: string, displayName = file): DeploymentsFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new AuditInputError('no deployments file; see docs/continuous-audit.md for its format', displayName);
    throw new AuditInputError(`cannot read deployments file: ${e.message}`, displayName);
  }
  return parseDeployments(text, displayName);
}

export function revisionOf(d: Deployment): string {
  return d.commit ?? `refs/tags/${d.tag}`;
}

/**
 * The workspace-relative paths of a deployment's Solidity sources among `paths`. Globs are relative to the
 * workspace root; only `.sol` files are scanned whatever the glob says.
 */
export function selectSources(d: Deployment, paths: readonly string[]): string[] {
  const include = globTest(d.sources);
  const exclude = d.exclude?.length ? globTest(d.exclude) : () => false;
  return paths.filter((p) => p.endsWith('.sol') && include(p) && !exclude(p)).sort();
}
