// What every command of the CLI shares: where it runs and writes (an Io, so tests run commands in-process), the
// tool's identity, and how problems are printed.
import packageJson from '../../../package.json';
import type { PackProblem } from '../packs/load';
import { displayPath, wantsColour, type Style } from '../report/text';

export const TOOL = {
  name: 'hindsight',
  version: packageJson.version,
  informationUri: 'https://github.com/hindsight-dev/hindsight',
};

export interface Io {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
  colourOut: boolean;
  colourErr: boolean;
  /** Standard input, read to the end (`hindsight scan -`). */
  readStdin?(): Promise<string>;
}

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** A problem with the input (a file, the configuration, a pack) already explained: exit code 2. */
export class InputError extends Error {}

export function defaultIo(): Io {
  return {
    cwd: process.cwd(),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    colourOut: wantsColour(process.stdout),
    colourErr: wantsColour(process.stderr),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

export function formatProblem(p: PackProblem, cwd: string, style: Style): string {
  const where = p.file ? `${displayPath(p.file, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ` : '';
  return `${where}${style.severity(p.severity, p.severity)}: ${p.message}`;
}

export function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
