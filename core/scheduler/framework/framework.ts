// Why: runs one scheduling attempt through the enabled plugins and keeps every intermediate result, so decisions can be explained.

import type { Pod } from "../../api/types";
import { DEFAULT_PLUGINS, PLUGIN_REGISTRY, type PluginConfig, type PluginFactory } from "../registry";
import {
  isBind,
  isFilter,
  isPreFilter,
  isScore,
  type BindPlugin,
  type CycleState,
  type FilterPlugin,
  type FrameworkHandle,
  type NodeInfo,
  type PluginStatus,
  type PreFilterPlugin,
  type ScorePlugin,
  type Status,
  type StatusCode,
} from "./types";

/** A node a filter rejected, and why. */
export interface FilterRejection {
  node: string;
  plugin: string;
  code: StatusCode;
  reasons: string[];
}

/** One plugin's score for one node: raw, after normalization, and its weight. */
export interface PluginScore {
  raw: number;
  normalized: number;
  weight: number;
}

/** A feasible node's scores per plugin and the weighted total. */
export interface NodeScore {
  node: string;
  plugins: Record<string, PluginScore>;
  total: number;
}

/** Everything one attempt computed before binding. */
export interface AlgorithmResult {
  /** Number of nodes considered. */
  numNodes: number;
  /** A PreFilter rejection ends the attempt before any Filter. */
  preFilter?: PluginStatus;
  rejected: FilterRejection[];
  feasible: string[];
  scores: NodeScore[];
  /** The highest-scoring node (ties broken at random), when one is feasible. */
  selectedNode?: string;
}

/** How the framework is configured. */
export interface FrameworkConfig {
  handle: FrameworkHandle;
  /** Enabled plugins, in order; default: {@link DEFAULT_PLUGINS}. */
  plugins?: readonly PluginConfig[];
  /** Extra or replacement factories by name. */
  registry?: Readonly<Record<string, PluginFactory>>;
  /** Tie-breaking among equal top scores; returns [0, 1). */
  random?: () => number;
}

/** The enabled plugins sorted by extension point, and the algorithm that runs them. */
export class Framework {
  readonly preFilters: PreFilterPlugin[] = [];
  readonly filters: FilterPlugin[] = [];
  readonly scorers: { plugin: ScorePlugin; weight: number }[] = [];
  readonly binders: BindPlugin[] = [];
  private readonly random: () => number;

  constructor(config: FrameworkConfig) {
    const registry = { ...PLUGIN_REGISTRY, ...config.registry };
    this.random = config.random ?? Math.random;
    for (const pc of config.plugins ?? DEFAULT_PLUGINS) {
      const factory = registry[pc.name];
      if (!factory) throw new Error(`scheduler: unknown plugin "${pc.name}"`);
      const p = factory(config.handle);
      if (isPreFilter(p)) this.preFilters.push(p);
      if (isFilter(p)) this.filters.push(p);
      if (isScore(p)) this.scorers.push({ plugin: p, weight: pc.weight ?? 1 });
      if (isBind(p)) this.binders.push(p);
    }
  }

  /** PreFilter, Filter on every node, Score with normalization and weights, then pick the best node. */
  run(pod: Pod, nodes: readonly NodeInfo[]): AlgorithmResult {
    const state: CycleState = new Map();
    const result: AlgorithmResult = { numNodes: nodes.length, rejected: [], feasible: [], scores: [] };
    for (const p of this.preFilters) {
      const s = p.preFilter(state, pod, nodes);
      if (s && s.code !== "Skip") {
        result.preFilter = { ...s, plugin: p.name };
        return result;
      }
    }
    const feasible: NodeInfo[] = [];
    for (const n of nodes) {
      const rejection = this.filterOne(state, pod, n);
      if (rejection) result.rejected.push(rejection);
      else feasible.push(n);
    }
    result.feasible = feasible.map((n) => n.name);
    if (feasible.length === 0) return result;
    result.scores = this.score(state, pod, feasible);
    result.selectedNode = this.select(result.scores);
    return result;
  }

  /** Runs the Bind plugins in order until one handles the pod. */
  async bind(pod: Pod, nodeName: string): Promise<Status> {
    for (const b of this.binders) {
      const s = await b.bind(pod, nodeName);
      if (s?.code === "Skip") continue;
      return s ? { ...s, plugin: b.name } : null;
    }
    return { code: "Error", reasons: ["no bind plugin bound the pod"] };
  }

  private filterOne(state: CycleState, pod: Pod, node: NodeInfo): FilterRejection | undefined {
    for (const f of this.filters) {
      let s: Status;
      try {
        s = f.filter(state, pod, node);
      } catch (e) {
        s = { code: "Error", reasons: [e instanceof Error ? e.message : String(e)] };
      }
      if (s && s.code !== "Skip") return { node: node.name, plugin: f.name, code: s.code, reasons: s.reasons };
    }
    return undefined;
  }

  private score(state: CycleState, pod: Pod, nodes: NodeInfo[]): NodeScore[] {
    const out = nodes.map((n): NodeScore => ({ node: n.name, plugins: {}, total: 0 }));
    for (const { plugin, weight } of this.scorers) {
      const raw = new Map<string, number>();
      for (const n of nodes) raw.set(n.name, plugin.score(state, pod, n));
      const normalized = new Map(raw);
      plugin.normalizeScore?.(state, pod, normalized);
      for (const ns of out) {
        const r = raw.get(ns.node) ?? 0;
        const v = normalized.get(ns.node) ?? 0;
        ns.plugins[plugin.name] = { raw: r, normalized: v, weight };
        ns.total += v * weight;
      }
    }
    return out;
  }

  private select(scores: NodeScore[]): string | undefined {
    let best: string | undefined;
    let bestScore = -Infinity;
    let ties = 0;
    for (const s of scores) {
      if (s.total > bestScore) {
        best = s.node;
        bestScore = s.total;
        ties = 1;
      } else if (s.total === bestScore) {
        ties++;
        // Reservoir sampling, as kube-scheduler's selectHost does.
        if (Math.floor(this.random() * ties) === 0) best = s.node;
      }
    }
    return best;
  }
}
