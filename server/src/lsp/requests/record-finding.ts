// "Record finding from selection" for any client: the selected code generalised into a draft pattern
// (hindsight/generalizeSelection), the places a pattern matches while the reviewer edits it (hindsight/countMatches),
// and the finding written into the folder's local pack with a test case (hindsight/recordFinding). The pack
// generaliser, counter and writer are the CLI's (server/src/packs/generalize): clients only ask the questions.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { FindingDefinition } from '../../engine/finding';
import { SEVERITIES } from '../../shared/types';
import { isOwaspCategory, OWASP_CODES } from '../../shared/owasp';
import {
  appendFindingToPack,
  countMatches,
  generalizeSelection,
  guessOwasp,
  LOCAL_PACK_DIR,
  nextFindingId,
  type GeneralizedPattern,
} from '../../packs/generalize';
import { pathToUri, uriToPath, type Folder } from '../../project/workspace';
import {
  CountMatchesRequest,
  GeneralizeSelectionRequest,
  RecordFindingRequest,
  type FindingDraft,
  type MatchCountInfo,
  type RecordFindingParams,
  type RecordFindingResult,
  type SelectionParams,
} from '../../shared/protocol';
import { guarded, RequestProblem, type RequestContext } from './context';
import { ParsedWorkspace } from './parsed-workspace';

const ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

export function registerRecordFindingRequests(connection: Connection, ctx: RequestContext): void {
  const workspace = new ParsedWorkspace(ctx);
  connection.onRequest(
    GeneralizeSelectionRequest,
    guarded(connection, GeneralizeSelectionRequest.method, async (p): Promise<FindingDraft | { error: string }> => {
      await ctx.ready();
      const { text, folder } = await selectionSource(ctx, p);
      const gen = generalizeSelection(text, p.range);
      if ('error' in gen) return { error: gen.error };
      const packFile = localPackFile(folder);
      const draft: FindingDraft = {
        pattern: gen.pattern,
        exact: gen.exact,
        kept: gen.kept,
        range: gen.range,
        contract: gen.contract,
        function: gen.function,
        packFile: pathToUri(packFile),
        nextId: nextFindingId(packFile),
      };
      if (p.count) {
        const inputs = await workspace.inputs();
        draft.counts = { pattern: summary(countMatches(gen.pattern, inputs)), exact: summary(countMatches(gen.exact, inputs)) };
      }
      return draft;
    }),
  );
  connection.onRequest(
    CountMatchesRequest,
    guarded(connection, CountMatchesRequest.method, async (p): Promise<MatchCountInfo> => {
      await ctx.ready();
      if (typeof p?.pattern !== 'string') throw new RequestProblem('the request needs "pattern"');
      return summary(countMatches(p.pattern, await workspace.inputs()));
    }),
  );
  connection.onRequest(
    RecordFindingRequest,
    guarded(connection, RecordFindingRequest.method, async (p): Promise<RecordFindingResult> => {
      await ctx.ready();
      const { text, folder, file } = await selectionSource(ctx, p);
      const gen = generalizeSelection(text, p.range);
      if ('error' in gen) throw new RequestProblem(`cannot record a finding from this selection: ${gen.error}`);
      const packFile = localPackFile(folder);
      const result = appendFindingToPack(packFile, definition(p, gen, folder, file), { source: text, range: gen.range });
      // The workspace has a new test file, and the reviewer may go on editing: count from fresh parses next time.
      workspace.drop();
      return {
        packFile: pathToUri(result.packFile),
        testFile: pathToUri(result.testFile),
        version: result.version,
        selectionMatched: result.selectionMatched,
        hasOkCase: result.hasOkCase,
      };
    }),
  );
}

/** The selection's text and the folder whose local pack it goes to (its own, else the first). */
async function selectionSource(ctx: RequestContext, p: SelectionParams): Promise<{ text: string; folder: Folder; file: string | null }> {
  if (typeof p?.uri !== 'string' || !isRange(p.range)) throw new RequestProblem('the request needs "uri" and "range"');
  const folder = ctx.folders.of(p.uri) ?? ctx.folders.all()[0];
  if (!folder) throw new RequestProblem('open a folder first: recorded findings go into its .hindsight/packs/local pack');
  const text = typeof p.text === 'string' ? p.text : await ctx.textOf(p.uri);
  if (text === null) throw new RequestProblem(`cannot read ${p.uri}`);
  return { text, folder, file: uriToPath(p.uri) };
}

function localPackFile(folder: Folder): string {
  return path.join(folder.path, LOCAL_PACK_DIR, 'pack.yaml');
}

/** The reviewer's answers as a finding; what the pack format would reject is refused here, with the field's name. */
function definition(p: RecordFindingParams, gen: GeneralizedPattern, folder: Folder, file: string | null): FindingDefinition {
  const text = (v: unknown, what: string): string => {
    if (typeof v !== 'string' || !v.trim()) throw new RequestProblem(`"${what}" is required`);
    return v.trim();
  };
  const id = text(p.id, 'id');
  if (!ID.test(id)) throw new RequestProblem(`"id" must be upper-case words and digits joined by dashes, e.g. TEAM-001 (got ${id})`);
  if (!SEVERITIES.includes(p.severity)) throw new RequestProblem(`"severity" must be one of ${SEVERITIES.join(', ')}`);
  const reference = text(p.reference, 'reference');
  if (!/^https?:\/\/\S+$/.test(reference)) throw new RequestProblem(`"reference" must be an http(s) address (got ${reference})`);
  const title = text(p.title, 'title');
  const description = text(p.description, 'description');
  if (p.owasp !== undefined && !isOwaspCategory(p.owasp)) throw new RequestProblem(`"owasp" must be one of ${OWASP_CODES.join(', ')} (got ${String(p.owasp)})`);
  const rel = file ? path.relative(folder.path, file) : '';
  const shown = file && rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : (file ?? p.uri);
  const where = `${shown}:${p.range.start.line + 1}`;
  const inside = gen.contract ? ` (${[gen.contract, gen.function].filter(Boolean).join('.')})` : '';
  return {
    id,
    title,
    severity: p.severity,
    confidence: 'medium',
    category: 'local',
    owasp: p.owasp ?? guessOwasp(title, description),
    description: `${description}\n\nRecorded from ${where}${inside}.`,
    recommendation: text(p.recommendation, 'recommendation'),
    references: [{ title, url: reference }],
    match: { pattern: text(p.pattern, 'pattern') },
  };
}

function summary(c: ReturnType<typeof countMatches>): MatchCountInfo {
  return { total: c.total, files: c.files.length, ...(c.error ? { error: c.error.message } : {}) };
}

function isRange(r: unknown): r is SelectionParams['range'] {
  const pos = (x: unknown) =>
    typeof x === 'object' && x !== null && typeof (x as { line: unknown }).line === 'number' && typeof (x as { character: unknown }).character === 'number';
  return typeof r === 'object' && r !== null && pos((r as { start: unknown }).start) && pos((r as { end: unknown }).end);
}
