export interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly fields: string[];
  /** True when the physical line was empty (no fields at all). */
  readonly empty: boolean;
  /** Set when the record has an unterminated quote or stray characters after a quote. */
  readonly problem?: string;
}

/**
 * Splits `;`-separated text into records: CSV quoting with `""` for a quote, quoted fields may
 * contain `;` and newlines; CRLF, LF and lone CR line ends (mixed) are all accepted; a leading
 * UTF-8 BOM is dropped. Never throws.
 */
export function splitRecords(input: string, delimiter = ';'): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let problem: string | undefined;
    let sawAny = false;
    for (;;) {
      if (i >= len) {
        fields.push(field);
        break;
      }
      const ch = text[i];
      if (ch === '"' && field === '') {
        sawAny = true;
        i++;
        let closed = false;
        while (i < len) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            if (c === '\r' && text[i + 1] === '\n') i++;
            line++;
            field += '\n';
            i++;
            continue;
          }
          field += c;
          i++;
        }
        if (!closed) problem = 'unterminated quoted field';
        // characters between the closing quote and the delimiter are kept but reported
        while (i < len && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          problem ??= 'characters after a closing quote';
          field += text[i++];
        }
        continue;
      }
      if (ch === delimiter) {
        sawAny = true;
        fields.push(field);
        field = '';
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        fields.push(field);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        break;
      }
      sawAny = true;
      field += ch;
      i++;
    }
    const empty = !sawAny && fields.length === 1 && fields[0] === '';
    out.push({ line: startLine, fields, empty, ...(problem ? { problem } : {}) });
  }
  return out;
}

/** Quotes a field when it holds the delimiter, a quote or a line break. */
export function quoteField(value: string, delimiter = ';'): string {
  return value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r')
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}
