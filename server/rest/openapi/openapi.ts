// Why: kubectl explain, kubectl apply (patch merge keys) and kubectl's validation read the server's OpenAPI; these build the /openapi/v2 and /openapi/v3 documents.

import { createHash } from "node:crypto";
import { RESOURCE_TYPES } from "../../../core/api/resources";
import { buildDefinitions, commonDefinitions, definitionName, KIND_MODELS, type SchemaFlavour } from "./definitions";
import { buildPaths, referencedDefinitions } from "./paths";

type Json = Record<string, unknown>;
const V2: SchemaFlavour = { refPrefix: "#/definitions/", v3: false };
const V3: SchemaFlavour = { refPrefix: "#/components/schemas/", v3: true };
const INFO = { title: "Kubernetes", version: "v1.32.0" };
const BEARER = { BearerToken: { type: "apiKey", name: "authorization", in: "header", description: "Bearer Token authentication" } };

/** `/api/v1` style URL path of a group-version, without the leading slash (`api/v1`, `apis/apps/v1`). */
const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

/** `<Kind>List` definitions for the served kinds, referenced by list operations. */
function listDefinitions(flavour: SchemaFlavour, only?: { group: string; version: string }): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const t of RESOURCE_TYPES) {
    if (only && (t.group !== only.group || t.version !== only.version)) continue;
    const model = KIND_MODELS[`${t.group}/${t.version}/${t.kind}`];
    if (!model) continue;
    const item = definitionName(model);
    out[`${item}List`] = {
      description: `${t.kind}List is a list of ${t.kind} objects.`,
      type: "object",
      required: ["items"],
      properties: {
        apiVersion: { type: "string", description: "APIVersion defines the versioned schema of this representation of an object." },
        items: { type: "array", items: { $ref: flavour.refPrefix + item }, description: `List of ${t.plural}.` },
        kind: { type: "string", description: "Kind is a string value representing the REST resource this object represents." },
        metadata: flavour.v3
          ? { allOf: [{ $ref: `${flavour.refPrefix}io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta` }], description: "Standard list metadata." }
          : { $ref: `${flavour.refPrefix}io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta`, description: "Standard list metadata." },
      },
      "x-kubernetes-group-version-kind": [{ group: t.group, kind: `${t.kind}List`, version: t.version }],
    };
  }
  return out;
}

let v2Cache: Json | undefined;

/** `GET /openapi/v2`: Swagger 2.0 with every generated definition and the paths of the served resources. */
export function openApiV2(): Json {
  v2Cache ??= {
    swagger: "2.0",
    info: INFO,
    paths: buildPaths(false),
    definitions: { ...buildDefinitions(V2), ...commonDefinitions(V2), ...listDefinitions(V2) },
    securityDefinitions: BEARER,
    security: [{ BearerToken: [] }],
  };
  return v2Cache;
}

/** The served group-versions that have at least one kind with a schema. */
function servedGroupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of RESOURCE_TYPES) {
    if (!KIND_MODELS[`${t.group}/${t.version}/${t.kind}`]) continue;
    seen.set(gvPath(t.group, t.version), { group: t.group, version: t.version });
  }
  return [...seen.values()];
}

const v3Cache = new Map<string, Json>();

function buildV3(group: string, version: string): Json {
  const paths = buildPaths(true, { group, version });
  const lists = listDefinitions(V3, { group, version });
  // Every kind of this group-version (served or not) plus what the operations name, so explain finds each GVK here.
  const kindModels = Object.entries(KIND_MODELS)
    .filter(([gvk]) => gvk.startsWith(`${group}/${version}/`))
    .map(([, model]) => model);
  const referenced = [...referencedDefinitions(paths)];
  const byName = new Map(Object.values(KIND_MODELS).map((m) => [definitionName(m), m]));
  const roots = [...kindModels, ...referenced.map((n) => byName.get(n)).filter((m): m is string => m !== undefined)];
  return {
    openapi: "3.0.0",
    info: INFO,
    paths,
    components: {
      schemas: { ...buildDefinitions(V3, roots), ...commonDefinitions(V3), ...lists },
      securitySchemes: BEARER,
    },
    security: [{ BearerToken: [] }],
  };
}

/** `GET /openapi/v3/<path>` (`api/v1`, `apis/apps/v1`): the OpenAPI 3.0 document of one group-version, or undefined (a 404). */
export function openApiV3Document(path: string): Json | undefined {
  const clean = path.replace(/^\/+/, "").replace(/^openapi\/v3\//, "").replace(/\/+$/, "");
  const gv = servedGroupVersions().find((g) => gvPath(g.group, g.version) === clean);
  if (!gv) return undefined;
  let doc = v3Cache.get(clean);
  if (!doc) {
    doc = buildV3(gv.group, gv.version);
    v3Cache.set(clean, doc);
  }
  return doc;
}

/** The content hash of a v3 document, as Kubernetes puts it in `serverRelativeURL` (`?hash=`) so clients can cache by it. */
export function openApiV3Hash(path: string): string | undefined {
  const doc = openApiV3Document(path);
  if (!doc) return undefined;
  let hash = hashCache.get(doc);
  if (!hash) {
    hash = createHash("sha512").update(JSON.stringify(doc)).digest("hex").toUpperCase();
    hashCache.set(doc, hash);
  }
  return hash;
}
const hashCache = new WeakMap<Json, string>();

/** `GET /openapi/v3`: the index of group-version documents. */
export function openApiV3Index(): Json {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of servedGroupVersions()) {
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${openApiV3Hash(p)}` };
  }
  return { paths };
}
