import { Actor, Locale } from './request-context';
import { Role } from './roles';

/** The signed-in user as the guard attaches it to the request (`req.user`). */
export interface SessionUser extends Actor {
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  sessionKind: 'web' | 'api';
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    locale: Locale;
    correlationId: string;
    sessionToken?: string;
  }
}
