// The custom requests beyond findings and packs (server/src/shared/protocol.ts, docs/lsp.md), one module per feature.
import type { Connection } from 'vscode-languageserver/node';
import { registerAuditRequests } from './audit';
import { registerBaselineRequests } from './baseline';
import { registerMonitorRequests } from './monitor';
import type { RequestContext } from './context';
import { registerLearnReportRequest } from './learn-report';
import { registerRecordFindingRequests } from './record-finding';
import { registerReportRequests } from './report';
import { registerReviewRequests } from './reviews';
import { registerReviewScopeRequests } from './review-scope';

export type { RequestContext };

export function registerRequests(connection: Connection, ctx: RequestContext): void {
  registerAuditRequests(connection, ctx);
  registerReviewRequests(connection, ctx);
  registerReviewScopeRequests(connection, ctx);
  registerBaselineRequests(connection, ctx);
  registerRecordFindingRequests(connection, ctx);
  registerLearnReportRequest(connection, ctx);
  registerReportRequests(connection, ctx);
  registerMonitorRequests(connection, ctx);
}
