// The `hindsight` command (main.ts runs it; tests call main() in-process): scan Solidity for known findings, list
// and explain the rules, test and validate packs, run the language server, continuous audits. Each command has
// its own module; this one dispatches and turns errors into exit codes: 0 nothing at or above the threshold,
// 1 findings (or failing pack tests / invalid packs), 2 usage, input or configuration errors. See docs/cli.md.
import { editDistance } from '../shared/json-pointer';
import { runAuditCommand } from './audit-commands';
import { runReviewScopeCommand } from './review-scope-command';
import { explainCommand } from './explain-command';
import { helpPage, overview, wantsHelp } from './help';
import { defaultIo, InputError, isParseArgsError, TOOL, UsageError, type Io } from './io';
import { packCommand } from './pack-commands';
import { rulesCommand } from './rules-command';
import { scanCommand } from './scan-command';

export { TOOL, UsageError };

// The language server, `learn` and `monitor` are loaded when run: the modules they need alone (the protocol
// library, a Markdown parser, viem) are a fifth of the bundle, and every other run, scan workers included, would
// otherwise start them up for nothing.

const COMMANDS = ['scan', 'rules', 'explain', 'learn', 'pack', 'lsp', 'baseline', 'deployed', 'review', 'monitor'];

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      io.out(`${overview(TOOL.version)}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'help') {
      io.out(`${(rest[0] && helpPage(rest[0], rest[1])) || overview(TOOL.version)}\n`);
      return 0;
    }
    if (command === '--version' || command === '-V' || command === '-v') {
      io.out(`${TOOL.version}\n`);
      return 0;
    }
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'rules':
        return await rulesCommand(rest, io);
      case 'explain':
        return await explainCommand(rest, io);
      case 'learn':
        return await (await import('./learn-command.js')).learnCommand(rest, io);
      case 'pack':
        return packCommand(rest, io);
      case 'lsp':
        return await lspCommand(rest, io);
      case 'monitor':
        return await (await import('./monitor-command.js')).monitorCommand(rest, io);
      case 'baseline':
      case 'deployed':
      case 'review':
        if (wantsHelp(rest)) {
          io.out(`${helpPage(command, rest[0])}\n`);
          return 0;
        }
        if (command === 'review' && (rest[0] === 'scope' || rest[0] === 'mark')) return await runReviewScopeCommand(rest[0], rest.slice(1), { io, tool: TOOL });
        return await runAuditCommand(command, rest, { io, tool: TOOL });
    }
    const near = COMMANDS.find((c) => editDistance(c, command) <= 2);
    throw new UsageError(`unknown command "${command}"${near ? ` (did you mean "${near}"?)` : ''}; the commands are ${COMMANDS.join(', ')}`);
  } catch (err) {
    // Already explained where it happened.
    if (err instanceof InputError) return 2;
    if (err instanceof UsageError || isParseArgsError(err)) {
      const page =
        command && COMMANDS.includes(command)
          ? `hindsight ${command}${command === 'pack' && rest[0] && !rest[0].startsWith('-') ? ` ${rest[0]}` : ''} --help`
          : 'hindsight --help';
      io.err(`hindsight: ${(err as Error).message}\nRun "${page}" for usage.\n`);
      return 2;
    }
    io.err(`hindsight: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

async function lspCommand(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args)) {
    io.out(`${helpPage('lsp')}\n`);
    return 0;
  }
  const known = new Set(['--stdio', '--node-ipc', '--socket', '--clientProcessId']);
  const unknown = args.filter((a) => a.startsWith('--') && !known.has(a.split('=')[0]));
  if (unknown.length) throw new UsageError(`unknown lsp option ${unknown[0]} (use --stdio)`);
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) {
    throw new UsageError('lsp needs a transport: --stdio (or --node-ipc, --socket=<port>)');
  }
  // The same server as dist/server/server.js; vscode-languageserver reads the transport from process.argv.
  // stdout belongs to the protocol from here on, so nothing else may print to it.
  (await import('../lsp/server.js')).startServer();
  return -1;
}
