// Entry point of dist/server/server.js: `node dist/server/server.js --stdio` (or --node-ipc, --socket=N).
// The same bundle is the workspace scan's worker script (scan-pool.ts): as a worker it serves scan jobs only.
import { startServer } from './server';
import { runScanWorkerIfAny } from '../project/scan-pool';

if (!runScanWorkerIfAny()) startServer();
