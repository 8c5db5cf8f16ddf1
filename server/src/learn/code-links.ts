// Links from a report to code, in the three shapes reports use: GitHub blob URLs
// (`https://github.com/org/repo/blob/<sha>/src/X.sol#L10-L20`), paths with a line anchor (`src/X.sol#L10`) and
// `file:line` (`X.sol:10`, `X.sol:10-20`). Only Solidity files count: a link to a test in another language or to
// an issue is a reference, not code to learn from.
import type { CodeLink } from './types';

const BLOB = /^https?:\/\/github\.com\/[^/\s]+\/[^/\s]+\/(?:blob|tree)\/([^/\s]+)\/([^#?\s]+\.sol)(?:\?[^#\s]*)?(?:#L(\d+)(?:C\d+)?(?:-L?(\d+)(?:C\d+)?)?)?$/;
const PATH_ANCHOR = /^(?:\.\/)?([\w@.-][\w@./-]*\.sol)(?:#L(\d+)(?:-L?(\d+))?|:(\d+)(?:-(\d+))?)?$/;
const IN_TEXT = /(?<![\w/.-])((?:\.\/)?[\w@.-][\w@./-]*\.sol)(?:#L(\d+)(?:-L?(\d+))?|:(\d+)(?:-(\d+))?)(?![\w-])/g;

/** A link target (href) as a code link, or undefined when it does not point at Solidity code. */
export function parseCodeLink(href: string, reportLine: number): CodeLink | undefined {
  const blob = BLOB.exec(href.trim());
  if (blob) return withLines({ text: href, path: decodeURIComponent(blob[2]), ref: blob[1], reportLine }, blob[3], blob[4]);
  if (/^[a-z]+:/i.test(href)) return undefined;
  const local = PATH_ANCHOR.exec(href.trim());
  if (!local) return undefined;
  return withLines({ text: href, path: local[1].replace(/^\.\//, ''), reportLine }, local[2] ?? local[4], local[3] ?? local[5]);
}

/** `src/X.sol#L10`, `X.sol:10-20` in running text (only with a line: a bare file name is prose, not a link). */
export function codeLinksInText(text: string, firstLine: number): CodeLink[] {
  const out: CodeLink[] = [];
  for (const m of text.matchAll(IN_TEXT)) {
    const line = firstLine + (text.slice(0, m.index).match(/\n/g)?.length ?? 0);
    // A URL's tail (…/blob/main/src/X.sol#L3) is the URL's, read by parseCodeLink.
    if (/:\/\/\S*$/.test(text.slice(0, m.index))) continue;
    out.push(withLines({ text: m[0], path: m[1].replace(/^\.\//, ''), reportLine: line }, m[2] ?? m[4], m[3] ?? m[5]));
  }
  return out;
}

function withLines(link: CodeLink, start: string | undefined, end: string | undefined): CodeLink {
  if (start === undefined) return link;
  const s = Number(start);
  const e = end === undefined ? s : Number(end);
  return { ...link, startLine: Math.min(s, e), endLine: Math.max(s, e) };
}

/** Whether a link's ref is a commit (hex, 7 to 40 digits) rather than a branch or tag such as `main`. */
export function isCommitRef(ref: string | undefined): ref is string {
  return !!ref && /^[0-9a-f]{7,40}$/i.test(ref);
}
