// The custom protocol, packs: the loaded packs, their problems and every pack source considered per folder
// (docs/team-packs.md). Re-exported by protocol.ts.
import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Range } from './types';

export interface LoadedPack {
  name: string;
  version: string;
  file: string;
  findings: number;
  enabled: boolean;
}

export interface PackProblemInfo {
  uri: string;
  message: string;
  range: Range;
}

/** One pack source considered for a workspace folder, in precedence order (docs/team-packs.md), for the panel. */
export interface PackSourceStatus {
  /** Workspace folder uri. */
  folder: string;
  kind: 'builtin' | 'npm' | 'workspace' | 'settings' | 'url';
  /** Folder or file of the pack, npm package name, or URL. */
  location: string;
  /** 'built-in', 'node_modules', '.hindsight/packs', '.hindsight/config.yaml' or 'settings'. */
  declaredIn: string;
  /**
   * shadowed: a higher-precedence pack has the same name; not-fetched: a URL pack not cached and not downloadable
   * now; restricted: not read because the workspace is not trusted (Restricted Mode).
   */
  status: 'loaded' | 'shadowed' | 'duplicate' | 'not-fetched' | 'restricted' | 'error';
  pack?: { name: string; version: string; findings: number };
  message?: string;
}

export interface ReloadPacksResult {
  packs: LoadedPack[];
  problems: PackProblemInfo[];
  /** Every pack source considered, per workspace folder (absent from servers that predate team packs). */
  sources?: PackSourceStatus[];
}

/** `hindsight/reloadPacks`: reload built-in, workspace and configured packs, then re-scan everything. */
export const ReloadPacksRequest = new RequestType0<ReloadPacksResult, void>('hindsight/reloadPacks');

/** A pack source of a folder, with what became of it; `notRun` says why a loaded pack does not run. */
export interface PackSourceEntry extends PackSourceStatus {
  /** The pack file read (for URL packs: the cached copy). */
  file?: string;
  fetch?: 'cached' | 'downloaded';
  /** e.g. "disabled in settings", or the reason `.hindsight/config.yaml` gives. */
  notRun?: string;
}

/** `hindsight/packSources`: every pack source considered per folder, in precedence order (docs/team-packs.md). */
export const PackSourcesRequest = new RequestType0<{ sources: PackSourceEntry[] }, void>('hindsight/packSources');

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/**
 * `hindsight/didChangeWorkspaceTrust` (client → server): the user trusted the workspace (or took trust back) while the
 * server runs. The server reloads settings and packs and re-scans: workspace packs, `.hindsight/config.yaml`, URL
 * and npm packs and git apply from then on, without a restart. The state at start-up is
 * `initializationOptions.trustedWorkspace`.
 */
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('hindsight/didChangeWorkspaceTrust');
