// Why: the access checker takes a resource as people write it for kubectl (`pods`, `deployments.apps`, `pods/log`, `deployments.apps/scale`); one parser turns it into the review's resource, group and subresource.

/** The resource part of an access review. */
export interface ResourceRef {
  resource: string;
  group: string;
  subresource?: string;
}

/** `deployments.apps/scale` → `{ resource: "deployments", group: "apps", subresource: "scale" }`; the group is everything after the first dot. */
export function parseResourceRef(text: string): ResourceRef {
  const t = text.trim();
  const slash = t.indexOf("/");
  const main = slash < 0 ? t : t.slice(0, slash);
  const sub = slash < 0 ? "" : t.slice(slash + 1);
  const dot = main.indexOf(".");
  const resource = (dot < 0 ? main : main.slice(0, dot)).toLowerCase();
  const group = dot < 0 ? "" : main.slice(dot + 1).toLowerCase();
  return { resource, group, ...(sub ? { subresource: sub.toLowerCase() } : {}) };
}
