// `hindsight review scope` and `hindsight review mark`: what a review has to cover (changed since a commit, or
// everything), who marked what reviewed, and the coverage; marks go to .hindsight/reviewed/<reviewer>.json.
import { parseArgs } from 'node:util';
import { configValue, headCommit } from '../audit/git';
import { addMarks } from '../audit/review-marks';
import type { ReviewScope } from '../audit/review-scope';
import { marksFor, workspaceReviewScope } from '../audit/review-scope-io';
import { auditFindingsOf } from '../audit/scan-bridge';
import { type AuditContext, PACK_OPTIONS, UsageProblem, printError, resolveScan, scanWorkspace } from './audit-commands';

export async function runReviewScopeCommand(sub: 'scope' | 'mark', args: string[], ctx: AuditContext): Promise<number> {
  try {
    return sub === 'scope' ? await runScope(args, ctx) : await runMark(args, ctx);
  } catch (err) {
    return printError(err, ctx.io);
  }
}

async function runScope(args: string[], ctx: AuditContext): Promise<number> {
  const { io } = ctx;
  const { values, positionals } = parseArgs({
    args,
    options: { ...PACK_OPTIONS, since: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageProblem(`--format must be text or json (got "${format}")`);
  const team = await resolveScan(io, values);
  const scan = await scanWorkspace(positionals, team, values, io);
  const scope = await workspaceReviewScope(io.cwd, {
    files: scan.files.map((f) => f.file),
    findings: auditFindingsOf(scan, io.cwd),
    since: values.since,
    git: true,
  });
  io.out(format === 'json' ? `${JSON.stringify(scope, null, 2)}\n` : scopeText(scope));
  return 0;
}

function scopeText(scope: ReviewScope): string {
  const lines: string[] = [];
  const pct = (r: number, t: number) => (t ? `${Math.round((100 * r) / t)}%` : '–');
  lines.push(
    scope.since
      ? `Review scope: changed since ${scope.since.slice(0, 12)}${scope.sinceSource === 'last-review' ? ' (the last recorded review)' : ''}`
      : 'Review scope: every file (no commit to compare with: pass --since, or record a review in a git repository)',
  );
  for (const f of scope.files) {
    const by = f.reviewedBy.length ? ` · file reviewed by ${f.reviewedBy.join(', ')}` : '';
    lines.push(
      `  ${f.file} [${f.status}] ${f.reviewed}/${f.total} reviewed (${pct(f.reviewed, f.total)}), ${f.findings} finding${f.findings === 1 ? '' : 's'}${by}`,
    );
    for (const fn of f.functions) {
      const state = fn.reviewedBy.length
        ? `reviewed by ${fn.reviewedBy.join(', ')}`
        : fn.staleBy.length
          ? `changed since reviewed by ${fn.staleBy.join(', ')}`
          : 'not reviewed';
      lines.push(
        `    ${fn.key} (lines ${fn.startLine + 1}-${fn.endLine + 1}) ${state}${fn.findings ? `, ${fn.findings} finding${fn.findings === 1 ? '' : 's'}` : ''}`,
      );
    }
  }
  if (!scope.files.length) lines.push('  nothing changed');
  lines.push(`Coverage: ${scope.coverage.reviewed}/${scope.coverage.total} (${pct(scope.coverage.reviewed, scope.coverage.total)})`);
  return `${lines.join('\n')}\n`;
}

async function runMark(args: string[], ctx: AuditContext): Promise<number> {
  const { io } = ctx;
  const { values, positionals } = parseArgs({ args, options: { by: { type: 'string' } }, allowPositionals: true, strict: true });
  if (!positionals.length) throw new UsageProblem('name the files (or file#Contract.function) you reviewed');
  const by = values.by?.trim() || (await configValue(io.cwd, 'user.name')) || process.env.USER || process.env.USERNAME || 'unknown';
  const marks = await marksFor(io.cwd, positionals, new Date().toISOString(), await headCommit(io.cwd));
  await addMarks(io.cwd, by, marks);
  io.out(`Marked ${marks.map((m) => (m.function ? `${m.file}#${m.function}` : m.file)).join(', ')} reviewed by ${by}.\n`);
  return 0;
}
