// Why: the login page (server) and the login form (client) show the same words for the same refusal.

/** Wrong password or unknown user: one message for both, so no user name is revealed. */
export const BAD_CREDENTIALS_MESSAGE = "Invalid username or password.";

/** next-auth's `TooManyAttempts` error (server/auth/auth-options): the name failed too often lately. */
export const TOO_MANY_ATTEMPTS_MESSAGE = "Too many failed sign-ins for this name. Wait a few minutes and try again.";
