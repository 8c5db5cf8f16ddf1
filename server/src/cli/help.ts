// Every command's --help text. `hindsight --help` is the overview; `hindsight <command> [sub] --help` the
// command's own page, printed on standard output with exit code 0 (docs/cli.md has the long form).
import { AUDIT_HELP } from './audit-commands';

const SCAN_FLAGS = `  --pack <path>            load a findings pack (folder or pack file); repeatable
  --no-builtin             do not load the built-in packs
  --format <fmt>           text (default: each finding with its code and recommendation), compact (one line
                           per finding), json, sarif, or github (GitHub Actions annotations)
  -o, --output <file>      write the report to a file instead of stdout
  --min-severity <sev>     report and fail on findings at or above: critical, high, medium, low, info (default info)
  --min-confidence <c>     report only findings with at least this confidence: high, medium, low (default low)
  -q, --quiet              report errors only: critical and high findings (as --min-severity high)
  --max-warnings <n>       findings below high fail the run only when there are more than n of them
  --exit-zero              exit 0 even when there are findings (still 2 on errors): a report, not a gate
  --stdin-filename <file>  with "scan -": the path the code read from stdin is reported at and configured as
  --include <glob>         only scan files matching the glob; repeatable
  --exclude <glob>         skip files matching the glob, also files named on the command line; repeatable
  --no-gitignore           do not honour .gitignore files
  --include-tests          also scan tests, scripts and mocks (test/, *.t.sol, script/, mocks/, *Mock*.sol)
  --include-deps           also scan dependencies: lib/, Soldeer dependencies/, node_modules
  --no-color               no colours (also when NO_COLOR is set or output is not a terminal)
  --max-file-size <KB>     skip larger files with a warning (default 2048)
  -j, --jobs <n|auto>      scan with n threads; auto = one per CPU, at most 8 (default 1; pays off on big scans)
  --baseline [file]        report and fail only on findings not in the baseline (default .hindsight/baseline.json)
  --no-config              ignore .hindsight/config.yaml (team packs in .hindsight/packs and node_modules still load)
  --allow-network          download URL packs pinned in .hindsight/config.yaml that are not cached yet
  --no-cache               do not read or write the result cache ($HINDSIGHT_CACHE_DIR, else $XDG_CACHE_HOME/hindsight)
  --fix                    apply the safe fixes of the reported findings to the files, then report what is left
  --fix-dry-run            print the changes --fix would make as a unified diff; exit 1 if there are any
  --fix-kind <kind>        with --fix or --fix-dry-run: safe (default) or review (also the fixes that change
                           behaviour: review the diff)`;

const EXIT_CODES = 'Exit codes: 0 no findings at or above --min-severity, 1 findings, 2 usage, input or configuration error.';

export function overview(version: string): string {
  return `hindsight ${version}: known smart-contract audit findings, matched against your Solidity

Usage:
  hindsight scan [paths...] [options]     scan files and folders (default: .); "-" reads stdin
  hindsight rules [--severity s] [--category c] [--owasp SCnn] [--pack p] [--format text|json]
                                          list the rules (findings) that run
  hindsight explain <ID>                  a finding's description, recommendation, references and example
  hindsight learn <report> [--pack dir]   turn an audit report into findings (.hindsight/packs/learned)
  hindsight pack test <dir|name...>       run the annotated tests of findings packs
  hindsight pack validate <dir|file...>   check packs and report problems as file:line:col
  hindsight pack new <dir> [--npm]        scaffold a pack: one example finding and its test
  hindsight pack docs <dir|name> [-o f]   Markdown catalogue of a pack (hindsight-core: the built-in one)
  hindsight lsp --stdio                   run the language server over stdio
  hindsight baseline | deployed | review  continuous audits (below)
  hindsight monitor [--once] [--rpc URL]  watch deployed contracts on chain and alert (hindsight monitor --help)
  hindsight <command> --help              the options of a command
  hindsight -V | --version

Scan options:
${SCAN_FLAGS}

${AUDIT_HELP}

${EXIT_CODES}
Docs: https://github.com/hindsight-dev/hindsight/blob/main/docs/cli.md`;
}

