// Why: every malformed or refused REST request must answer the Status Kubernetes answers (kind, reason, code, wording) and change nothing, over the plain HTTP port and through the TLS API port.
import https from "node:https";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlHarness, eventually } from "./kubectl-harness";

const h = new KubectlHarness();
const ns = "re-errors";
let token = "";
let ca = "";
let base: KubeObject;

interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string; [k: string]: unknown };
  data?: Record<string, string>;
}

interface Answer {
  status: number;
  body: Record<string, unknown> & { kind?: string; reason?: string; code?: number; message?: string; details?: Record<string, unknown> };
  headers: Headers;
}

const cmPath = `/api/v1/namespaces/${ns}/configmaps`;

/** One request to the plain HTTP port with the admin token. */
async function call(method: string, path: string, opts: { body?: string | Uint8Array | ReadableStream<Uint8Array>; type?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json", ...(opts.type ? { "content-type": opts.type } : {}), ...opts.headers };
  const res = await fetch(`${h.server.url}${path}`, { method, headers, body: opts.body, ...(opts.body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
  const text = await res.text();
  return { status: res.status, body: text.trim() ? (JSON.parse(text) as Answer["body"]) : {}, headers: res.headers };
}

/** One request through the TLS API port (the kubeconfig's CA, the bearer token), as kubectl sends it. */
function callTls(method: string, path: string, body?: Buffer, type = "application/json"): Promise<{ status: number; body: Answer["body"] }> {
  const url = new URL(path, h.apiUrl);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      // a fresh connection each time, as Go's client does after a response that came before the whole body was sent
      { method, ca, agent: false, headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body ? { "content-type": type, "content-length": String(body.length) } : {}) } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text.trim() ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const json = (v: unknown) => JSON.stringify(v);
const configMap = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" }, ...extra });

/** The namespace's ConfigMaps as name@resourceVersion: equal before and after a refused request. */
async function snapshot(): Promise<string[]> {
  const list = await call("GET", cmPath);
  expect(list.status).toBe(200);
  return (list.body.items as KubeObject[]).map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}=${json(o.data ?? {})}`).sort();
}

beforeAll(async () => {
  await h.start("wheelhouse-rest-errors-");
  const kubeconfig = parseYaml(readFileSync(h.kubeconfig, "utf8")) as { users: { user: { token: string } }[]; clusters: { cluster: { "certificate-authority-data": string } }[] };
  token = kubeconfig.users[0].user.token;
  ca = Buffer.from(kubeconfig.clusters[0].cluster["certificate-authority-data"], "base64").toString();
  expect((await call("POST", "/api/v1/namespaces", { type: "application/json", body: json({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }) })).status).toBe(201);
  const created = await call("POST", cmPath, { type: "application/json", body: json(configMap("base")) });
  expect(created.status).toBe(201);
  base = created.body as unknown as KubeObject;
});
afterAll(() => h.stop());

const status = (code: number, reason: string, message: string | RegExp) => ({ code, reason, message });

describe("malformed and refused REST requests", () => {
  const big = () => json(configMap("huge", { data: { blob: "x".repeat(3 * 1024 * 1024 + 10) } }));
  const stale = () => json({ ...base, metadata: { ...base.metadata, resourceVersion: String(Number(base.metadata.resourceVersion) - 1) }, data: { a: "stale" } });
  const cases: { name: string; method: string; path: () => string; body?: () => string; type?: string; want: ReturnType<typeof status>; details?: Record<string, unknown> }[] = [
    {
      name: "bad JSON on create",
      method: "POST",
      path: () => cmPath,
      body: () => "{bad",
      type: "application/json",
      want: status(400, "BadRequest", /^the object provided is unrecognized \(must be of type ConfigMap\): couldn't get version\/kind; json parse error: invalid character 'b' looking for beginning of object key string \(\{bad\)$/),
    },
    {
      name: "bad JSON on update",
      method: "PUT",
      path: () => `${cmPath}/base`,
      body: () => '{"apiVersion":"v1",',
      type: "application/json",
      want: status(400, "BadRequest", /^the object provided is unrecognized \(must be of type ConfigMap\): couldn't get version\/kind; json parse error: unexpected end of JSON input \(\{"apiVersion":"v1",\)$/),
    },
    {
      name: "a JSON array where an object belongs",
      method: "POST",
      path: () => cmPath,
      body: () => "[]",
      type: "application/json",
      want: status(400, "BadRequest", /json parse error: json: cannot unmarshal array into Go value of type struct \{ APIVersion string .* \(5b5d\)$/),
    },
    {
      name: "a content type the server cannot decode",
      method: "POST",
      path: () => cmPath,
      body: () => json(configMap("plain")),
      type: "text/plain",
      want: status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"),
    },
    {
      name: "a PATCH whose content type is not a patch type",
      method: "PATCH",
      path: () => `${cmPath}/base`,
      body: () => json({ data: { a: "2" } }),
      type: "application/json",
      want: status(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml",
      ),
    },
    {
      name: "an unknown field under fieldValidation=Strict (create)",
      method: "POST",
      path: () => `${cmPath}?fieldValidation=Strict`,
      body: () => json(configMap("strict", { bogus: true })),
      type: "application/json",
      want: status(400, "BadRequest", 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"'),
    },
    {
      name: "an unknown field under fieldValidation=Strict (update)",
      method: "PUT",
      path: () => `${cmPath}/base?fieldValidation=Strict`,
      body: () => json({ ...base, spec: { x: 1 } }),
      type: "application/json",
      want: status(400, "BadRequest", 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"'),
    },
    {
      name: "an unknown field under fieldValidation=Strict (merge patch)",
      method: "PATCH",
      path: () => `${cmPath}/base?fieldValidation=Strict`,
      body: () => json({ bogus: 1 }),
      type: "application/merge-patch+json",
      want: status(422, "Invalid", /^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"v1\\",\\"bogus\\":1,.*": strict decoding error: unknown field "bogus"$/),
      details: { causes: [expect.objectContaining({ reason: "FieldValueInvalid", field: "patch" })] },
    },
    {
      name: "an unknown field under fieldValidation=Strict (strategic merge patch)",
      method: "PATCH",
      path: () => `${cmPath}/base?fieldValidation=Strict`,
      body: () => json({ bogus: 1 }),
      type: "application/strategic-merge-patch+json",
      want: status(422, "Invalid", ' "" is invalid: patch: Invalid value: "map[bogus:1]": strict decoding error: unknown field "bogus"'),
    },
    {
      name: "an update with a stale resourceVersion",
      method: "PUT",
      path: () => `${cmPath}/base`,
      body: stale,
      type: "application/json",
      want: status(409, "Conflict", 'Operation cannot be fulfilled on configmaps "base": the object has been modified; please apply your changes to the latest version and try again'),
      details: { name: "base", kind: "configmaps" },
    },
    {
      name: "a body over 3 MiB",
      method: "POST",
      path: () => cmPath,
      body: big,
      type: "application/json",
      want: status(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728"),
    },
    { name: "an unknown resource", method: "GET", path: () => `/api/v1/namespaces/${ns}/frobnicators`, want: status(404, "NotFound", "the server could not find the requested resource") },
    { name: "an unknown group", method: "GET", path: () => "/apis/frobnicate.example.com/v1/things", want: status(404, "NotFound", "the server could not find the requested resource") },
    { name: "DELETE of a missing object", method: "DELETE", path: () => `${cmPath}/missing`, want: status(404, "NotFound", 'configmaps "missing" not found'), details: { name: "missing", kind: "configmaps" } },
    { name: "GET of a missing object", method: "GET", path: () => `${cmPath}/missing`, want: status(404, "NotFound", 'configmaps "missing" not found'), details: { name: "missing", kind: "configmaps" } },
    {
      name: "POST of a name that exists",
      method: "POST",
      path: () => cmPath,
      body: () => json(configMap("base")),
      type: "application/json",
      want: status(409, "AlreadyExists", 'configmaps "base" already exists'),
      details: { name: "base", kind: "configmaps" },
    },
    {
      name: "an invalid name",
      method: "POST",
      path: () => cmPath,
      body: () => json(configMap("Bad_Name")),
      type: "application/json",
      want: status(422, "Invalid", /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters/),
      details: { name: "Bad_Name", kind: "ConfigMap", causes: [expect.objectContaining({ reason: "FieldValueInvalid", field: "metadata.name" })] },
    },
    {
      name: "an object whose namespace differs from the URL's",
      method: "POST",
      path: () => cmPath,
      body: () => json({ ...configMap("elsewhere"), metadata: { name: "elsewhere", namespace: "default" } }),
      type: "application/json",
      want: status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request"),
    },
    {
      name: "a JSON patch whose test fails (after an operation that applied)",
      method: "PATCH",
      path: () => `${cmPath}/base`,
      body: () => json([{ op: "replace", path: "/data/a", value: "2" }, { op: "test", path: "/data/a", value: "1" }]),
      type: "application/json-patch+json",
      want: status(422, "Invalid", "the server rejected our request due to an error in our request"),
    },
    {
      name: "a JSON patch with an unknown operation",
      method: "PATCH",
      path: () => `${cmPath}/base`,
      body: () => json([{ op: "frobnicate", path: "/data/a" }]),
      type: "application/json-patch+json",
      want: status(422, "Invalid", "the server rejected our request due to an error in our request"),
    },
    {
      name: "a JSON patch that removes a missing key",
      method: "PATCH",
      path: () => `${cmPath}/base`,
      body: () => json([{ op: "remove", path: "/data/nope" }]),
      type: "application/json-patch+json",
      want: status(422, "Invalid", "the server rejected our request due to an error in our request"),
    },
    {
      name: "a JSON patch that is not a list",
      method: "PATCH",
      path: () => `${cmPath}/base`,
      body: () => json({ op: "add", path: "/data/b", value: "2" }),
      type: "application/json-patch+json",
      want: status(400, "BadRequest", "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp"),
    },
    {
      name: "a merge patch that is not JSON",
      method: "PATCH",
      path: () => `${cmPath}/base`,
      body: () => "{data:",
      type: "application/merge-patch+json",
      want: status(400, "BadRequest", "error decoding patch: invalid character 'd' looking for beginning of object key string"),
    },
    {
      name: "a strategic merge patch that is not JSON",
      method: "PATCH",
      path: () => `${cmPath}/base`,
      body: () => '{"data":{"a":"2"}',
      type: "application/strategic-merge-patch+json",
      want: status(400, "BadRequest", "unexpected end of JSON input"),
    },
    {
      name: "a PATCH of a missing object",
      method: "PATCH",
      path: () => `${cmPath}/missing`,
      body: () => json({ data: { a: "2" } }),
      type: "application/merge-patch+json",
      want: status(404, "NotFound", 'configmaps "missing" not found'),
    },
    {
      name: "a DELETE whose uid precondition does not match",
      method: "DELETE",
      path: () => `${cmPath}/base`,
      body: () => json({ kind: "DeleteOptions", apiVersion: "v1", preconditions: { uid: "00000000-0000-0000-0000-000000000000" } }),
      type: "application/json",
      want: status(409, "Conflict", /^Operation cannot be fulfilled on configmaps "base": Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, UID in object meta: /),
    },
    { name: "PUT on a collection", method: "PUT", path: () => cmPath, body: () => json(configMap("base")), type: "application/json", want: status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"), details: {} },
    { name: "POST on a named object", method: "POST", path: () => `${cmPath}/base`, body: () => json(configMap("base")), type: "application/json", want: status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource") },
    { name: "PATCH on a collection", method: "PATCH", path: () => cmPath, body: () => json({ data: { a: "2" } }), type: "application/merge-patch+json", want: status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource") },
    { name: "a method a discovery document does not allow", method: "POST", path: () => "/apis/apps/v1", body: () => "{}", type: "application/json", want: status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource") },
    {
      name: "a method the log subresource does not allow",
      method: "DELETE",
      path: () => `/api/v1/namespaces/${ns}/pods/none/log`,
      want: status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"),
    },
  ];

  it.each(cases)("$name → $want.code $want.reason, nothing changes", async ({ method, path, body, type, want, details }) => {
    const before = await snapshot();
    const r = await call(method, path(), { ...(body ? { body: body() } : {}), ...(type ? { type } : {}) });
    expect(r.status).toBe(want.code);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.body).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", code: want.code, reason: want.reason });
    if (typeof want.message === "string") expect(r.body.message).toBe(want.message);
    else expect(r.body.message).toMatch(want.message);
    if (details) expect(r.body.details).toMatchObject(details);
    expect(await snapshot()).toEqual(before);
  });

  it("a body over 3 MiB sent without a Content-Length (chunked) is refused too", async () => {
    const before = await snapshot();
    const bytes = new TextEncoder().encode(big());
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 256 * 1024) c.enqueue(bytes.subarray(i, i + 256 * 1024));
        c.close();
      },
    });
    const r = await call("POST", cmPath, { body: chunked, type: "application/json" });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ kind: "Status", reason: "RequestEntityTooLarge", code: 413 });
    expect(await snapshot()).toEqual(before);
  });

  it("the TLS API port relays the same Statuses (bad JSON, 413, conflict)", async () => {
    const before = await snapshot();
    const bad = await callTls("POST", cmPath, Buffer.from("{bad"));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: "Status", reason: "BadRequest", code: 400 });
    const huge = await callTls("POST", cmPath, Buffer.from(big()));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ kind: "Status", reason: "RequestEntityTooLarge", code: 413, message: "Request entity too large: limit is 3145728" });
    const conflict = await callTls("PUT", `${cmPath}/base`, Buffer.from(stale()));
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ reason: "Conflict", details: { name: "base", kind: "configmaps" } });
    expect(await snapshot()).toEqual(before);
  });

  it("fieldValidation=Warn accepts an unknown field with a Warning header; Ignore says nothing", async () => {
    const warned = await call("POST", `${cmPath}?fieldValidation=Warn`, { type: "application/json", body: json(configMap("warned", { bogus: 1 })) });
    expect(warned.status).toBe(201);
    expect(warned.headers.get("warning")).toBe('299 - "unknown field \\"bogus\\""');
    expect(warned.body).not.toHaveProperty("bogus");
    const ignored = await call("POST", `${cmPath}?fieldValidation=Ignore`, { type: "application/json", body: json(configMap("ignored", { bogus: 1 })) });
    expect(ignored.status).toBe(201);
    expect(ignored.headers.get("warning")).toBeNull();
    for (const name of ["warned", "ignored"]) expect((await call("DELETE", `${cmPath}/${name}`)).status).toBe(200);
  });

  it("dryRun=All answers as a write would and stores nothing", async () => {
    const before = await snapshot();
    const created = await call("POST", `${cmPath}?dryRun=All`, { type: "application/json", body: json(configMap("dry")) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: "ConfigMap", metadata: { name: "dry", namespace: ns } });
    const patched = await call("PATCH", `${cmPath}/base?dryRun=All`, { type: "application/merge-patch+json", body: json({ data: { a: "dry" } }) });
    expect(patched.status).toBe(200);
    expect((patched.body as unknown as KubeObject).data).toEqual({ a: "dry" });
    const deleted = await call("DELETE", `${cmPath}/base?dryRun=All`);
    expect(deleted.status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it("a watch from a compacted resourceVersion (before the last restart) gets one ERROR event with 410 Expired, then ends", async () => {
    const old = base.metadata.resourceVersion!;
    await h.server.stop();
    await h.server.start();
    const listed = await eventually("the list after the restart", async () => {
      const r = await call("GET", cmPath);
      return r.status === 200 ? r : undefined;
    });
    const current = (listed.body.metadata as { resourceVersion: string }).resourceVersion;
    expect(Number(current)).toBeGreaterThan(Number(old));
    const res = await fetch(`${h.server.url}${cmPath}?watch=1&resourceVersion=${old}&timeoutSeconds=5`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const events = (await res.text())
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { type: string; object: Answer["body"] });
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe("ERROR");
    expect(events[0].object).toMatchObject({ kind: "Status", status: "Failure", reason: "Expired", code: 410 });
    expect(events[0].object.message).toMatch(new RegExp(`^too old resource version: ${old} \\(\\d+\\)$`));
    // a watch from the current resourceVersion works, and the objects survived the restart unchanged
    const fresh = await fetch(`${h.server.url}${cmPath}?watch=1&resourceVersion=${current}&timeoutSeconds=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(fresh.status).toBe(200);
    expect((await fresh.text()).trim()).toBe("");
    expect((await call("GET", `${cmPath}/base`)).body).toMatchObject({ data: { a: "1" }, metadata: { resourceVersion: base.metadata.resourceVersion } });
  });
});
