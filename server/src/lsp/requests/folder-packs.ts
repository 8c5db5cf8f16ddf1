// The packs a workspace folder runs, resolved as `hindsight deployed` and `hindsight review record` resolve them
// (server/src/packs/sources.ts), with the editor's settings applied: what deployed code is audited with, what a
// review records, and what the Pack Sources view lists.
import type { Finding } from '../../engine/finding';
import type { LoadedPack } from '../../packs/load';
import { loadWorkspacePacks, type WorkspacePacks } from '../../packs/sources';
import type { Folder } from '../../project/workspace';
import { packEnabled } from '../../shared/settings';
import type { PackStore } from '../packs';
import type { RequestContext } from './context';

export interface FolderPacks {
  packs: WorkspacePacks;
  /** The packs that run: `.hindsight/config.yaml` and the folder's settings (packs.enabled/disabled) applied. */
  inUse: LoadedPack[];
}

export async function loadFolderPacks(ctx: RequestContext, folder: Folder): Promise<FolderPacks> {
  await ctx.ready();
  const settings = ctx.settingsFor(folder);
  const cacheDir = ctx.urlPackCache();
  const packs = await loadWorkspacePacks({
    workspaceFolder: folder.path,
    trusted: ctx.trusted(),
    restricted: ctx.restricted(),
    // The pack store downloads URL packs when it reloads; here only its cache is read, so nothing is fetched twice.
    allowNetwork: false,
    ...(cacheDir ? { cacheDir } : {}),
    settingsPaths: settings.packs.paths,
    // The built-in packs the server already loaded: compiled once, shared.
    builtinPacks: builtinPacks(ctx.packs),
  });
  const inUse = runnablePacks(packs).filter((p) => packEnabled(p.info.name, settings));
  return { packs, inUse };
}

function builtinPacks(store: PackStore): LoadedPack[] {
  return store
    .packs()
    .filter((e) => e.builtin)
    .map((e) => ({ info: e.info, findings: e.findings, problems: [] }));
}

/** The packs with `.hindsight/config.yaml` applied, as `hindsight deployed` scans with them (resolveCliWorkspace). */
function runnablePacks(w: WorkspacePacks): LoadedPack[] {
  const byPack = new Map<object, Finding[]>();
  for (const f of w.effective.findings) {
    const list = byPack.get(f.pack) ?? [];
    list.push(f);
    byPack.set(f.pack, list);
  }
  return w.packs.map((p) => ({ ...p, findings: byPack.get(p.info) ?? [] }));
}
