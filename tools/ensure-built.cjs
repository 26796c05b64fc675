#!/usr/bin/env node
// Builds dist/ only when a source changed since the last build (npm run cli, start, db:*): a second
// call with nothing changed costs a directory walk, not a TypeScript compile.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const INPUTS = ['apps', 'libs', 'bench'];
const CONFIGS = ['tsconfig.base.json', 'tsconfig.build.json', 'tsconfig.alias.json', 'package-lock.json'];

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

function upToDate() {
  if (!fs.existsSync(stamp)) return false;
  const built = fs.statSync(stamp).mtimeMs;
  const sources = Math.max(
    ...INPUTS.map((d) => newest(path.join(root, d))),
    ...CONFIGS.map((f) => fs.statSync(path.join(root, f)).mtimeMs),
  );
  return sources < built;
}

if (!upToDate()) {
  const started = Date.now();
  execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, new Date(started).toISOString() + '\n');
  // The stamp's time is when the build started: a file saved during the build triggers the next one.
  fs.utimesSync(stamp, new Date(started), new Date(started));
}
