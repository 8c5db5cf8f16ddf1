// How alerts are shown: text lines (default), JSON (an array, or one object per line when following), SARIF for
// the audit-aware ones (each at the flagged finding's source line), and an opt-in webhook that Slack and Discord
// both accept (`text` for one, `content` for the other).
import type { Alert } from './types';

const COLOUR: Record<string, string> = { critical: '\x1b[35m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };

export function alertLine(a: Alert, colour = false): string {
  const sev = colour ? `${COLOUR[a.severity] ?? ''}${a.severity}\x1b[0m` : a.severity;
  const where = a.finding ? ` [${a.finding.file}:${a.finding.line}]` : '';
  const how = a.seenVia
    ? ` (seen in ${a.seenVia === 'transaction' ? 'the transaction input' : a.seenVia === 'proxy' ? 'a call through the proxy' : 'a call trace'})`
    : '';
  const tx = a.transaction ? ` tx ${a.transaction}` : '';
  return `${a.deployment} ${a.chain} block ${a.block}${tx}: ${sev} ${a.monitor}: ${a.message}${where}${how}`;
}

export function alertsSarif(alerts: readonly Alert[], tool: { name: string; version: string; informationUri: string }): object {
  const flagged = alerts.filter((a) => a.finding);
  const rules = [...new Map(flagged.map((a) => [a.finding!.id, { id: a.finding!.id, shortDescription: { text: a.finding!.title } }])).values()];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, informationUri: tool.informationUri, rules } },
        results: flagged.map((a) => ({
          ruleId: a.finding!.id,
          level: a.severity === 'critical' || a.severity === 'high' ? 'error' : a.severity === 'medium' ? 'warning' : 'note',
          message: { text: `On chain: ${a.message}` },
          locations: [
            { physicalLocation: { artifactLocation: { uri: a.finding!.file }, region: { startLine: a.finding!.line, startColumn: a.finding!.column } } },
          ],
          properties: {
            deployment: a.deployment,
            chain: a.chain,
            address: a.address,
            block: a.block,
            transaction: a.transaction,
            function: a.function,
            seenVia: a.seenVia,
            reverted: a.reverted,
          },
        })),
      },
    ],
  };
}

/** POSTs the alerts; failures are retried with backoff, then reported (never with the URL, which is a secret). */
export async function postWebhook(url: string, alerts: readonly Alert[], fetchImpl: typeof fetch = fetch): Promise<string | undefined> {
  if (!alerts.length) return undefined;
  const text = alerts.map((a) => alertLine(a)).join('\n');
  const body = JSON.stringify({ text, content: text.slice(0, 1900), alerts });
  let last = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
      if (res.ok) return undefined;
      last = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429) break;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
  }
  return `webhook failed: ${last}`;
}
