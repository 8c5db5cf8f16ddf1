// Bad input in a .hindsight file is reported as `file:line:col: message` so editors and terminals can jump to it.
// Lines and columns here are 1-based, as compilers print them.

export class AuditInputError extends Error {
  constructor(
    readonly detail: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(formatLocated(detail, file, line, column));
    this.name = 'AuditInputError';
  }
}

export function formatLocated(message: string, file?: string, line?: number, column?: number): string {
  if (!file) return message;
  if (line === undefined) return `${file}: ${message}`;
  return `${file}:${line}:${column ?? 1}: ${message}`;
}

/** 1-based line and column (UTF-16 units) of a string offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < o; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: o - lineStart + 1 };
}
