// A small line diff for pack test failures: test files are short, so a plain LCS table is fast enough and
// keeps this free of another dependency.

/** Unified-style diff of two texts ('' when equal), with `context` lines around changes and at most `maxLines` lines. */
export function unifiedDiff(expected: string, actual: string, expectedName: string, actualName: string, context = 2, maxLines = 40): string {
  if (expected === actual) return '';
  const a = expected.split('\n');
  const b = actual.split('\n');
  const ops = diffLines(a, b);
  const out: string[] = [`--- ${expectedName}`, `+++ ${actualName}`];
  // Group changes into hunks with context.
  const changed = ops.map((o) => o.kind !== ' ');
  let i = 0;
  while (i < ops.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (changed[j]) end = j;
      else if (j - end > context * 2) break;
    }
    end = Math.min(ops.length - 1, end + context);
    const first = ops[start];
    out.push(`@@ -${first.aLine + 1} +${first.bLine + 1} @@`);
    for (let j = start; j <= end; j++) out.push(`${ops[j].kind}${ops[j].text}`);
    i = end + 1;
    start = i;
  }
  if (out.length > maxLines) return [...out.slice(0, maxLines), `... (${out.length - maxLines} more lines)`].join('\n');
  return out.join('\n');
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  /** 0-based line in a / b at this point. */
  aLine: number;
  bLine: number;
}

function diffLines(a: string[], b: string[]): Op[] {
  // Trim the common prefix and suffix so the table only covers the changed middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: ' ', text: a[k], aLine: k, bLine: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      ops.push({ kind: ' ', text: am[i], aLine: pre + i, bLine: pre + j });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', text: am[i], aLine: pre + i, bLine: pre + j });
      i++;
    } else {
      ops.push({ kind: '+', text: bm[j], aLine: pre + i, bLine: pre + j });
      j++;
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', text: a[a.length - suf + k], aLine: a.length - suf + k, bLine: b.length - suf + k });
  return ops;
}
