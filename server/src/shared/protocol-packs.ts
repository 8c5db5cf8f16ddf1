// The custom protocol, packs: the loaded packs, their problems and every pack source considered per folder
// (docs/team-packs.md). Re-exported by protocol.ts.
import { RequestType0 } from 'vscode-languageserver-protocol';
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
  /** shadowed: a higher-precedence pack has the same name; not-fetched: a URL pack not cached and not downloadable now. */
  status: 'loaded' | 'shadowed' | 'duplicate' | 'not-fetched' | 'error';
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
