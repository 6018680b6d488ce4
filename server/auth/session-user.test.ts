// Why: a session names a user id only; the user's name and teams come from the identity service on every request, so changes apply at once.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import type { UserInfo } from "@/core/apiserver/types";
import { sessionUser } from "./session-user";

const SECRET = "k".repeat(48);

function deps(users: Record<string, UserInfo>) {
  const asked: string[] = [];
  return { asked, deps: { secret: () => SECRET, userInfoFor: async (id: string) => (asked.push(id), users[id]) } };
}

async function cookieFor(sub: string) {
  return new Headers({ cookie: `next-auth.session-token=${await encode({ token: { sub }, secret: SECRET, maxAge: 60 })}` });
}

describe("sessionUser", () => {
  it("returns the identity service's current UserInfo for the session's user id", async () => {
    const alice: UserInfo = { name: "alice", uid: "u-1", groups: ["team-a", "system:authenticated"] };
    const d = deps({ "u-1": alice });
    expect(await sessionUser(await cookieFor("u-1"), d.deps)).toEqual(alice);
    expect(d.asked).toEqual(["u-1"]);
  });

  it("is undefined for a deleted or disabled user (the service knows no such user)", async () => {
    const d = deps({});
    expect(await sessionUser(await cookieFor("gone"), d.deps)).toBeUndefined();
  });

  it("does not ask the identity service without a valid session", async () => {
    const d = deps({});
    expect(await sessionUser(new Headers({ cookie: "next-auth.session-token=forged" }), d.deps)).toBeUndefined();
    expect(d.asked).toEqual([]);
  });
});
