import { checkPb } from './pb-validator';
import { runPbRule, PbRuleError } from './pb-rules';

export interface PbCommandIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: (p: string) => string;
}

export const PB_USAGE = [
  'usage:',
  '  pb check FILE',
  '  pb allocate FILE [--rule RULE] [--json]',
].join('\n');

/**
 * `pb` command line. `argv` is what follows the word `pb` (a leading "pb" is tolerated):
 *   ["check", FILE] | ["allocate", FILE, "--rule", RULE?, "--json"?]  (options in any order,
 *   `--rule=RULE` also accepted). Exit codes: 0 ok; 1 invalid file / rule failed; 2 usage or
 *   unreadable file. `--json` prints exactly one line
 *   {"rule": "...", "budget": N, "winners": ["id", ...], "cost": N}.
 */
export function runPbCommand(argv: readonly string[], io: PbCommandIo): number {
  const args = argv[0] === 'pb' ? argv.slice(1) : [...argv];
  const [command, ...rest] = args;
  let rule: string | undefined;
  let json = false;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') json = true;
    else if (a === '--rule') {
      rule = rest[++i];
      if (rule === undefined) return usage(io, '--rule needs a value');
    } else if (a.startsWith('--rule=')) rule = a.slice('--rule='.length);
    else if (a.startsWith('--')) return usage(io, `unknown option ${a}`);
    else positional.push(a);
  }
  if ((command !== 'check' && command !== 'allocate') || positional.length !== 1) return usage(io);
  if (command === 'check' && (rule !== undefined || json))
    return usage(io, 'check takes only FILE');
  const path = positional[0];
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    io.stderr(`pb: cannot read ${path}: ${(e as Error).message}\n`);
    return 2;
  }
  const checked = checkPb(text);
  if (command === 'check') {
    for (const issue of checked.issues) {
      io.stdout(`${path}:${issue.line}: ${issue.severity} [${issue.code}] ${issue.message}\n`);
    }
    const errors = checked.issues.filter((i) => i.severity === 'error').length;
    const warnings = checked.issues.length - errors;
    io.stdout(
      `${path}: ${errors === 0 ? 'valid' : 'INVALID'} (${errors} error(s), ${warnings} warning(s))\n`,
    );
    return errors === 0 ? 0 : 1;
  }
  const fatal = checked.issues.filter(
    (i) =>
      i.severity === 'error' &&
      ['missing_section', 'missing_column', 'section_order', 'csv_quoting'].includes(i.code),
  );
  if (fatal.length > 0) {
    for (const issue of fatal) io.stderr(`${path}:${issue.line}: ${issue.message}\n`);
    return 1;
  }
  try {
    const out = runPbRule(checked.file, rule);
    if (json) {
      const winners = out.winners.map((w) => JSON.stringify(w)).join(', ');
      io.stdout(
        `{"rule": ${JSON.stringify(out.rule)}, "budget": ${out.budget}, "winners": [${winners}], "cost": ${out.cost}}\n`,
      );
    } else {
      io.stdout(
        `rule: ${out.rule}\nbudget: ${out.budget}\nwinners (${out.winners.length}): ${out.winners.join(', ')}\ncost: ${out.cost}\n`,
      );
    }
    return 0;
  } catch (e) {
    if (
      e instanceof PbRuleError ||
      (e instanceof Error && /Allocation|Knapsack|Unsupported/.test(e.name))
    ) {
      io.stderr(`pb: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function usage(io: PbCommandIo, why?: string): number {
  io.stderr(`${why ? `pb: ${why}\n` : ''}${PB_USAGE}\n`);
  return 2;
}
