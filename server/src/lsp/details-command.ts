// "Show details" in any editor. The VS Code client runs `hindsight.showFindingDetails` itself and opens its
// details view; other clients (Neovim, Emacs, Helix) send a code action's command back to the server with
// workspace/executeCommand, so the server answers it: it shows the details with window/showMessage, which every
// client displays, and returns them with their markdown for clients that render a command's result. It is not
// listed in executeCommandProvider: vscode-languageclient would then register the command as well and collide
// with the extension's own.
import { MessageType } from 'vscode-languageserver/node';
import type { Finding } from '../engine/finding';
import type { FindingDetails } from '../shared/protocol';
import type { ServerContext } from './context';
import { findingMarkdown } from './hover';
import { owaspLabel, referenceSource } from '../shared/owasp';

export interface ShownFindingDetails extends FindingDetails {
  /** The same text as the hover, as markdown. */
  markdown: string;
}

export async function showFindingDetails(
  ctx: ServerContext,
  arg: unknown,
  detailsOf: (findingId: string, pack?: string) => FindingDetails | null,
): Promise<ShownFindingDetails | null> {
  const a = arg as { findingId?: unknown; pack?: unknown } | undefined;
  if (!a || typeof a.findingId !== 'string') throw new Error('hindsight.showFindingDetails expects [{ findingId, pack?, uri?, fingerprint? }]');
  const pack = typeof a.pack === 'string' ? a.pack : undefined;
  const details = detailsOf(a.findingId, pack);
  const finding = (pack ? ctx.state.packs.finding(pack, a.findingId) : undefined) ?? ctx.state.packs.findingById(a.findingId);
  if (!details || !finding) {
    await ctx.state.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: `Hindsight: no loaded pack has ${a.findingId}` });
    return null;
  }
  await ctx.state.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: findingDetailsText(finding) });
  return { ...details, markdown: findingMarkdown(finding) };
}

/** The details as plain text: showMessage renders no markdown. */
export function findingDetailsText(f: Finding): string {
  const lines = [
    `${f.id} (${f.severity}, ${f.category}): ${f.title}`,
    ...(f.owasp ? [`OWASP: ${owaspLabel(f.owasp)}`] : []),
    '',
    oneParagraph(f.description),
    '',
    `Recommendation: ${oneParagraph(f.recommendation)}`,
  ];
  if (f.references.length) {
    lines.push('', 'References:');
    for (const r of f.references) {
      const source = referenceSource(r);
      lines.push(`  ${[r.swc, r.title].filter(Boolean).join(' ')}${source ? ` (${source})` : ''}${r.swc || r.title || source ? ': ' : ''}${r.url}`);
    }
  }
  lines.push('', `To ignore it here: // hindsight-ignore-next-line ${f.id}: <reason>`);
  return lines.join('\n');
}

function oneParagraph(s: string): string {
  return s.trim().replace(/\s*\n\s*/g, ' ');
}
