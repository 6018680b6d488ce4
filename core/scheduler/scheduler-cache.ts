// Why: the scheduler decides from its own view of nodes and their pods, including pods it has assumed but whose binding the watch has not yet shown.

import type { Node, Pod } from "../api/types";
import { objectKey } from "../api/types";
import { newNodeInfo } from "./framework/node-info";
import type { NodeInfo } from "./framework/types";

interface CachedPod {
  pod: Pod;
  nodeName: string;
  assumed: boolean;
}

/** Nodes and the pods bound (or assumed) to them, with per-node NodeInfo rebuilt only when something on that node changed. */
export class SchedulerCache {
  private readonly nodes = new Map<string, Node>();
  private readonly pods = new Map<string, CachedPod>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly infos = new Map<string, NodeInfo>();

  setNode(node: Node): void {
    const name = node.metadata.name ?? "";
    this.nodes.set(name, node);
    this.infos.delete(name);
  }

  removeNode(name: string): void {
    this.nodes.delete(name);
    this.infos.delete(name);
  }

  getNode(name: string): Node | undefined {
    return this.nodes.get(name);
  }

  nodeCount(): number {
    return this.nodes.size;
  }

  /** A pod the watch shows as bound to a node (confirms an assumed pod). */
  setPod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    this.put(objectKey(pod), { pod, nodeName, assumed: false });
  }

  removePod(key: string): void {
    const old = this.pods.get(key);
    if (!old) return;
    this.pods.delete(key);
    this.podsByNode.get(old.nodeName)?.delete(key);
    this.infos.delete(old.nodeName);
  }

  /** Counts `pod` on `nodeName` before the binding is visible, so the next pod sees its requests. */
  assume(pod: Pod, nodeName: string): void {
    const p = structuredClone(pod) as Pod;
    p.spec = { ...p.spec!, nodeName };
    this.put(objectKey(pod), { pod: p, nodeName, assumed: true });
  }

  /** Drops an assumed pod whose binding failed. Confirmed pods are left alone. */
  forget(key: string): void {
    if (this.pods.get(key)?.assumed) this.removePod(key);
  }

  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed ?? false;
  }

  /** Every node's current NodeInfo, sorted by node name. */
  nodeInfos(): NodeInfo[] {
    const names = [...this.nodes.keys()].sort();
    return names.map((n) => this.nodeInfo(n)!);
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const node = this.nodes.get(name);
    if (!node) return undefined;
    let info = this.infos.get(name);
    if (!info) {
      const pods = [...(this.podsByNode.get(name) ?? [])].map((k) => this.pods.get(k)!.pod);
      info = newNodeInfo(node, pods);
      this.infos.set(name, info);
    }
    return info;
  }

  private put(key: string, entry: CachedPod): void {
    const old = this.pods.get(key);
    if (old && old.nodeName !== entry.nodeName) {
      this.podsByNode.get(old.nodeName)?.delete(key);
      this.infos.delete(old.nodeName);
    }
    this.pods.set(key, entry);
    let set = this.podsByNode.get(entry.nodeName);
    if (!set) this.podsByNode.set(entry.nodeName, (set = new Set()));
    set.add(key);
    this.infos.delete(entry.nodeName);
  }
}
