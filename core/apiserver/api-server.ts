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
import { allowAllAuthorizer, forbiddenError, type AuthorizationAttributes, type Authorizer } from "./authorizer";
import { applyManifest } from "./apply";
import { ServiceAllocator } from "./service-allocation/service-allocator";
import type { ApiServerApi, ApplyOptions, ApplyResult, UserInfo } from "./types";

export interface ApiServerConfig {
  store: ObjectStore;
  clock: Clock;
  /** Default: everyone may do everything. */
  authorizer?: Authorizer;
  /** The last admission step of every create and update made for a user (RBAC escalation prevention): throws to refuse. */
  writeCheck?: (user: UserInfo, type: ResourceType, object: KubeObject, prev?: KubeObject) => void;
  /** Service cluster IP range (default 10.96.0.0/12) and node port range (default 30000-32767), as kube-apiserver's flags. */
  serviceCIDR?: string;
  nodePortRange?: string;
}

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
  /** Cluster IPs and node ports of Services (the service registry's allocators). */
  readonly services: ServiceAllocator;

  constructor(cfg: ApiServerConfig) {
    if (!cfg.store) throw new Error("ApiServer needs a store");
    this.store = cfg.store;
    this.clock = cfg.clock;
    this.authorizer = cfg.authorizer ?? allowAllAuthorizer;
    this.writeCheck = cfg.writeCheck;
    this.services = new ServiceAllocator({ store: cfg.store, clock: cfg.clock, serviceCIDR: cfg.serviceCIDR, nodePortRange: cfg.nodePortRange });
  }

  /** Throws 403 Forbidden unless the authorizer allows the request. */
  authorize(attrs: AuthorizationAttributes): void {
    const d = this.authorizer.authorize(attrs);
    if (!d.allowed) throw forbiddenError(attrs, d.reason);
  }

  /** Decode, default, validate and admit a new object (nothing is stored). */
  admitCreate(raw: KubeObject, fieldValidation: FieldValidation, pendingNamespaces?: ReadonlySet<string>, user?: UserInfo): Admitted {
    const type = typeOfObject(raw);
    const { object, warnings } = decodeObject(raw, { fieldValidation });
    object.metadata ??= {};
    applyDefaults(object, type);
    if (type.group === "" && type.kind === "Pod") admitPodCreate(object);
    throwIfInvalid(object, type, validateCreate(object, type));
    admitNamespaceForCreate(this.store, type, object, pendingNamespaces);
    if (user) this.writeCheck?.(user, type, object);
    this.services.admitCreate(type, object);
    return { type, object, warnings };
  }

  /** Decode, default and validate a replacement of `prev` (nothing is stored). */
  admitUpdate(raw: KubeObject, prev: KubeObject, fieldValidation: FieldValidation, user?: UserInfo): Admitted {
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
    if (user) this.writeCheck?.(user, type, object, prev);
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

  private attrs(verb: string, type: ResourceType, namespace: string | undefined, name?: string, subresource?: string): AuthorizationAttributes {
    return {
      user: this.user,
      verb,
      group: type.group,
      resource: type.plural,
      ...(subresource ? { subresource } : {}),
      ...(type.namespaced && namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
    };
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

  async create<T extends KubeObject>(obj: T, opts: CreateOptions & AdmissionOptions = {}): Promise<T> {
    const type = typeOfObject(obj);
    this.server.authorize(this.attrs("create", type, obj.metadata?.namespace));
    const admitted = this.server.admitCreate(obj, this.mode(opts), undefined, this.user);
    this.warn(admitted.warnings);
    return this.server.services.settle(admitted.object, this.server.store.create(this.recordManager(undefined, admitted.object, opts) as T, { dryRun: opts.dryRun }));
  }

  async update<T extends KubeObject>(obj: T, opts: UpdateOptions & AdmissionOptions = {}): Promise<T> {
    const type = typeOfObject(obj);
    const ns = nsOf(type, obj.metadata?.namespace);
    const name = obj.metadata?.name ?? "";
    this.server.authorize(this.attrs("update", type, ns, name, opts.subresource));
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
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<KubeObject> {
    this.server.authorize(this.attrs("delete", type, namespace, name));
    admitNamespaceDelete(type, name);
    return this.server.store.delete(type, nsOf(type, namespace), name, opts);
  }

  get<T extends KubeObject = KubeObject>(type: ResourceType, namespace: string | undefined, name: string): T | undefined {
    this.server.authorize(this.attrs("get", type, namespace, name));
    return this.server.store.get<T>(type, nsOf(type, namespace), name);
  }

  list<T extends KubeObject = KubeObject>(type: ResourceType, opts?: ListOptions): ListResult<T> {
    this.server.authorize(this.attrs("list", type, opts?.namespace));
    return this.server.store.list<T>(type, opts);
  }

  watch<T extends KubeObject = KubeObject>(type: ResourceType, opts: WatchOptions, onEvent: (e: WatchEvent<T>) => void): Watch {
    this.server.authorize(this.attrs("watch", type, opts.namespace));
    return this.server.store.watch<T>(type, opts, onEvent);
  }
}
