// Entry point of dist/cli.js (server/bin/hindsight.js requires it).
import './jit-flags';
import { isMainThread } from 'node:worker_threads';
import { main } from './cli';

// The scan workers load this same bundle (parallel-scan.ts); only the main thread runs the command.
if (isMainThread) {
  // `hindsight scan | head`: a reader that goes away early is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }

  main(process.argv.slice(2)).then((code) => {
    // A negative code means a long-running command (the language server) owns the process from here on.
    if (code >= 0) process.exitCode = code;
  });
}
