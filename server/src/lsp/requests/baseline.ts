// "Only new since baseline" for any client (hindsight/compareBaseline): each folder's .hindsight/baseline.json
// (written by `hindsight baseline save`) is compared with the given findings by the code `scan --baseline` runs,
// so an editor's "new" is CI's "new".
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { compareWithBaseline, DEFAULT_BASELINE, parseBaseline, type Baseline } from '../../audit/baseline';
import { fileExistsUnder, relativePath } from '../../audit/scan-bridge';
import { uriToPath } from '../../project/workspace';
import { CompareBaselineRequest, type CompareBaselineResult } from '../../shared/protocol';
import { guarded, RequestProblem, type RequestContext } from './context';

export function registerBaselineRequests(connection: Connection, ctx: RequestContext): void {
  connection.onRequest(
    CompareBaselineRequest,
    guarded(connection, CompareBaselineRequest.method, async (p): Promise<CompareBaselineResult> => {
      await ctx.ready();
      if (!Array.isArray(p?.items)) throw new RequestProblem('the request needs "items": [{ uri, findingId, fingerprint }]');
      const folders = ctx.folders.all();
      const baselines = new Map<string, Baseline>();
      const problems: string[] = [];
      for (const folder of folders) {
        let text: string;
        try {
          text = fs.readFileSync(path.join(folder.path, DEFAULT_BASELINE), 'utf8');
        } catch {
          continue;
        }
        // Named as the user sees it: relative to the folder, with the folder's name in a multi-root workspace.
        const shown = folders.length > 1 ? `${folder.name}/${DEFAULT_BASELINE}` : DEFAULT_BASELINE;
        try {
          baselines.set(folder.uri, parseBaseline(text, shown));
        } catch (e) {
          problems.push(e instanceof Error ? e.message : String(e));
        }
      }
      const isNew = p.items.map(() => true);
      const perFolder = new Map<string, Array<{ index: number; findingId: string; fingerprint: string; file: string }>>();
      p.items.forEach((item, index) => {
        const folder = typeof item?.uri === 'string' ? ctx.folders.of(item.uri) : null;
        const file = folder ? uriToPath(item.uri) : null;
        if (!folder || !file || !baselines.has(folder.uri)) return;
        const list = perFolder.get(folder.uri) ?? [];
        list.push({ index, findingId: String(item.findingId ?? ''), fingerprint: String(item.fingerprint ?? ''), file: relativePath(folder.path, file) });
        perFolder.set(folder.uri, list);
      });
      for (const [folder, list] of perFolder) {
        const root = folders.find((f) => f.uri === folder)?.path ?? '';
        const { known } = compareWithBaseline(list, baselines.get(folder)!, { fileExists: fileExistsUnder(root) });
        for (const k of known) isNew[k.index] = false;
      }
      return { folders: [...baselines.keys()], problems, isNew };
    }),
  );
}
