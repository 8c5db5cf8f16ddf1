// .hindsight/deployed-state.json: what each deployment looked like at its last review (pack snapshots and the
// fingerprints seen), so the next run can tell which findings a pack update brought.
import type { PackSnapshot } from '../packs/changelog';
import { writeFileAtomic } from '../shared/atomic-write';
import { compileSchema, parseJsonFile, readStateFile } from './data-file';

export const DEFAULT_DEPLOYED_STATE = '.hindsight/deployed-state.json';

export interface SeenFinding {
  fingerprint: string;
  findingId: string;
  pack: string;
  file: string;
}

export interface DeploymentState {
  /** When this state was recorded. */
  reviewed: string;
  /** The commit the deployment resolved to then (a moved tag shows up as a different commit). */
  commit: string;
  tool: string;
  packs: PackSnapshot[];
  findings: SeenFinding[];
}

export interface DeployedState {
  version: 1;
  deployments: Record<string, DeploymentState>;
}

const schema = {
  type: 'object',
  required: ['version', 'deployments'],
  properties: {
    version: { const: 1 },
    deployments: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['reviewed', 'commit', 'packs', 'findings'],
        properties: {
          reviewed: { type: 'string' },
          commit: { type: 'string' },
          tool: { type: 'string' },
          packs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'version', 'findingIds'],
              properties: {
                name: { type: 'string' },
                version: { type: 'string' },
                findingIds: { type: 'array', items: { type: 'string' } },
                findingHashes: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
          findings: {
            type: 'array',
            items: {
              type: 'object',
              required: ['fingerprint', 'findingId'],
              properties: { fingerprint: { type: 'string' }, findingId: { type: 'string' }, pack: { type: 'string' }, file: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;
const validate = compileSchema<DeployedState>(schema);

export function emptyDeployedState(): DeployedState {
  return { version: 1, deployments: {} };
}

/** A missing file is an empty state (nothing reviewed yet); a malformed one is an error, never overwritten. */
export function readDeployedState(file: string, displayName = file): DeployedState {
  return readStateFile(file, displayName, 'deployed state', (text) => parseJsonFile(text, displayName, validate), emptyDeployedState);
}

export function writeDeployedState(file: string, state: DeployedState): void {
  const sorted: DeployedState = { version: 1, deployments: {} };
  for (const name of Object.keys(state.deployments).sort()) sorted.deployments[name] = state.deployments[name];
  writeFileAtomic(file, JSON.stringify(sorted, null, 2) + '\n');
}
