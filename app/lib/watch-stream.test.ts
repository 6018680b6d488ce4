// Why: the console must tell a 410 Gone (re-list) from other stream failures (reconnect), and read events in either object encoding.
import { describe, it, expect } from "vitest";
import { isGoneError, parsePayload, watchUrl } from "./watch-stream";

describe("parsePayload", () => {
  const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "a", namespace: "demo", resourceVersion: "7" } };
  it("reads an event whose object is JSON", () => {
    expect(parsePayload(JSON.stringify({ data: { watch: { type: "ADDED", object: pod } } })).events).toEqual([{ type: "ADDED", object: pod }]);
  });
  it("reads an event whose object is a JSON string", () => {
    expect(parsePayload(JSON.stringify({ data: { watch: { type: "DELETED", object: JSON.stringify(pod) } } })).events[0].object).toEqual(pod);
  });
  it.each([
    { name: "extensions.code 410", err: { message: "x", extensions: { code: 410 } }, want: "gone" },
    { name: "extensions.code GONE", err: { message: "x", extensions: { code: "GONE" } }, want: "gone" },
    { name: "status reason Expired", err: { message: "x", extensions: { status: { code: 410, reason: "Expired" } } }, want: "gone" },
    { name: "kubernetes message", err: { message: "too old resource version: 5 (90)" }, want: "gone" },
    { name: "forbidden (code)", err: { message: "pods is forbidden", extensions: { code: "Forbidden" } }, want: "forbidden" },
    { name: "forbidden (status 403)", err: { message: "nodes is forbidden", extensions: { status: { code: 403, reason: "Forbidden" } } }, want: "forbidden" },
    { name: "another failure", err: { message: "widgets not found", extensions: { code: "NotFound" } }, want: "error" },
  ])("errors: $name → $want", ({ err, want }) => {
    expect(parsePayload(JSON.stringify({ errors: [err] })).end?.reason).toBe(want);
  });
  it("ignores an empty payload", () => {
    expect(parsePayload(JSON.stringify({ data: { watch: null } }))).toEqual({ events: [] });
  });
});

describe("isGoneError", () => {
  it("is false for plain errors", () => expect(isGoneError({ message: "boom" })).toBe(false));
});

describe("watchUrl", () => {
  it("carries the query and only the variables given", () => {
    const u = new URL(watchUrl({ kind: "Pod", namespace: "demo", resourceVersion: "42" }), "http://x");
    expect(u.pathname).toBe("/api/graphql");
    expect(u.searchParams.get("query")).toContain("watch(kind: $kind");
    expect(JSON.parse(u.searchParams.get("variables")!)).toEqual({ kind: "Pod", namespace: "demo", resourceVersion: "42" });
  });
});
