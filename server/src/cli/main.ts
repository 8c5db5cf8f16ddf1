// Entry point of dist/cli.js (server/bin/hindsight.js requires it).
import { main } from './cli';

main(process.argv.slice(2)).then((code) => {
  // A negative code means a long-running command (the language server) owns the process from here on.
  if (code >= 0) process.exitCode = code;
});
