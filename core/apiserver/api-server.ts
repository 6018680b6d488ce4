// Why: the one request pipeline (authorize → decode → default → validate → admit → store) that REST, GraphQL and the console all call.

import { rfc3339, type Clock } from "../clock/clock";
import { badRequest } from "../api/errors";
import { applyDefaults } from "../api/defaults/defaults";
import { resourceTypeFor, type ResourceType } from "../api/resources";
import { updateManagedFields } from "../api/patch/managed-fields";
import { decodeObject, type FieldValidation } from "../api/schema/decode";
import type { KubeObject } from "../api/types";
import { throwIfInvalid, validateCreate, validateUpdate } from "../api/validation/validate";
import type { CreateOptions, DeleteOptions, ListOptions, ListResult, ObjectClient, ObjectStore, UpdateOptions, Watch, WatchEvent, WatchOptions } from "../store/types";
import { admitNamespaceDelete, admitNamespaceForCreate, admitPodCreate } from "./admission";
import { allowAllAuthorizer, forbiddenError, requestNamespace, type AuthorizationAttributes, type Authorizer } from "./authorizer";
import { applyManifest } from "./apply";
import { auditResult, type AuditOutcome, type AuditRecord, type AuditSink, type AuditSource } from "./audit";
import { ServiceAllocator } from "./service-allocation/service-allocator";
import type { ApiServerApi, ApplyOptions, ApplyResult, UserInfo } from "./types";

export interface ApiServerConfig {
  store: ObjectStore;
  clock: Clock;
  /** Default: everyone may do everything. */
  authorizer?: Authorizer;
  /**
   * The last admission step of every create and update made for a user (RBAC escalation
   * prevention): throws to refuse. `planned` finds objects the same request is about to store
   * (an applied manifest's Role, read for its RoleBinding) before the store has them.
   */
  writeCheck?: (user: UserInfo, type: ResourceType, object: KubeObject, prev?: KubeObject, planned?: PlannedObjects) => void;
  /** Service cluster IP range (default 10.96.0.0/12) and node port range (default 30000-32767), as kube-apiserver's flags. */
  serviceCIDR?: string;
  nodePortRange?: string;
  /**
   * Receives one record per mutating request made through a client that names its
   * {@link ClientOptions.source} (the transports); must not throw or block (a throw is swallowed).
   */
  audit?: AuditSink;
}

/** An object one request is about to store, by API group, kind, namespace (undefined when cluster-scoped) and name. */
export type PlannedObjects = (group: string, kind: string, namespace: string | undefined, name: string) => KubeObject | undefined;

/** Per-client request options: how to treat unknown fields and where their warnings go. */
export interface ClientOptions {
  /** Default "Warn", as the Kubernetes apiserver when the request names none. */
  fieldValidation?: FieldValidation;
  /** Receives each warning (`unknown field "spec.replica"`), as Kubernetes' Warning response headers. */
  onWarning?: (warning: string) => void;
  /**
   * Who this client writes as in `metadata.managedFields` (REST: the request's `fieldManager`,
   * else the User-Agent's prefix, e.g. `kubectl-scale`). Without one, writes record no entry.
   */
  fieldManager?: string;
  /**
   * The transport the requests come through. Set, every write (create, update, patch, delete,
   * deletecollection, allowed or refused) is reported to the apiserver's audit sink; unset (the
   * controllers, scheduler and kubelets writing through the pipeline) nothing is.
   */
  source?: AuditSource;
  /** The authenticated user when `user` is the one it impersonates (kubectl --as): recorded in the audit log. */
  impersonatedBy?: string;
  /**
   * The transport already authorized the request on this subresource of the object the client
   * reads and writes (`pods/eviction`, `deployments/scale`): calls through the client are not
   * authorized again on the parent, as Kubernetes' subresource storage reads and writes the
   * parent itself (`kubectl scale` needs `patch deployments/scale`, not `update deployments`).
   * Admission, managedFields and audit still apply.
   */
  authorizedSubresource?: string;
}

/** Per-call additions to the store's options (REST's `?fieldValidation=`, `?fieldManager=`). */
export interface AdmissionOptions {
  fieldValidation?: FieldValidation;
  /** Overrides the client's {@link ClientOptions.fieldManager} for this write. */
  fieldManager?: string;
  /** The subresource the write came through when it is not `status` (`scale`): the managedFields entry names it. */
  managedSubresource?: string;
  /** The caller already wrote managedFields (server-side apply's `Apply` entry): record nothing more. */
  managedFieldsRecorded?: boolean;
  /**
   * The request's verb when the write is a PATCH (a patch is applied to the live object and
   * stored as an update; server-side apply may create): authorized and audited as `patch`.
   */
  verb?: "patch";
}

