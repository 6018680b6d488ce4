// Why: `kubectl create token` (the TokenRequest API) hands out ServiceAccount JWTs signed with the cluster's own key; they authenticate only while that ServiceAccount exists with the same uid.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { jwtVerify, SignJWT } from "jose";
import { CauseType, invalid } from "@/core/api/errors";
import { resourceTypeByKind } from "@/core/api/resources";
import { rfc3339 } from "@/core/clock/clock";
import type { UserInfo } from "@/core/apiserver/types";
import { serviceAccountUser, serviceAccountUsername } from "@/core/rbac/subjects";
import type { ObjectClient } from "@/core/store/types";

/** The signing key's file name in DATA_DIR (PKCS#8 PEM, mode 0600). */
export const SA_SIGNING_KEY_FILE = "sa-signing.key";

/** The issuer and default audience, as kubeadm clusters name the API server. */
export const DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

/** TokenRequest's default and limits (authentication/v1 validation). */
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

/** The extra key Kubernetes sets to the token's `jti` so audit logs can tell tokens apart. */
export const CREDENTIAL_ID_EXTRA = "authentication.kubernetes.io/credential-id";

export interface IssueServiceAccountTokenInput {
  namespace: string;
  /** The ServiceAccount's name. */
  name: string;
  /** The ServiceAccount's metadata.uid: the token dies with this object. */
  uid: string;
  /** Defaults to the API server's audiences; a token without one of them does not authenticate here. */
  audiences?: string[];
  /** Default 3600; at least 600 and at most 2^32, as Kubernetes validates TokenRequest. */
  expirationSeconds?: number;
  /**
   * The object the token is bound to (TokenRequest's spec.boundObjectRef, already checked to exist
   * with this uid): the token names it in its claims and stops authenticating once it is gone.
   */
  boundObject?: BoundObject;
}

/** The kinds a token can be bound to (core/v1), as Kubernetes' TokenRequest allows them. */
export type BoundObjectKind = "Pod" | "Secret" | "Node";

export interface BoundObject {
  kind: BoundObjectKind;
  name: string;
  uid: string;
}

/** The claim key of each bound kind inside the `kubernetes.io` claim. */
const BOUND_CLAIM: Record<BoundObjectKind, "pod" | "secret" | "node"> = { Pod: "pod", Secret: "secret", Node: "node" };

/** What goes into TokenRequest.status. */
export interface IssuedServiceAccountToken {
  token: string;
  /** RFC 3339, TokenRequest's `status.expirationTimestamp`. */
  expirationTimestamp: string;
  /** The token's audiences (the API server's when the request named none): TokenRequest's `spec.audiences`. */
  audiences: string[];
  /** The lifetime the token got: TokenRequest's `spec.expirationSeconds`. */
  expirationSeconds: number;
}

/** The current ServiceAccount `namespace/name` (its metadata), or undefined when it does not exist. */
export type ServiceAccountLookup = (
  namespace: string,
  name: string,
) => { metadata: { uid?: string; deletionTimestamp?: string } } | undefined | Promise<{ metadata: { uid?: string; deletionTimestamp?: string } } | undefined>;

/**
 * The current Pod, Secret (in `namespace`) or Node (cluster-scoped: `namespace` is "") a bound
 * token names, or undefined when it does not exist.
 */
export type BoundObjectLookup = (
  kind: BoundObjectKind,
  namespace: string,
  name: string,
) => { metadata: { uid?: string; deletionTimestamp?: string } } | undefined | Promise<{ metadata: { uid?: string; deletionTimestamp?: string } } | undefined>;

/** A bound-object lookup over the cluster's store. */
export function boundObjectLookup(store: Pick<ObjectClient, "get">): BoundObjectLookup {
  return (kind, namespace, name) => {
    const type = resourceTypeByKind("", kind);
    if (!type) return undefined;
    return store.get(type, type.namespaced ? namespace : undefined, name);
  };
}

