/**
 * Text that a spreadsheet could read as a formula (OWASP "CSV injection": a cell starting with
 * `= + - @`, a tab or a carriage return) gets a leading apostrophe, so it is shown, never evaluated.
 * Apply to every user-written string written into an export.
 */
export function neutraliseFormula(value: string | null | undefined): string {
  const s = value ?? '';
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