/** What an audit record says about a request, before its outcome is known. */
export interface AuditRequest {
  user: UserInfo;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  source: AuditSource;
  impersonatedBy?: string;
  dryRun?: boolean;
}

/** Extra options of {@link ApiServer.apply}: kubectl's default is Strict; warnings as in {@link ClientOptions}. */
export interface ApplyRequestOptions extends ApplyOptions, ClientOptions {}

/** What admission produced for one write, before it is stored. */
export interface Admitted {
  type: ResourceType;
  object: KubeObject;
  warnings: string[];
}

/** The type of an object's apiVersion/kind, or 404 as the apiserver answers for an unserved kind. */
export function typeOfObject(obj: KubeObject): ResourceType {
  if (!obj || typeof obj !== "object") throw badRequest("Object is not a Kubernetes object");
  if (!obj.apiVersion || !obj.kind) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
  const type = resourceTypeFor(obj.apiVersion, obj.kind);
  if (!type) throw badRequest(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  return type;
}

/**
 * The apiserver pipeline. `client(user)` gives an ObjectClient whose calls are authorized,
 * decoded (unknown fields per `fieldValidation`), defaulted, validated and admitted before they
 * reach the store; `apply` does the same for a whole manifest, all documents first.
 */
export class ApiServer implements ApiServerApi {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly authorizer: Authorizer;
  private readonly writeCheck?: ApiServerConfig["writeCheck"];
  private readonly auditSink?: AuditSink;
  /** Cluster IPs and node ports of Services (the service registry's allocators). */
  readonly services: ServiceAllocator;

  constructor(cfg: ApiServerConfig) {
    if (!cfg.store) throw new Error("ApiServer needs a store");
    this.store = cfg.store;
    this.clock = cfg.clock;
    this.authorizer = cfg.authorizer ?? allowAllAuthorizer;
    this.writeCheck = cfg.writeCheck;
    this.auditSink = cfg.audit;
    this.services = new ServiceAllocator({ store: cfg.store, clock: cfg.clock, serviceCIDR: cfg.serviceCIDR, nodePortRange: cfg.nodePortRange });
  }

  /** Throws 403 Forbidden unless the authorizer allows the request. */
  authorize(attrs: AuthorizationAttributes): void {
    const d = this.authorizer.authorize(attrs);
    if (!d.allowed) throw forbiddenError(attrs, d.reason);
  }

  /**
   * Reports one mutating request and how it ended to the audit sink, timed by the Clock. Never
   * throws: a failing sink must not fail (or slow) the request it describes.
   */
  recordAudit(req: AuditRequest, outcome: AuditOutcome): void {
    if (!this.auditSink) return;
    try {
      const record: AuditRecord = {
        time: this.clock.now(),
        user: req.user.name,
        groups: [...req.user.groups],
        verb: req.verb,
        apiGroup: req.group,
        resource: req.resource,
        ...(req.subresource ? { subresource: req.subresource } : {}),
        ...(req.namespace ? { namespace: req.namespace } : {}),
        ...(req.name ? { name: req.name } : {}),
        ...auditResult(outcome),
        source: req.source,
        ...(req.impersonatedBy ? { impersonatedBy: req.impersonatedBy } : {}),
        ...(req.dryRun ? { dryRun: true } : {}),
      };
      this.auditSink(record);
    } catch {
      // The audit log is best effort; the request's answer does not depend on it.
    }
  }

  /** Decode, default, validate and admit a new object (nothing is stored). */
  admitCreate(raw: KubeObject, fieldValidation: FieldValidation, pendingNamespaces?: ReadonlySet<string>, user?: UserInfo, planned?: PlannedObjects): Admitted {
    const type = typeOfObject(raw);
    const { object, warnings } = decodeObject(raw, { fieldValidation });
    object.metadata ??= {};
    applyDefaults(object, type);
    if (type.group === "" && type.kind === "Pod") admitPodCreate(object);
    throwIfInvalid(object, type, validateCreate(object, type));
    admitNamespaceForCreate(this.store, type, object, pendingNamespaces);
    if (user) this.writeCheck?.(user, type, object, undefined, planned);
    this.services.admitCreate(type, object);
    return { type, object, warnings };
  }

  /** Decode, default and validate a replacement of `prev` (nothing is stored). */
  admitUpdate(raw: KubeObject, prev: KubeObject, fieldValidation: FieldValidation, user?: UserInfo, planned?: PlannedObjects): Admitted {
    const type = typeOfObject(raw);
    const { object, warnings } = decodeObject(raw, { fieldValidation });
    object.metadata ??= {};
    applyDefaults(object, type);
    // BeforeUpdate: the server keeps what only it sets.
    const m = object.metadata;
    m.uid ||= prev.metadata.uid;
    m.creationTimestamp = prev.metadata.creationTimestamp;
    m.generation = prev.metadata.generation;
    if (prev.metadata.deletionTimestamp) m.deletionTimestamp = prev.metadata.deletionTimestamp;
    if (prev.metadata.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = prev.metadata.deletionGracePeriodSeconds;
    this.services.prepareUpdate(type, object, prev);
    throwIfInvalid(object, type, validateUpdate(object, prev, type));
    if (user) this.writeCheck?.(user, type, object, prev, planned);
    this.services.admitUpdate(type, object, prev);
    return { type, object, warnings };
  }

  client(user: UserInfo, opts: ClientOptions = {}): ObjectClient {
    return new PipelineClient(this, user, opts);
  }

  apply(user: UserInfo, manifest: string, opts: ApplyRequestOptions = {}): Promise<ApplyResult[]> {
    return applyManifest(this, user, manifest, opts);
  }
}

function nsOf(type: ResourceType, ns: string | undefined): string | undefined {
  return type.namespaced ? ns : undefined;
}

/** The ObjectClient handed to one user: every call goes through the pipeline. */
class PipelineClient implements ObjectClient {
  constructor(
    private readonly server: ApiServer,
    private readonly user: UserInfo,
    private readonly opts: ClientOptions,
  ) {}

  /** The authorizer's attributes, in the namespace kube-apiserver would ask in (see requestNamespace). */
  private attrs(verb: string, type: ResourceType, namespace: string | undefined, name?: string, subresource?: string): AuthorizationAttributes {
    const ns = requestNamespace(type, namespace, name);
    return {
      user: this.user,
      verb,
      group: type.group,
      resource: type.plural,
      ...(subresource ? { subresource } : {}),
      ...(ns ? { namespace: ns } : {}),
      ...(name ? { name } : {}),
    };
  }

  /**
   * Runs one write and reports it to the audit sink when this client has a source: the
   * attributes it was authorized with, and its success code or the error it failed with.
   */
  private async audited<T>(attrs: AuthorizationAttributes, code: number, dryRun: boolean | undefined, run: () => Promise<T>): Promise<T> {
    const source = this.opts.source;
    if (!source) return run();
    const { user, verb, group, resource, subresource, namespace, name } = attrs;
    const req: AuditRequest = { user, verb, group, resource, subresource, namespace, name, source, impersonatedBy: this.opts.impersonatedBy, dryRun };
    try {
      const result = await run();
      this.server.recordAudit(req, { code });
      return result;
    } catch (error) {
      this.server.recordAudit(req, { error });
      throw error;
    }
  }

  /** Authorizes a call unless the transport authorized the request on a subresource (ClientOptions.authorizedSubresource). */
  private check(attrs: AuthorizationAttributes): void {
    if (!this.opts.authorizedSubresource) this.server.authorize(attrs);
  }

  private warn(warnings: string[]): void {
    for (const w of warnings) this.opts.onWarning?.(w);
  }

  private mode(o?: AdmissionOptions): FieldValidation {
    return o?.fieldValidation ?? this.opts.fieldValidation ?? "Warn";
  }

  /**
   * The object with this write's `Update` entry in metadata.managedFields, as every Kubernetes
   * write records one (create, update, non-apply patch); unchanged without a field manager.
   */
  private recordManager(prev: KubeObject | undefined, next: KubeObject, opts: AdmissionOptions, subresource?: string): KubeObject {
    const manager = opts.fieldManager ?? this.opts.fieldManager;
    if (!manager || opts.managedFieldsRecorded) return next;
    const sub = subresource ?? opts.managedSubresource;
    return updateManagedFields(prev, next, manager, "Update", rfc3339(this.server.clock.now()), sub ? { subresource: sub } : {});
  }

  /**
   * Creates `obj`. A server-side apply that finds nothing creates too: it is audited as `patch`
   * (`opts.verb`) and answered 201, and needs `create` as well as `patch`, as Kubernetes' patch
   * handler authorizes the create it turns into.
   */
  async create<T extends KubeObject>(obj: T, opts: CreateOptions & AdmissionOptions = {}): Promise<T> {
    const type = typeOfObject(obj);
    const namespace = obj.metadata?.namespace;
    const name = obj.metadata?.name || undefined;
    const attrs = this.attrs(opts.verb ?? "create", type, namespace, opts.verb ? name : undefined);
    // The audit names the object the request names (absent with generateName); authorizing a create does not.
    const audit = { ...attrs, ...(name ? { name } : {}) };
    return this.audited(audit, 201, opts.dryRun, async () => {
      this.check(attrs);
      if (opts.verb) this.check(this.attrs("create", type, namespace));
      const admitted = this.server.admitCreate(obj, this.mode(opts), undefined, this.user);
      this.warn(admitted.warnings);
      return this.server.services.settle(admitted.object, this.server.store.create(this.recordManager(undefined, admitted.object, opts) as T, { dryRun: opts.dryRun }));
    });
  }

  /**
   * Replaces an object (or its status or finalizers, `opts.subresource`). A write through another
   * subresource (`opts.managedSubresource`, `scale`) is authorized on that subresource
   * (`update deployments/scale`), as Kubernetes authorizes `kubectl scale`; a PATCH passes `verb: "patch"`.
   */
  async update<T extends KubeObject>(obj: T, opts: UpdateOptions & AdmissionOptions = {}): Promise<T> {
    const type = typeOfObject(obj);
    const ns = nsOf(type, obj.metadata?.namespace);
    const name = obj.metadata?.name ?? "";
    const attrs = this.attrs(opts.verb ?? "update", type, ns, name, opts.subresource ?? opts.managedSubresource);
    return this.audited(attrs, 200, opts.dryRun, async () => {
      this.check(attrs);
      const prev = this.server.store.get(type, ns, name);
      if (!prev || opts.subresource) {
        // Absent: the store answers 404. Subresources change only status or finalizers: decode them, keep the rest.
        const { object, warnings } = decodeObject(obj, { fieldValidation: this.mode(opts) });
        this.warn(warnings);
        return this.server.store.update(object as T, opts);
      }
      const admitted = this.server.admitUpdate(obj, prev, this.mode(opts), this.user);
      this.warn(admitted.warnings);
      return this.server.services.settle(admitted.object, this.server.store.update(this.recordManager(prev, admitted.object, opts) as T, { dryRun: opts.dryRun }));
    });
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<KubeObject> {
    const attrs = this.attrs("delete", type, namespace, name);
    return this.audited(attrs, 200, opts?.dryRun, async () => {
      this.check(attrs);
      admitNamespaceDelete(type, name);
      return this.server.store.delete(type, nsOf(type, namespace), name, opts);
    });
  }

  /**
   * deletecollection: one request, authorized once as `deletecollection` (no `list` or per-object
   * `delete` needed, as in Kubernetes), deleting every object `listOpts` selects; audited once.
   */
  async deleteCollection(type: ResourceType, listOpts: ListOptions = {}, opts?: DeleteOptions): Promise<ListResult> {
    const attrs = this.attrs("deletecollection", type, listOpts.namespace);
    return this.audited(attrs, 200, opts?.dryRun, async () => {
      this.check(attrs);
      const listed = this.server.store.list(type, { ...listOpts, limit: undefined, continue: undefined });
      const items: KubeObject[] = [];
      for (const o of listed.items) {
        admitNamespaceDelete(type, o.metadata.name ?? "");
        items.push(await this.server.store.delete(type, nsOf(type, o.metadata.namespace), o.metadata.name!, opts));
      }
      return { items, resourceVersion: listed.resourceVersion };
    });
  }

  get<T extends KubeObject = KubeObject>(type: ResourceType, namespace: string | undefined, name: string): T | undefined {
    this.check(this.attrs("get", type, namespace, name));
    return this.server.store.get<T>(type, nsOf(type, namespace), name);
  }

  list<T extends KubeObject = KubeObject>(type: ResourceType, opts?: ListOptions): ListResult<T> {
    this.check(this.attrs("list", type, opts?.namespace));
    return this.server.store.list<T>(type, opts);
  }

  watch<T extends KubeObject = KubeObject>(type: ResourceType, opts: WatchOptions, onEvent: (e: WatchEvent<T>) => void): Watch {
    this.check(this.attrs("watch", type, opts.namespace));
    return this.server.store.watch<T>(type, opts, onEvent);
  }
}
