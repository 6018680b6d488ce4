// Why: only a 403 becomes the Forbidden page; a 404 or a crash must not be disguised as one.

import { expect, it } from "vitest";
import { forbidden, notFound } from "@/core/api/errors";
import { readOrForbidden } from "./read-or-forbidden";

it("passes values through", async () => {
  expect(await readOrForbidden(async () => 7)).toEqual({ ok: true, value: 7 });
});

it("turns a 403 into its Status", async () => {
  const r = await readOrForbidden(async () => {
    throw forbidden('pods is forbidden: User "vic" cannot list resource "pods" in API group "" at the cluster scope');
  });
  expect(r).toEqual({ ok: false, failure: { code: 403, reason: "Forbidden", message: 'pods is forbidden: User "vic" cannot list resource "pods" in API group "" at the cluster scope' } });
});

it.each([notFound({ kind: "pods", name: "x" }), new Error("boom")])("rethrows anything else (%s)", async (err) => {
  await expect(
    readOrForbidden(async () => {
      throw err;
    }),
  ).rejects.toBe(err);
});
