// Entry point of a parse worker thread (bundled as dist/server/parse-worker.js). It reads and parses the files
// the pool hands it, one at a time, and posts back plain data: the LineIndex is rebuilt on the other side.
import { parentPort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { parseSource, warmUpParser } from './parse';

export interface ParseJob {
  id: number;
  path: string;
}

export type ParseReply =
  | { id: number; text: string; ast: unknown; syntaxErrors: unknown; recovered: boolean }
  | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  warmUpParser();
  port.on('message', async (job: ParseJob) => {
    let reply: ParseReply;
    try {
      const text = await readFile(job.path, 'utf8');
      const p = parseSource(text);
      reply = { id: job.id, text, ast: p.ast, syntaxErrors: p.syntaxErrors, recovered: !!p.recovered };
    } catch (err) {
      reply = { id: job.id, error: (err as Error)?.message ?? String(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
