import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';

export const SETUP_USAGE = `usage: cli setup --city 潍坊市 --district 奎文区 --district-en "Kuiwen District"
                 --street 东关街道 --street-en "Dongguan Street"
                 --community weiwan:苇湾社区:Weiwan [--community …]
                 --admin-email admin@example.cn --admin-name 王建国
  The admin's password comes from SETUP_ADMIN_PASSWORD, or is asked for (hidden) on a terminal.
  Missing values are asked for on a terminal; without one, the command lists them and stops.`;

const FIELDS = [
  ['city', 'city', '城市 City'],
  ['district', 'district', '区 District (zh)'],
  ['district-en', 'districtEn', 'District (en)'],
  ['street', 'street', '街道 Street office (zh)'],
  ['street-en', 'streetEn', 'Street office (en)'],
  ['admin-email', 'adminEmail', '管理员邮箱 Admin email'],
  ['admin-name', 'adminName', '管理员姓名 Admin name'],
] as const;

/** The setup input from flags, the environment and (on a terminal) prompts; throws with what is missing. */
export async function readSetupInput(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(FIELDS.map(([flag]) => [flag, { type: 'string' as const }])),
      community: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const v = values as Record<string, string | string[] | undefined>;
  const interactive = process.stdin.isTTY === true;
  const out: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [flag, key, label] of FIELDS) {
    let value = v[flag] as string | undefined;
    if (!value && interactive) value = await ask(`${label}: `);
    if (value) out[key] = value.trim();
    else missing.push(`--${flag}`);
  }
  const communities = (v['community'] as string[] | undefined) ?? [];
  out['communities'] = communities.map((c) => {
    const [code, name, nameEn] = c.split(':');
    return { code, name, nameEn: nameEn ?? name };
  });
  if (!communities.length) missing.push('--community code:名称:Name');
  let password = process.env['SETUP_ADMIN_PASSWORD'];
  if (!password && interactive) password = await ask('管理员密码 Admin password (≥ 12): ', true);
  if (password) out['adminPassword'] = password;
  else missing.push('SETUP_ADMIN_PASSWORD');
  if (missing.length) throw new Error(`setup needs ${missing.join(', ')}\n${SETUP_USAGE}`);
  return out;
}

async function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = hidden;
    return await answer;
  } finally {
    if (hidden) process.stdout.write('\n');
    rl.close();
  }
}
