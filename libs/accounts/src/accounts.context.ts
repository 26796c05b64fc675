import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import { accountsMessages } from './accounts.messages';
import { AccountsHttpModule, AccountsModule } from './accounts.module';
import { seedAccounts } from './accounts.seed';
import { AuthSession } from './entities/auth-session.entity';
import { Invitation } from './entities/invitation.entity';
import { PasswordReset } from './entities/password-reset.entity';
import { User } from './entities/user.entity';
import { AccountsError } from './accounts.errors';

/** 账号: users and roles, sign-in sessions, invitations, password resets by mailed link. */
export const accountsContext = defineContext({
  name: 'accounts',
  module: AccountsModule,
  httpModule: AccountsHttpModule,
  entities: [User, AuthSession, Invitation, PasswordReset],
  errors: AccountsError,
  messages: accountsMessages,
  viewsDir: fromRoot('libs/accounts/views'),
  seed: seedAccounts,
  nav: [
    { label: 'nav.home', href: '/', audience: 'all', order: 0 },
    {
      label: 'nav.users',
      href: '/admin/users',
      audience: [Role.StreetAdmin],
      order: 80,
      group: 'admin',
    },
    {
      label: 'nav.account',
      href: '/account/password',
      audience: 'signed-in',
      order: 95,
      group: 'account',
    },
  ],
});
