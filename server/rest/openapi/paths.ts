// Why: kubectl decides whether the server validates fields (and so skips its own validation) by finding the PATCH operation of a kind with a `fieldValidation` parameter; these paths say so.

import { RESOURCE_TYPES, subresourcesOf, type ResourceType } from "../../../core/api/resources";
import { definitionName, KIND_MODELS } from "./definitions";

type Json = Record<string, unknown>;
/** A kind's group/version/kind, in the order the extension lists it. */
interface Gvk {
  group: string;
  kind: string;
  version: string;
}

const query = (name: string, description: string, type = "string") => ({ name, in: "query", description, type, uniqueItems: true });
/** Parameters as v2 writes them; v3 moves `type` into `schema`. */
const PARAMS = {
  pretty: query("pretty", "If 'true', then the output is pretty printed."),
  dryRun: query("dryRun", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed"),
  fieldManager: query("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
  fieldValidation: query("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default), Strict."),
  force: query("force", "Force is going to \"force\" Apply requests: re-acquire conflicting fields owned by other people.", "boolean"),
  labelSelector: query("labelSelector", "A selector to restrict the list of returned objects by their labels."),
  fieldSelector: query("fieldSelector", "A selector to restrict the list of returned objects by their fields."),
  limit: query("limit", "limit is a maximum number of responses to return for a list call.", "integer"),
  continue: query("continue", "The continue option should be set when retrieving more results from the server."),
  resourceVersion: query("resourceVersion", "resourceVersion sets a constraint on what resource versions a request may be served from."),
  watch: query("watch", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.", "boolean"),
  propagationPolicy: query("propagationPolicy", "Whether and how garbage collection will be performed: Orphan, Background or Foreground."),
  gracePeriodSeconds: query("gracePeriodSeconds", "The duration in seconds before the object should be deleted.", "integer"),
};

const PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

/** One operation in a version-neutral form; `render` turns it into v2 or v3. */
interface Op {
  operationId: string;
  action: string;
  gvk: Gvk;
  params: (typeof PARAMS)[keyof typeof PARAMS][];
  body?: { definition: string; patch?: boolean };
  response: string;
  description: string;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camelGroup = (group: string) => (group === "" ? "Core" : group.split(".").map(upperFirst).join(""));

function render(op: Op, v3: boolean): Json {
  const ref = (name: string) => ({ $ref: (v3 ? "#/components/schemas/" : "#/definitions/") + name });
  const parameters: Json[] = op.params.map((p) =>
    v3 ? { name: p.name, in: p.in, description: p.description, schema: { type: p.type, uniqueItems: true } } : { ...p },
  );
  const ext = { "x-kubernetes-action": op.action, "x-kubernetes-group-version-kind": op.gvk };
  if (!v3) {
    if (op.body) parameters.push({ name: "body", in: "body", required: true, schema: ref(op.body.definition) });
    return {
      description: op.description,
      operationId: op.operationId,
      ...(op.body?.patch ? { consumes: PATCH_TYPES } : {}),
      produces: ["application/json", "application/yaml"],
      parameters,
      responses: { "200": { description: "OK", schema: ref(op.response) }, "401": { description: "Unauthorized" } },
      ...ext,
    };
  }
  const body = op.body;
  return {
    description: op.description,
    operationId: op.operationId,
    parameters,
    ...(body
      ? { requestBody: { required: true, content: Object.fromEntries((body.patch ? PATCH_TYPES : ["*/*"]).map((t) => [t, { schema: ref(body.definition) }])) } }
      : {}),
    responses: {
      "200": { description: "OK", content: Object.fromEntries(["application/json", "application/yaml"].map((t) => [t, { schema: ref(op.response) }])) },
      "401": { description: "Unauthorized" },
    },
    ...ext,
  };
}

/** Definition name of a served kind's model, or undefined when no schema is generated for it. */
function definitionOf(group: string, version: string, kind: string): string | undefined {
  const model = KIND_MODELS[`${group}/${version}/${kind}`];
  return model ? definitionName(model) : undefined;
}

/** Path → method → operation for one resource type (object, collection and subresource paths). */
function resourcePaths(t: ResourceType, v3: boolean): Record<string, Json> {
  const def = definitionOf(t.group, t.version, t.kind);
  if (!def) return {};
  const gvk: Gvk = { group: t.group, kind: t.kind, version: t.version };
  const root = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const ns = t.namespaced ? "/namespaces/{namespace}" : "";
  const id = `${camelGroup(t.group)}${upperFirst(t.version)}${t.namespaced ? "Namespaced" : ""}${t.kind}`;
  const pathParams = t.namespaced ? ["namespace", "name"] : ["name"];
  const write = [PARAMS.pretty, PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation];
  const collection = `${root}${ns}/${t.plural}`;
  const item = `${collection}/{name}`;
  const out: Record<string, Json> = {
    [collection]: {
      get: render({ operationId: `list${id}`, action: "list", gvk, params: [PARAMS.labelSelector, PARAMS.fieldSelector, PARAMS.limit, PARAMS.continue, PARAMS.resourceVersion, PARAMS.watch], response: def.replace(/\.([A-Za-z]+)$/, ".$1List"), description: `list or watch objects of kind ${t.kind}` }, v3),
      post: render({ operationId: `create${id}`, action: "post", gvk, params: write, body: { definition: def }, response: def, description: `create a ${t.kind}` }, v3),
      delete: render({ operationId: `deletecollection${id}`, action: "deletecollection", gvk, params: [PARAMS.labelSelector, PARAMS.fieldSelector, PARAMS.dryRun, PARAMS.propagationPolicy, PARAMS.gracePeriodSeconds], response: `${META}.Status`, description: `delete collection of ${t.kind}` }, v3),
      parameters: pathParams.slice(0, -1).map((n) => pathParam(n, v3)),
    },
    [item]: {
      get: render({ operationId: `read${id}`, action: "get", gvk, params: [PARAMS.pretty], response: def, description: `read the specified ${t.kind}` }, v3),
      put: render({ operationId: `replace${id}`, action: "put", gvk, params: write, body: { definition: def }, response: def, description: `replace the specified ${t.kind}` }, v3),
      patch: render({ operationId: `patch${id}`, action: "patch", gvk, params: [...write, PARAMS.force], body: { definition: `${META}.Patch`, patch: true }, response: def, description: `partially update the specified ${t.kind}` }, v3),
      delete: render({ operationId: `delete${id}`, action: "delete", gvk, params: [PARAMS.pretty, PARAMS.dryRun, PARAMS.propagationPolicy, PARAMS.gracePeriodSeconds], response: `${META}.Status`, description: `delete a ${t.kind}` }, v3),
      parameters: pathParams.map((n) => pathParam(n, v3)),
    },
  };
  for (const s of subresourcesOf(t)) {
    const { group, version, kind } = s.responseKind;
    const sdef = definitionOf(group, version, kind);
    if (!sdef || !["status", "scale"].includes(s.name)) continue;
    const sgvk: Gvk = { group, kind, version };
    const sid = `${id}${upperFirst(s.name)}`;
    out[`${item}/${s.name}`] = {
      get: render({ operationId: `read${sid}`, action: "get", gvk: sgvk, params: [PARAMS.pretty], response: sdef, description: `read ${s.name} of the specified ${t.kind}` }, v3),
      put: render({ operationId: `replace${sid}`, action: "put", gvk: sgvk, params: write, body: { definition: sdef }, response: sdef, description: `replace ${s.name} of the specified ${t.kind}` }, v3),
      patch: render({ operationId: `patch${sid}`, action: "patch", gvk: sgvk, params: [...write, PARAMS.force], body: { definition: `${META}.Patch`, patch: true }, response: sdef, description: `partially update ${s.name} of the specified ${t.kind}` }, v3),
      parameters: pathParams.map((n) => pathParam(n, v3)),
    };
  }
  return out;
}

function pathParam(name: string, v3: boolean): Json {
  const description = name === "namespace" ? "object name and auth scope, such as for teams and projects" : "name of the object";
  return v3 ? { name, in: "path", description, required: true, schema: { type: "string", uniqueItems: true } } : { name, in: "path", description, required: true, type: "string", uniqueItems: true };
}

/** The paths of every served resource (v2), or of one group-version (v3 when `gv` is given). */
export function buildPaths(v3: boolean, gv?: { group: string; version: string }): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const t of RESOURCE_TYPES) {
    if (gv && (t.group !== gv.group || t.version !== gv.version)) continue;
    Object.assign(out, resourcePaths(t, v3));
  }
  return out;
}

/** Definition names the operations of these paths refer to (responses, bodies), so a v3 document can include them. */
export function referencedDefinitions(paths: Record<string, Json>): Set<string> {
  const found = new Set<string>();
  const text = JSON.stringify(paths);
  for (const m of text.matchAll(/"\$ref":"#\/(?:definitions|components\/schemas)\/([^"]+)"/g)) found.add(m[1]);
  return found;
}
