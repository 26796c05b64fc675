/** Minutes a mailed "forgot password" link stays valid. */
export const PASSWORD_RESET_MINUTES = 30;

/**
 * Reset mails asked for one email address per hour. Counted for every address typed, whether an
 * account has it or not, so the 429 says nothing about which addresses are registered.
 */
export const PASSWORD_RESETS_PER_EMAIL_PER_HOUR = 3;

/** Used, revoked or expired reset rows are purged (with expired sessions) once this old. */
export const PASSWORD_RESET_KEEP_DAYS = 7;
