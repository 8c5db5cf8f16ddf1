// hindsight/monitorStatus: what the last `hindsight monitor` run recorded for a folder, for a panel in any client.
import type { Connection } from 'vscode-languageserver/node';
import { monitorStatus } from '../../monitor/status';
import { MonitorStatusRequest, type MonitorStatusResult } from '../../shared/protocol';
import { folderParam, guarded, type RequestContext } from './context';

export function registerMonitorRequests(connection: Connection, ctx: RequestContext): void {
  connection.onRequest(
    MonitorStatusRequest,
    guarded(connection, MonitorStatusRequest.method, async (p): Promise<MonitorStatusResult> => {
      await ctx.ready();
      return monitorStatus(folderParam(ctx, p?.folder).path);
    }),
  );
}
