// Why: passwords are stored only as argon2id hashes, and checking one must take the same time whether or not the user exists.

import { randomBytes } from "node:crypto";
import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";
import { CauseType, type StatusCause } from "@/core/api/errors";

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest password accepted (argon2 hashes any length; this only bounds the work an attacker can ask for). */
export const MAX_PASSWORD_LENGTH = 1024;

/** argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane); `Algorithm.Argon2id` is an ambient const enum, hence the literal. */
const OPTIONS: Options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Problems with `password` as a new password (field `password`). */
export function passwordProblems(password: string): StatusCause[] {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [{ reason: CauseType.Invalid, message: `Invalid value: "<hidden>": must be at least ${MIN_PASSWORD_LENGTH} characters`, field: "password" }];
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return [{ reason: CauseType.TooLong, message: `Too long: may not be more than ${MAX_PASSWORD_LENGTH} characters`, field: "password" }];
  }
  return [];
}

/** The argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`) of `password`, with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * Hashes and verifies passwords. `verify` with no stored hash (unknown user, OIDC-only user)
 * still runs one argon2 verification against a dummy hash of the same cost, so the answer
 * takes as long as for a real user and timing does not reveal who exists. argon2's own
 * comparison of the digests is constant-time.
 */
export class PasswordHasher {
  private dummy?: Promise<string>;

  /** A hash of a random secret, made once, with the same parameters as real hashes. */
  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(32).toString("base64url"));
    return this.dummy;
  }

  /** Prepares the dummy hash ahead of the first login with an unknown name. */
  warmUp(): Promise<void> {
    return this.dummyHash().then(() => undefined);
  }

  /** True when `password` matches `stored`; false (after the same work) when `stored` is null or malformed, or the password is longer than any accepted one. */
  async verify(stored: string | null | undefined, password: string): Promise<boolean> {
    const usable = typeof stored === "string" && stored.startsWith("$argon2") && password.length <= MAX_PASSWORD_LENGTH;
    const target = usable ? stored : await this.dummyHash();
    let ok: boolean;
    try {
      ok = await verify(target, password.slice(0, MAX_PASSWORD_LENGTH));
    } catch {
      ok = false;
    }
    return usable && ok;
  }
}
