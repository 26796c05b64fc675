import { runPbCommand } from '@gv/pabulib';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => string;
}

/** `cli pb check FILE` and `cli pb allocate FILE [--rule RULE] [--json]` (args after "pb"). */
export function runPb(args: string[], io: CliIo): number {
  return runPbCommand(args, io);
}
