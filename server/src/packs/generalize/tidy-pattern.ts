/** Strips comments (a `//` left in a pattern would swallow the rest of its line once reflowed) and dedents. */
export function tidyPattern(text: string, src: string, from: number): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      i = j < 0 ? text.length : j + 2;
    } else {
      out += c;
      i++;
    }
  }
  // The first line starts at the selection, so its indentation is the one of its source line.
  const lineStart = src.lastIndexOf('\n', from - 1) + 1;
  const firstIndent = /^[ \t]*/.exec(src.slice(lineStart, from))?.[0] ?? '';
  const rawLines = (firstIndent + out).split(/\r?\n/).map((l) => l.replace(/\s+$/, ''));
  const indents = rawLines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return rawLines
    .map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length)))
    .filter((l, idx, all) => l.trim() || (idx > 0 && idx < all.length - 1 && all[idx - 1].trim()))
    .join('\n')
    .trim();
}
