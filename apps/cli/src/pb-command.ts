export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => string;
}

export function runPb(_args: string[], io: CliIo): number {
  io.stderr('pb commands are not available yet\n');
  return 2;
}
