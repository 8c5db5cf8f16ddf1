// Continuous audits for any client: the deployed-code audit (hindsight/deployedAudit), a deployed file read from git
// (hindsight/deployedSource) and the pack sources of each folder (hindsight/packSources). The same library as the
// CLI's `hindsight deployed` and `hindsight packs` (server/src/audit, server/src/packs), so editors and CI agree.
import type { Connection } from 'vscode-languageserver/node';
import { auditWorkspaceDeployments, type DeployedAudit } from '../../audit/api';
import type { DeploymentReport } from '../../audit/deployed';
import { describeNew } from '../../audit/deployed-format';
import { listTree, locateRepo, readBlobs } from '../../audit/git';
import type { Folder } from '../../project/workspace';
import {
  DeployedAuditRequest,
  DeployedSourceRequest,
  PackSourcesRequest,
  type DeployedFindingInfo,
  type DeploymentInfo,
  type FolderDeployedAudit,
  type PackSourceEntry,
} from '../../shared/protocol';
import { folderParam, guarded, RequestProblem, toolVersion, type RequestContext } from './context';
import { loadFolderPacks } from './folder-packs';

const UNTRUSTED = 'Deployed code is audited only in a trusted workspace (it runs git).';

export function registerAuditRequests(connection: Connection, ctx: RequestContext): void {
  connection.onRequest(
    DeployedAuditRequest,
    guarded(connection, DeployedAuditRequest.method, async (p) => {
      await ctx.ready();
      const folders: FolderDeployedAudit[] = [];
      for (const folder of ctx.folders.all()) folders.push(await auditFolder(ctx, folder, !!p?.record));
      return { folders };
    }),
  );
  connection.onRequest(
    DeployedSourceRequest,
    guarded(connection, DeployedSourceRequest.method, async (p) => {
      await ctx.ready();
      const folder = folderParam(ctx, p?.folder);
      if (!ctx.trusted()) throw new RequestProblem('Deployed sources are read from git only in a trusted workspace.');
      return { text: await deployedText(folder, String(p.commit ?? ''), String(p.file ?? '')) };
    }),
  );
  connection.onRequest(
    PackSourcesRequest,
    guarded(connection, PackSourcesRequest.method, async () => {
      await ctx.ready();
      const sources: PackSourceEntry[] = [];
      for (const folder of ctx.folders.all()) sources.push(...(await packSourcesOf(ctx, folder)));
      return { sources };
    }),
  );
}

/** `record`: what is seen now becomes the reviewed state; the folder is then audited again, so what it shows is new now. */
async function auditFolder(ctx: RequestContext, folder: Folder, record: boolean): Promise<FolderDeployedAudit> {
  // Reading deployments runs git, which a repository's own config can turn into running its code.
  if (!ctx.trusted()) return { folder: folder.uri, configured: false, deployments: [], error: UNTRUSTED };
  const { packs, inUse } = await loadFolderPacks(ctx, folder);
  const options = { toolVersion: toolVersion(), isExcluded: (file: string) => packs.effective.isExcluded(file) };
  if (record) await auditWorkspaceDeployments(folder.path, inUse, { ...options, record: true });
  return toFolderAudit(folder, await auditWorkspaceDeployments(folder.path, inUse, options));
}

function toFolderAudit(folder: Folder, a: DeployedAudit): FolderDeployedAudit {
  return {
    folder: folder.uri,
    configured: a.configured,
    deployments: a.reports.map(toDeploymentInfo),
    ...(a.notice ? { notice: a.notice } : {}),
    ...(a.error ? { error: a.error } : {}),
  };
}

/** What a client shows of a report: without the raw scan and the engine's occurrences. */
function toDeploymentInfo(r: DeploymentReport): DeploymentInfo {
  return {
    name: r.name,
    chain: r.chain,
    address: r.address,
    revision: r.revision,
    ...(r.commit ? { commit: r.commit } : {}),
    files: r.files,
    findings: r.findings.map((f): DeployedFindingInfo => {
      const whyNew = describeNew(f);
      return {
        file: f.file,
        findingId: f.findingId,
        pack: f.pack,
        title: f.title,
        severity: f.severity,
        contract: f.contract,
        function: f.function,
        fingerprint: f.fingerprint,
        range: f.range,
        status: f.status,
        ...(f.reason ? { reason: f.reason } : {}),
        ...(f.packChange ? { packChange: f.packChange } : {}),
        ...(whyNew ? { whyNew } : {}),
      };
    }),
    ...(r.lastReviewed ? { lastReviewed: r.lastReviewed } : {}),
    packChanges: r.packChanges.map((c) => ({
      name: c.name,
      ...(c.previousVersion !== undefined ? { previousVersion: c.previousVersion } : {}),
      version: c.version,
    })),
    ...(r.error ? { error: r.error } : {}),
  };
}

/** The file's blob at the commit, read with cat-file: no smudge or textconv filter of the repository runs. */
async function deployedText(folder: Folder, commit: string, file: string): Promise<string> {
  if (!/^[0-9a-f]{4,64}$/i.test(commit)) throw new RequestProblem(`not a commit id: ${commit}`);
  const repo = await locateRepo(folder.path);
  const want = repo.prefix + file.replace(/^\.\//, '');
  const entry = (await listTree(folder.path, commit)).find((f) => f.path === want);
  if (!entry) throw new RequestProblem(`${file} is not in commit ${commit.slice(0, 12)}`);
  return (await readBlobs(folder.path, [entry.blob])).get(entry.blob) ?? '';
}

async function packSourcesOf(ctx: RequestContext, folder: Folder): Promise<PackSourceEntry[]> {
  const { packs, inUse } = await loadFolderPacks(ctx, folder);
  return packs.sources.map((s): PackSourceEntry => {
    const name = s.pack?.name;
    let notRun: string | undefined;
    if (s.status === 'loaded' && name) {
      const effective = packs.effective.packs.find((p) => p.name === name);
      if (effective && !effective.enabled) notRun = effective.reason ?? 'disabled in .hindsight/config.yaml';
      else if (!inUse.some((p) => p.info.name === name)) notRun = 'disabled in settings';
    }
    return {
      folder: folder.uri,
      kind: s.kind,
      location: s.location,
      declaredIn: s.declaredIn,
      status: s.status,
      ...(s.pack ? { pack: s.pack } : {}),
      ...(s.message ? { message: s.message } : {}),
      ...(s.file ? { file: s.file } : {}),
      ...(s.fetch ? { fetch: s.fetch } : {}),
      ...(notRun ? { notRun } : {}),
    };
  });
}