/** A lookup that reads ServiceAccounts from the cluster's store (reads are from memory, so this is cheap per request). */
export function serviceAccountLookup(store: Pick<ObjectClient, "get">): ServiceAccountLookup {
  const type = resourceTypeByKind("", "ServiceAccount");
  if (!type) throw new Error("ServiceAccount is not a served kind");
  return (namespace, name) => store.get(type, namespace, name);
}

export interface ServiceAccountTokensConfig {
  /** Where the signing key lives; generated there on first use. Usually `$DATA_DIR/sa-signing.key`. */
  keyFile: string;
  /** Default {@link DEFAULT_ISSUER}. */
  issuer?: string;
  /** The audiences this API server accepts (kube-apiserver's --api-audiences). Default `[issuer]`. */
  apiAudiences?: string[];
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Key id as Kubernetes derives it: base64url SHA-256 of the DER public key. */
  kid: string;
}

interface KubernetesClaims {
  namespace?: unknown;
  serviceaccount?: { name?: unknown; uid?: unknown };
  pod?: { name?: unknown; uid?: unknown };
  secret?: { name?: unknown; uid?: unknown };
  node?: { name?: unknown; uid?: unknown };
}

/**
 * Reads the ES256 key from `file`, creating it first when missing. A new key is written to a
 * temporary file and hard-linked into place, so two bundles starting at once agree on one key
 * and nobody ever reads a half-written file.
 */
