import nx from '@nx/eslint-plugin';

// Module boundaries on two axes: scope:* (bounded context) and type:* (layer).
// Domain libs stay pure: no framework, database, queue or mail imports.
const frameworkBans = [
  'typeorm',
  'bullmq',
  'ioredis',
  'nodemailer',
  'mysql2',
  'better-sqlite3',
  '@nestjs/*',
  'express',
  'handlebars',
];

// The bounded contexts, lowest first, and what each may import (besides scope:shared and the pure
// decision engines). A context depends only downward; a lower context that must react to a higher one
// does so through a domain event (@gv/database). docs/ARCHITECTURE.md draws this graph.
const CONTEXT_DEPS = {
  places: [],
  audit: [],
  notifications: ['audit'],
  accounts: ['audit', 'notifications', 'places'],
  organisations: ['audit', 'notifications', 'places', 'accounts'],
  needs: ['audit', 'notifications', 'places'],
  calls: ['audit', 'notifications', 'places', 'accounts', 'needs'],
  proposals: ['audit', 'notifications', 'places', 'accounts', 'organisations', 'needs', 'calls'],
  screening: [
    'audit',
    'notifications',
    'places',
    'accounts',
    'organisations',
    'needs',
    'calls',
    'proposals',
  ],
  panels: [
    'audit',
    'notifications',
    'places',
    'accounts',
    'organisations',
    'needs',
    'calls',
    'proposals',
  ],
  roadshows: [
    'audit',
    'notifications',
    'places',
    'accounts',
    'organisations',
    'needs',
    'calls',
    'proposals',
    'screening',
    'panels',
  ],
  reviews: [
    'audit',
    'notifications',
    'places',
    'accounts',
    'organisations',
    'needs',
    'calls',
    'proposals',
    'screening',
    'panels',
    'roadshows',
  ],
  funding: [
    'audit',
    'notifications',
    'places',
    'accounts',
    'organisations',
    'needs',
    'calls',
    'proposals',
    'screening',
    'panels',
    'roadshows',
    'reviews',
  ],
  delivery: [
    'audit',
    'notifications',
    'places',
    'accounts',
    'organisations',
    'needs',
    'calls',
    'proposals',
    'screening',
    'panels',
    'roadshows',
    'reviews',
    'funding',
  ],
};
// Pure decision engines (type:domain) any context may use.
const ENGINE_SCOPES = [
  'scope:allocation',
  'scope:placement',
  'scope:reviews',
  'scope:roadshow-engine',
];

const scopeConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...Object.entries(CONTEXT_DEPS).map(([scope, deps]) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [
      'scope:shared',
      ...ENGINE_SCOPES,
      `scope:${scope}`,
      ...deps.map((d) => `scope:${d}`),
    ],
  })),
  // The composition (platform, testing) may use every context; nothing below may use it.
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/.nx', '**/node_modules', '**/var'] },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            ...scopeConstraints,
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:util',
                'type:domain',
              ],
            },
            {
              sourceTag: 'type:bench',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:util',
                'type:domain',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:util',
                'type:domain',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:domain'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: frameworkBans,
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:util',
                'type:domain',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
];
