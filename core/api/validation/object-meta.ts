// Why: every kind's metadata is checked the same way (apimachinery ValidateObjectMeta / ValidateObjectMetaUpdate), with Kubernetes' field paths.

import type { ObjectMeta } from "../types";
import { FieldErrors, GoValue } from "./field-errors";
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isLabelValue, isQualifiedName, utf8Length } from "./names";

/** How a kind's names are checked; `prefix` is true for generateName (a trailing '-' is allowed). */
export type NameValidator = (name: string, prefix: boolean) => string[];

const maskTrailingDash = (name: string, prefix: boolean) => (prefix && name.length > 1 && name.endsWith("-") ? name.slice(0, -1) : name);

export const nameIsDNSSubdomain: NameValidator = (n, p) => isDNS1123Subdomain(maskTrailingDash(n, p));
export const nameIsDNSLabel: NameValidator = (n, p) => isDNS1123Label(maskTrailingDash(n, p));
export const nameIsDNS1035Label: NameValidator = (n, p) => isDNS1035Label(maskTrailingDash(n, p));

/** The total size limit of all annotations of one object (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/** Label keys must be qualified names and values valid label values (ValidateLabels). */
export function validateLabels(labels: Record<string, string> | undefined, path: string, errs: FieldErrors): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.invalidEach(path, k, isQualifiedName(k));
    errs.invalidEach(path, v, isLabelValue(String(v)));
  }
}

/** Annotation keys must be (lowercased) qualified names; all of them together at most 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: string, errs: FieldErrors): void {
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    errs.invalidEach(path, k, isQualifiedName(k.toLowerCase()));
    size += utf8Length(k) + utf8Length(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT);
}

function validateFinalizers(finalizers: string[] | undefined, path: string, errs: FieldErrors): void {
  const list = finalizers ?? [];
  list.forEach((f, i) => {
    const p = `${path}[${i}]`;
    const msgs = isQualifiedName(f);
    if (msgs.length) errs.invalidEach(p, f, msgs);
    else if (!f.includes("/") && !STANDARD_FINALIZERS.has(f)) errs.invalid(p, f, "name is neither a standard finalizer name nor is it fully qualified");
  });
  if (list.includes("orphan") && list.includes("foregroundDeletion"))
    errs.invalid(path, new GoValue(`[]string{${list.map((f) => JSON.stringify(f)).join(", ")}}`), "finalizer orphan and foregroundDeletion cannot be both set");
}

function validateOwnerReferences(meta: ObjectMeta, path: string, errs: FieldErrors): void {
  let controllers = 0;
  for (const ref of meta.ownerReferences ?? []) {
    if (!ref.apiVersion) errs.invalid(`${path}.apiVersion`, ref.apiVersion ?? "", "version must not be empty");
    if (!ref.kind) errs.invalid(`${path}.kind`, ref.kind ?? "", "kind must not be empty");
    if (!ref.name) errs.invalid(`${path}.name`, ref.name ?? "", "name must not be empty");
    if (!ref.uid) errs.invalid(`${path}.uid`, ref.uid ?? "", "uid must not be empty");
    if (ref.controller) controllers++;
  }
  if (controllers > 1) errs.invalid(path, new GoValue("[]v1.OwnerReference{...}"), "Only one reference can have Controller set to true");
}

/** ValidateObjectMeta: name (or generateName), namespace presence by scope, labels, annotations, finalizers, owners. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, errs: FieldErrors, path = "metadata"): void {
  const m = meta ?? {};
  if (m.generateName) errs.invalidEach(`${path}.generateName`, m.generateName, nameFn(m.generateName, true));
  // The registry generates the name from generateName before validating; here it may still be empty.
  if (!m.name) {
    if (!m.generateName) errs.required(`${path}.name`, "name or generateName is required");
  } else errs.invalidEach(`${path}.name`, m.name, nameFn(m.name, false));
  if (namespaced) {
    if (!m.namespace) errs.required(`${path}.namespace`);
    else errs.invalidEach(`${path}.namespace`, m.namespace, isDNS1123Label(m.namespace));
  } else if (m.namespace) {
    errs.forbidden(`${path}.namespace`, "not allowed on this type");
  }
  if (m.generation !== undefined && m.generation < 0) errs.invalid(`${path}.generation`, m.generation, "must be greater than or equal to 0");
  validateLabels(m.labels, `${path}.labels`, errs);
  validateAnnotations(m.annotations, `${path}.annotations`, errs);
  validateOwnerReferences(m, `${path}.ownerReferences`, errs);
  validateFinalizers(m.finalizers, `${path}.finalizers`, errs);
}

/** ValidateObjectMetaUpdate: identity fields are immutable, no new finalizers while deleting. */
export function validateObjectMetaUpdate(next: ObjectMeta, prev: ObjectMeta, errs: FieldErrors, path = "metadata"): void {
  if (prev.deletionTimestamp) {
    const old = new Set(prev.finalizers ?? []);
    (next.finalizers ?? []).forEach((f, i) => {
      if (!old.has(f)) errs.forbidden(`${path}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers []string{${JSON.stringify(f)}}`);
      void i;
    });
  }
  if ((next.generation ?? 0) < (prev.generation ?? 0)) errs.invalid(`${path}.generation`, next.generation ?? 0, "must not be decremented");
  errs.immutable(`${path}.name`, next.name, prev.name);
  errs.immutable(`${path}.namespace`, next.namespace ?? "", prev.namespace ?? "");
  errs.immutable(`${path}.uid`, next.uid, prev.uid);
  errs.immutable(`${path}.creationTimestamp`, next.creationTimestamp, prev.creationTimestamp);
}
