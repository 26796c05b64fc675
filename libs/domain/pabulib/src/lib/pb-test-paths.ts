import * as path from 'node:path';

/** Test helper: the repository root and the shared pabulib folder beside it (never copied in). */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');
export const PABULIB_DIR = path.resolve(REPO_ROOT, '../shared/pabulib');