const PAGES: Record<string, string> = {
  scan: `Usage: hindsight scan [paths...] [options]
       hindsight scan - --stdin-filename <file> [options]

Scans files and folders (default: the current folder) for known findings. Folders are walked for *.sol,
leaving out .git, .gitignored files, dependencies and tests unless asked for; a file named on the command line
is scanned unless --exclude, --include or the exclude list of .hindsight/config.yaml drop it (with a warning
that says which). "-" scans the code on standard input.

Options:
${SCAN_FLAGS}

${EXIT_CODES}
Nothing to scan (no Solidity file found, or no rule enabled) and any error in .hindsight/config.yaml or a pack
exit 2.`,
  rules: `Usage: hindsight rules [options]

Lists the rules (findings) a scan of this folder runs: built-in and --pack packs, the workspace's team packs,
with .hindsight/config.yaml applied (disabled findings left out, severities as overridden).

Options:
  --severity <sev>         only these severities (repeatable or comma-separated): critical, high, medium, low, info
  --category <name>        only these categories (repeatable or comma-separated)
  --owasp <SCnn>           only these OWASP Smart Contract Top 10 (2025) categories, SC01..SC10 (repeatable or
                           comma-separated)
  --pack <name|path>       only this pack; a path to a pack folder or file loads it; repeatable
  --no-builtin             do not load the built-in packs
  --no-config              ignore .hindsight/config.yaml
  --format <fmt>           text (default) or json
  --no-color               no colours

Exit codes: 0 listed (also when the filters leave none), 2 usage or configuration error.`,
  explain: `Usage: hindsight explain <ID> [options]

Explains a finding: title, severity, confidence, category, OWASP category, description, recommendation, references, its fix
if it has one, and an example: the first "// expect: ID" case of its test file. ID may be written pack/ID.

Options:
  --pack <path>            also load this pack (folder or pack file); repeatable
  --no-builtin             do not load the built-in packs
  --no-config              ignore .hindsight/config.yaml
  --format <fmt>           text (default) or json
  --no-color               no colours

Exit codes: 0 explained, 2 no finding has that id (the nearest ids are suggested).`,
  learn: `Usage: hindsight learn <report> [options]

Run inside the audited repository. Reads an audit report and writes one finding per reported issue into a
workspace pack: title, severity, description, recommendation, a reference to the report, and a pattern
generalised from the code the finding links to, with that code as its first test case. A finding whose code
cannot become a precise pattern is written as a draft (not run) with the reason. Findings you edited since
they were learned are never overwritten; learning from the same report again updates only untouched ones.

Layouts: Code4rena, Sherlock (classic and 2024), Cyfrin/Solodit Markdown, findings tables (ID | Title |
Severity | Description | Recommendation), Solodit JSON exports, and community reports (a bug-bounty
disclosure or GitHub issue saved as Markdown, with "Severity: High"). Code links: GitHub blob URLs
(read at the linked commit with git when it is in the local repository), src/X.sol#L10-L20 and X.sol:10.
Nothing is fetched from the network.

Options:
  --pack <dir>             the pack folder (default .hindsight/packs/learned)
  --root <dir>             the audited checkout (default: the current folder)
  --format <fmt>           read the report as: ${'code4rena, sherlock, cyfrin, table, solodit-json, community'}
                           (default: recognised from the report)
  --prefix <P>             prefix of the finding ids, e.g. ACME gives ACME-H-01 (default: from the file name)
  --url <url>              the report's public address, for findings whose report does not say
  --dry-run                read and learn, write nothing
  --json                   print what was learned as JSON
  --no-color               no colours

Exit codes: 0 every finding learned and running (or already in the pack), 1 some were written as drafts or
kept as you edited them (review them), 2 usage error, a report that cannot be read (file:line: why) or a
broken pack file.`,
  pack: `Usage: hindsight pack <command> ...

Commands:
  hindsight pack test <dir|name...> [--only ID]   run each finding against its annotated test file
  hindsight pack validate <dir|file|name...>      load packs and print every problem as file:line:col
  hindsight pack new <dir> [--name n] [--npm]      scaffold a pack that passes its tests as is
  hindsight pack docs <dir|file|name> [-o file]   Markdown catalogue of a pack

A built-in pack may be named instead of a path: hindsight pack docs hindsight-core.
Run "hindsight pack <command> --help" for a command's options.`,
  'pack test': `Usage: hindsight pack test <dir|name...> [options]

Runs each finding of the packs against its test file (tests/<ID>.sol): lines after "// expect: ID" must be
reported, lines after "// ok: ID" must not, and a finding with a fix must turn the file into <ID>.fixed.sol.

Options:
  --only <ID>              run only this finding; repeatable
  --no-color               no colours

Exit codes: 0 every finding passes, 1 a finding fails or a pack has errors, 2 a path holds no pack.`,
  'pack validate': `Usage: hindsight pack validate <dir|file|name...> [options]

Loads packs and prints every problem as file:line:col: severity: message, then one status line per pack.

Options:
  --no-color               no colours

Exit codes: 0 valid (warnings allowed), 1 a pack has errors, 2 a path holds no pack.`,
  'pack new': `Usage: hindsight pack new <dir> [options]

Creates a pack folder with one example finding and its annotated test; it passes "hindsight pack test" as is.

Options:
  --name <name>            pack name (default: the folder name)
  --npm                    also write a package.json to publish it as hindsight-pack-<name>

Exit codes: 0 created, 2 the folder is not empty or the name is not valid.`,
  'pack docs': `Usage: hindsight pack docs <dir|file|name> [options]

Writes a Markdown catalogue of a pack: a summary table, then each finding with its description,
recommendation, pattern, fix and references. A built-in pack may be named: hindsight pack docs hindsight-core.

Options:
  -o, --output <file>      write to a file instead of stdout

Exit codes: 0 written, 1 the pack has errors (the catalogue is still written), 2 no pack there.`,
  lsp: `Usage: hindsight lsp --stdio

Runs the Hindsight language server (the one the VS Code extension runs) for any LSP client: Neovim, Helix,
Emacs, Sublime Text. Transports: --stdio, --node-ipc, --socket=<port>. See docs/lsp.md.`,
  baseline: `Usage: hindsight baseline save [paths...] [options]

Records today's findings as accepted (default .hindsight/baseline.json); "hindsight scan --baseline" then
reports and fails only on findings that are not in it. See docs/continuous-audit.md.

${AUDIT_HELP}`,
  deployed: `Usage: hindsight deployed [options]

Re-audits the deployed commits listed in .hindsight/deployments.yaml with today's packs. See
docs/continuous-audit.md.

${AUDIT_HELP}`,
  review: `Usage: hindsight review record [--by name] [--note text]
       hindsight review status [--interval-days N] [--format text|json]
       hindsight review scope [--since <commit>] [--format text|json] [paths...]
       hindsight review mark <file>[#Contract.function]... [--by name]

Logs periodic reviews in .hindsight/reviews.json and says when the next one is due (status exits 1 then).
scope lists the files and functions a review has to cover: those changed since --since (default: the commit of the
last recorded review; without one, every file), with their findings, who marked them reviewed and the coverage.
mark records that you reviewed files or functions, in .hindsight/reviewed/<you>.json (one file per reviewer); a
mark stops counting when the code it covered changes.
See docs/continuous-audit.md.

${AUDIT_HELP}`,
};
PAGES['baseline save'] = PAGES.baseline;
PAGES['review record'] = PAGES.review;
PAGES['review status'] = PAGES.review;
PAGES['review scope'] = PAGES.review;
PAGES['review mark'] = PAGES.review;

/** The help page of `hindsight <command> [sub]`; the command's own page when the sub-command is unknown. */
export function helpPage(command: string, sub?: string): string | undefined {
  return (sub && PAGES[`${command} ${sub}`]) || PAGES[command];
}

/** True when the arguments ask for help: -h or --help anywhere before a `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