function loadOrCreateKey(file: string): SigningKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    fs.writeFileSync(tmp, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (linkErr) {
      if ((linkErr as NodeJS.ErrnoException).code !== "EEXIST") throw linkErr;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    pem = fs.readFileSync(file, "utf8");
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const kid = createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("base64url");
  return { privateKey, publicKey, kid };
}

/**
 * TokenRequest's static validation of spec.expirationSeconds (at least 600, at most 2^32): 422
 * Invalid naming no object, as Kubernetes writes it (`TokenRequest.authentication.k8s.io "" is invalid: …`).
 */
export function validateExpirationSeconds(seconds: number): void {
  const field = "spec.expirationSeconds";
  const causes = [];
  if (!Number.isInteger(seconds)) causes.push({ reason: CauseType.Invalid, message: `Invalid value: ${seconds}: must be a whole number of seconds`, field });
  else if (seconds < MIN_EXPIRATION_SECONDS) causes.push({ reason: CauseType.Invalid, message: `Invalid value: ${seconds}: may not specify a duration less than 10 minutes`, field });
  else if (seconds > MAX_EXPIRATION_SECONDS) causes.push({ reason: CauseType.Invalid, message: `Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds`, field });
  if (causes.length) throw invalid({ group: "authentication.k8s.io", kind: "TokenRequest", name: "" }, causes);
}

/** True when `token` has the shape of a JWT (three base64url parts), checked before verifying. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/**
 * Issues and verifies ServiceAccount tokens as kube-apiserver does for TokenRequest: ES256
 * JWTs with `iss`, `sub = system:serviceaccount:<ns>:<name>`, `aud`, `exp`, `iat`, `nbf`,
 * `jti` and the private `kubernetes.io` claim naming the namespace and ServiceAccount (name
 * and uid).
 */
export class ServiceAccountTokens {
  private readonly keyFile: string;
  private readonly issuer: string;
  private readonly apiAudiences: string[];
  private readonly now: () => number;
  private key?: SigningKey;

  constructor(cfg: ServiceAccountTokensConfig) {
    if (!cfg.keyFile) throw new Error("ServiceAccountTokens needs a keyFile");
    this.keyFile = cfg.keyFile;
    this.issuer = cfg.issuer ?? DEFAULT_ISSUER;
    this.apiAudiences = cfg.apiAudiences?.length ? cfg.apiAudiences : [this.issuer];
    this.now = cfg.now ?? Date.now;
  }

  /** The signing key (created in the key file on first use). */
  private signingKey(): SigningKey {
    this.key ??= loadOrCreateKey(this.keyFile);
    return this.key;
  }

  /** Creates the key file now rather than at the first token request. */
  ensureKey(): void {
    this.signingKey();
  }

  /**
   * A token for ServiceAccount `namespace/name` with that uid. Throws 422 Invalid on
   * `spec.expirationSeconds` as Kubernetes' TokenRequest validation does. The caller (the
   * `serviceaccounts/<name>/token` subresource) checks that the ServiceAccount exists and
   * that the requester may `create serviceaccounts/token`.
   */
  async issue(input: IssueServiceAccountTokenInput): Promise<IssuedServiceAccountToken> {
    const seconds = input.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
    validateExpirationSeconds(seconds);

    const key = this.signingKey();
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + seconds;
    const audiences = input.audiences?.length ? input.audiences : this.apiAudiences;
    const bound = input.boundObject ? { [BOUND_CLAIM[input.boundObject.kind]]: { name: input.boundObject.name, uid: input.boundObject.uid } } : {};
    const token = await new SignJWT({
      "kubernetes.io": { namespace: input.namespace, serviceaccount: { name: input.name, uid: input.uid }, ...bound },
    })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(this.issuer)
      .setSubject(serviceAccountUsername(input.namespace, input.name))
      .setAudience(audiences)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { token, expirationTimestamp: rfc3339(exp * 1000), audiences, expirationSeconds: seconds };
  }

  /**
   * The ServiceAccount's identity (`system:serviceaccount:<ns>:<name>`, groups
   * `system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`) when
   * `token` is a valid, unexpired token of ours for one of the API audiences and that
   * ServiceAccount still exists, with the same uid and not being deleted; undefined otherwise.
   * A token bound to a Pod, Secret or Node also needs that object, with its uid, until its
   * deletionTimestamp passes (`boundLookup`; without one a bound token does not authenticate).
   */
  async verify(token: string, lookup: ServiceAccountLookup, boundLookup?: BoundObjectLookup): Promise<UserInfo | undefined> {
    if (!looksLikeJwt(token)) return undefined;
    const key = this.signingKey();
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key.publicKey, {
        algorithms: ["ES256"],
        issuer: this.issuer,
        audience: this.apiAudiences,
        currentDate: new Date(this.now()),
        requiredClaims: ["exp", "sub"],
      }));
    } catch {
      return undefined;
    }
    const k8s = payload["kubernetes.io"] as KubernetesClaims | undefined;
    const namespace = k8s?.namespace;
    const name = k8s?.serviceaccount?.name;
    const uid = k8s?.serviceaccount?.uid;
    if (typeof namespace !== "string" || typeof name !== "string" || typeof uid !== "string") return undefined;
    if (payload.sub !== serviceAccountUsername(namespace, name)) return undefined;
    const sa = await lookup(namespace, name);
    if (!sa || sa.metadata.uid !== uid || sa.metadata.deletionTimestamp) return undefined;
    for (const kind of Object.keys(BOUND_CLAIM) as BoundObjectKind[]) {
      const ref = k8s?.[BOUND_CLAIM[kind]];
      if (ref === undefined) continue;
      if (!boundLookup || typeof ref?.name !== "string" || typeof ref.uid !== "string") return undefined;
      const obj = await boundLookup(kind, kind === "Node" ? "" : namespace, ref.name);
      if (!obj || obj.metadata.uid !== ref.uid) return undefined;
      const deleting = obj.metadata.deletionTimestamp;
      if (deleting && Date.parse(deleting) < this.now()) return undefined;
    }
    const user = serviceAccountUser(namespace, name, uid);
    return typeof payload.jti === "string" ? { ...user, extra: { [CREDENTIAL_ID_EXTRA]: [`JTI=${payload.jti}`] } } : user;
  }
}
