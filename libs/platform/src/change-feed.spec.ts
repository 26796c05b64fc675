import { SESSION_TOUCH } from '@gv/core';
import { changesOf } from './change-feed';

describe('changesOf', () => {
  it('sees page content in every write but bookkeeping', () => {
    expect(changesOf('UPDATE `call` SET `title` = ? WHERE `id` = ?')).toEqual(['content']);
    expect(changesOf('INSERT INTO "proposal"("title") VALUES (?)')).toEqual(['content']);
    expect(changesOf('TRUNCATE TABLE `need`')).toEqual(['content']);
    expect(changesOf('INSERT INTO `audit_log`(`action`) VALUES (?)')).toEqual([]);
    expect(changesOf('SELECT * FROM `call`')).toEqual([]);
  });

  it('sees revocations: a session deleted or changed, a user changed; not a sign-in or its touch', () => {
    expect(changesOf('DELETE FROM `auth_session` WHERE `tokenHash` = ?')).toEqual(['sessions']);
    expect(changesOf('UPDATE `auth_session` SET `expiresAt` = ?')).toEqual(['sessions']);
    expect(changesOf('UPDATE `user` SET `active` = ? WHERE `id` = ?')).toEqual([
      'content',
      'sessions',
    ]);
    expect(changesOf('INSERT INTO `auth_session`(`tokenHash`) VALUES (?)')).toEqual([]);
    expect(
      changesOf(`/* ${SESSION_TOUCH} */ UPDATE \`auth_session\` SET \`lastSeenAt\` = ?`),
    ).toEqual([]);
    expect(changesOf('/* other */ DELETE FROM `auth_session`')).toEqual(['sessions']);
  });
});
