// The finding details view: a webview without scripts (CSP forbids them) that shows the description,
// recommendation, references as links, the matched code and the triage history of one occurrence.
import * as vscode from 'vscode';
import type { FindingDetails } from '../../server/src/shared/protocol';
import { owaspLabel, referenceSource } from '../../server/src/shared/owasp';
import { Item, SEVERITY_LABELS, toVsRange } from './findingsModel';
import { relPath } from './findingsTree';
import { TRIAGE_LABELS, type TriageEntry } from './triage/triageFile';

export interface DetailsInput {
  findingId: string;
  pack: string;
  details: FindingDetails | null;
  item?: Item;
  code?: string;
  triage?: TriageEntry;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only http(s) links are clickable: a pack is data, and a `command:` or `file:` link must not be. */
function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function paragraphs(text: string): string {
  return (
    text
      .trim()
      .split(/\n\s*\n/)
      // Pack prose uses `code` spans; everything else stays plain text (escaped first, so nothing else is markup).
      .map((p) => `<p>${escapeHtml(p.trim()).replace(/`([^`\n]+)`/g, '<code>$1</code>')}</p>`)
      .join('\n')
  );
}

export function renderDetailsHtml(input: DetailsInput, cspSource: string): string {
  const d = input.details;
  const item = input.item;
  const title = d?.title ?? item?.title ?? input.findingId;
  const severity = d?.severity ?? item?.severity;
  const description = d?.description ?? item?.rule?.description ?? item?.message ?? '';
  const recommendation = d?.recommendation ?? item?.rule?.recommendation ?? '';
  const references = d?.references ?? item?.rule?.references ?? [];
  const meta = [
    severity ? `<span class="sev sev-${severity}">${SEVERITY_LABELS[severity]}</span>` : '',
    (d?.confidence ?? item?.confidence) ? `${escapeHtml(d?.confidence ?? item!.confidence)} confidence` : '',
    (d?.category ?? item?.category) ? escapeHtml(d?.category ?? item!.category) : '',
    (d?.owasp ?? item?.owasp) ? `<span class="owasp">OWASP ${escapeHtml(owaspLabel(d?.owasp ?? item?.owasp))}</span>` : '',
    d
      ? `pack ${escapeHtml(d.pack.name)} ${escapeHtml(d.pack.version)}`
      : item?.source === 'imported'
        ? `imported from ${escapeHtml(item.tool ?? 'SARIF')}`
        : '',
  ].filter(Boolean);
  const refs = references
    .map((r) => {
      const label = escapeHtml([r.swc, r.title].filter(Boolean).join(' — ') || r.url);
      const url = safeUrl(r.url);
      const source = referenceSource(r) ? ` <span class="muted">(${escapeHtml(referenceSource(r))})</span>` : '';
      return url ? `<li><a href="${escapeHtml(url)}">${label}</a>${source}</li>` : `<li>${label} (${escapeHtml(r.url)})${source}</li>`;
    })
    .join('\n');
  const location = item
    ? `${escapeHtml(relPath(item.uri))}:${item.range.start.line + 1}${item.contract ? ` in ${escapeHtml([item.contract, item.function].filter(Boolean).join('.'))}` : ''}`
    : '';
  const history = input.triage?.history ?? [];
  const historyHtml = history.length
    ? `<table><thead><tr><th>When</th><th>Who</th><th>Status</th><th>Comment</th></tr></thead><tbody>${history
        .map(
          (h) =>
            `<tr><td>${escapeHtml(h.date.replace('T', ' ').replace(/\..*$/, ''))}</td><td>${escapeHtml(h.author)}</td><td>${escapeHtml(TRIAGE_LABELS[h.status])}</td><td>${escapeHtml(h.comment)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">Not triaged yet (open).</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(input.findingId)}</title>
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.2em 2em; line-height: 1.5; max-width: 60em; }
  h1 { font-size: 1.4em; margin-bottom: 0.2em; }
  h2 { font-size: 1.05em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 0.2em; }
  .meta { color: var(--vscode-descriptionForeground); }
  .meta > span + span::before { content: " · "; }
  .sev { font-weight: 600; }
  .sev-critical, .sev-high { color: var(--vscode-errorForeground); }
  .sev-medium { color: var(--vscode-editorWarning-foreground); }
  .sev-low, .sev-info { color: var(--vscode-editorInfo-foreground); }
  code, pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  pre { background: var(--vscode-textCodeBlock-background); padding: 0.8em; overflow-x: auto; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: 0.2em 0.8em 0.2em 0; vertical-align: top; }
  .muted { color: var(--vscode-descriptionForeground); }
  a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="meta"><span><code>${escapeHtml(input.findingId)}</code></span>${meta.map((m) => `<span>${m}</span>`).join('')}</div>
${d === null && item?.source !== 'imported' ? '<p class="muted">This finding is not in any loaded pack any more (reload packs?).</p>' : ''}
<h2>Description</h2>
${description ? paragraphs(description) : '<p class="muted">No description.</p>'}
<h2>Recommendation</h2>
${recommendation ? paragraphs(recommendation) : '<p class="muted">No recommendation.</p>'}
${d?.fix ? `<p>Quick fix available: <strong>${escapeHtml(d.fix.title)}</strong>${d.fix.safe ? ' (safe)' : ' (review the change)'}</p>` : ''}
<h2>References</h2>
${refs ? `<ul>${refs}</ul>` : '<p class="muted">None.</p>'}
${item ? `<h2>Matched code</h2>\n<p class="muted">${location}</p>\n<pre><code>${escapeHtml(input.code ?? '')}</code></pre>` : ''}
${item ? `<h2>Triage</h2>\n<p>Status: <strong>${escapeHtml(TRIAGE_LABELS[item.triage])}</strong>${input.triage?.comment ? ` — ${escapeHtml(input.triage.comment)}` : ''}</p>\n${historyHtml}` : ''}
</body>
</html>`;
}

export class DetailsView implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private current?: DetailsInput;

  show(input: DetailsInput): vscode.WebviewPanel {
    this.current = input;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'hindsight.details',
        '',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: false,
          enableCommandUris: false,
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.title = `${input.findingId}: ${input.details?.title ?? input.item?.title ?? 'details'}`;
    this.panel.webview.html = renderDetailsHtml(input, this.panel.webview.cspSource);
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    return this.panel;
  }

  get shown(): DetailsInput | undefined {
    return this.panel ? this.current : undefined;
  }

  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** The matched code of an occurrence, read from the open document or from disk. */
export async function matchedCode(item: Item): Promise<string> {
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(item.uri));
    const r = toVsRange(item.matchRange ?? item.range);
    const full = new vscode.Range(r.start.line, 0, r.end.line, doc.lineAt(Math.min(r.end.line, doc.lineCount - 1)).text.length);
    return dedent(doc.getText(full));
  } catch {
    return '';
  }
}

function dedent(text: string): string {
  const lines = text.split(/\r?\n/);
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
