import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { CONTEXTS } from './contexts';
import { ENTITIES } from './schema';
import { NAV } from './view-dirs';

const ROOT = resolve(__dirname, '../../..');

describe('the composed bounded contexts', () => {
  it('each is a lib of its own, tagged with its scope', () => {
    const names = CONTEXTS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const project = JSON.parse(readFileSync(join(ROOT, 'libs', name, 'project.json'), 'utf8'));
      expect(project.tags).toContain(`scope:${name}`);
    }
  });

  it('every entity belongs to exactly one context, and every @Entity is composed', () => {
    expect(new Set(ENTITIES).size).toBe(ENTITIES.length);
    const declared = getMetadataArgsStorage()
      .tables.filter((t) => t.type === 'regular')
      .map((t) => t.target);
    for (const target of declared) expect(ENTITIES).toContain(target);
  });

  it('views and mail folders exist; menu entries are unique and sorted', () => {
    for (const c of CONTEXTS) {
      if (c.viewsDir) expect(existsSync(c.viewsDir)).toBe(true);
      if (c.mailTemplatesDir) expect(existsSync(c.mailTemplatesDir)).toBe(true);
    }
    const hrefs = NAV.map((n) => n.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(NAV.map((n) => n.order)).toEqual([...NAV.map((n) => n.order)].sort((a, b) => a - b));
  });
});
