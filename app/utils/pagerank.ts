/**
 * Weighted PageRank over a directed graph of `nodes` numbered 0…nodes−1, its edges given as three
 * parallel arrays (an edge from `sources[i]` to `targets[i]` of weight `weights[i]`, weights > 0).
 *
 * Each round, every node keeps (1 − d)/N, and hands d × its score to the nodes it points at, in
 * proportion to the weights of its edges; a node that points nowhere hands its share to every
 * node alike. Rounds stop when the scores move by less than `tolerance` in all (L1), or after
 * `maxIterations`. The scores sum to 1.
 */
export type WeightedGraph = {
  nodes: number;
  sources: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** How many of the arrays' entries are edges (the arrays may be longer). */
  edges: number;
};

export type PageRankOptions = {
  damping: number;
  tolerance?: number;
  maxIterations?: number;
  /** Awaited between rounds, so a large graph lets other work run (a server's requests). */
  pause?: () => Promise<void>;
};

/** How many edges a round adds up between pauses. */
const EDGES_PER_SLICE = 1_000_000;

export async function pageRank(
  graph: WeightedGraph,
  { damping, tolerance = 1e-10, maxIterations = 100, pause }: PageRankOptions,
): Promise<{ scores: Float64Array; iterations: number }> {
  const { nodes, sources, targets, weights, edges } = graph;
  if (nodes === 0) return { scores: new Float64Array(0), iterations: 0 };
  const outWeight = new Float64Array(nodes);
  for (let i = 0; i < edges; i++) outWeight[sources[i]] += weights[i];

  let scores = new Float64Array(nodes).fill(1 / nodes);
  let next = new Float64Array(nodes);
  const share = new Float64Array(nodes);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    let dangling = 0;
    for (let node = 0; node < nodes; node++) {
      if (outWeight[node] > 0) share[node] = (damping * scores[node]) / outWeight[node];
      else dangling += scores[node];
    }
    next.fill((1 - damping) / nodes + (damping * dangling) / nodes);
    // A round over millions of edges goes in slices, so a server answers requests in between.
    for (let start = 0; start < edges; start += EDGES_PER_SLICE) {
      const end = Math.min(edges, start + EDGES_PER_SLICE);
      for (let i = start; i < end; i++) next[targets[i]] += share[sources[i]] * weights[i];
      if (pause && end < edges) await pause();
    }
    let change = 0;
    for (let node = 0; node < nodes; node++) change += Math.abs(next[node] - scores[node]);
    [scores, next] = [next, scores];
    if (change < tolerance) break;
    if (pause) await pause();
  }
  return { scores, iterations };
}

/**
 * Ranks by score, highest first: 1, 2, 2, 4 for ties (as sports tables and SQL's rank() do): one
 * plus how many scores are higher. The scores are sorted natively (no comparator, which took
 * hundreds of milliseconds for 200,000 members), then each found by binary search.
 */
export function rankByScore(scores: Float64Array): Int32Array {
  const ascending = Float64Array.from(scores).sort();
  const ranks = new Int32Array(scores.length);
  for (let node = 0; node < scores.length; node++) {
    // The first position holding a score above this one.
    let low = 0;
    let high = ascending.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ascending[middle] <= scores[node]) low = middle + 1;
      else high = middle;
    }
    ranks[node] = ascending.length - low + 1;
  }
  return ranks;
}
