// Why: many tests need the ApiError a promise rejects with (to check its reason, code and causes); one helper says so instead of a try/catch in each file.

import { ApiError } from "../api/errors";

/** The ApiError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}
