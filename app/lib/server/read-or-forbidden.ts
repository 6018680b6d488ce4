// Why: a page whose read the apiserver refuses shows the 403 in Kubernetes' words; other failures still reach the error boundary (Next.js hides thrown messages in production, so the 403 is turned into data here).

import { isReason } from "@/core/api/errors";
import { apiFailure, type ApiFailure } from "./api-failure";

/** The value of `read`, or the Status of its 403 Forbidden; any other error is thrown on. */
export async function readOrForbidden<T>(read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: ApiFailure }> {
  try {
    return { ok: true, value: await read() };
  } catch (e) {
    if (isReason(e, "Forbidden")) return { ok: false, failure: apiFailure(e) };
    throw e;
  }
}
