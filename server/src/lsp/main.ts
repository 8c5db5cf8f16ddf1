// Entry point of dist/server/server.js: `node dist/server/server.js --stdio` (or --node-ipc, --socket=N).
import { startServer } from './server';

startServer();
