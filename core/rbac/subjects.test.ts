// Why: service-account names and subject matching decide which bindings apply; malformed names must never match.

import { describe, expect, it } from "vitest";
import { describeSubject, parseServiceAccountUsername, serviceAccountUser, subjectAppliesTo, subjectKey } from "./subjects";

describe("service account user names", () => {
  it.each([
    { user: "system:serviceaccount:build:ci", want: { namespace: "build", name: "ci" } },
    { user: "system:serviceaccount:build:", want: undefined },
    { user: "system:serviceaccount::ci", want: undefined },
    { user: "system:serviceaccount:a:b:c", want: undefined },
    { user: "bob", want: undefined },
  ])("$user", ({ user, want }) => {
    expect(parseServiceAccountUsername(user)).toEqual(want);
  });

  it("builds the identity a token yields", () => {
    expect(serviceAccountUser("build", "ci")).toEqual({ name: "system:serviceaccount:build:ci", groups: ["system:serviceaccounts", "system:serviceaccounts:build", "system:authenticated"] });
  });
});

describe("subjects", () => {
  const sa = serviceAccountUser("build", "ci");
  it.each([
    { name: "user", s: { kind: "User", name: "bob" }, ns: "", user: { name: "bob", groups: [] }, applies: true, key: "User:bob" },
    { name: "group", s: { kind: "Group", name: "devs" }, ns: "", user: { name: "bob", groups: ["devs"] }, applies: true, key: "Group:devs" },
    { name: "sa defaults to the binding's namespace", s: { kind: "ServiceAccount", name: "ci" }, ns: "build", user: sa, applies: true, key: "User:system:serviceaccount:build:ci" },
    { name: "sa in another namespace", s: { kind: "ServiceAccount", name: "ci", namespace: "other" }, ns: "build", user: sa, applies: false, key: "User:system:serviceaccount:other:ci" },
    { name: "sa without any namespace", s: { kind: "ServiceAccount", name: "ci" }, ns: "", user: sa, applies: false, key: undefined },
    { name: "unknown kind", s: { kind: "Robot", name: "bob" }, ns: "", user: { name: "bob", groups: [] }, applies: false, key: undefined },
  ])("$name", ({ s, ns, user, applies, key }) => {
    expect(subjectAppliesTo(user, s, ns)).toBe(applies);
    expect(subjectKey(s, ns)).toBe(key);
  });

  it("describes subjects as the authorizer's reasons do", () => {
    expect(describeSubject({ kind: "ServiceAccount", name: "ci" }, "build")).toBe('ServiceAccount "ci/build"');
    expect(describeSubject({ kind: "Group", name: "devs" }, "")).toBe('Group "devs"');
  });
});
