/** Small deterministic min-cost flow (successive shortest paths with SPFA; integer costs). */
export class MinCostFlow {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly next: number[] = [];

  constructor(private readonly n: number) {
    this.head = new Array<number>(n).fill(-1);
  }

  /** Adds an edge; returns its index (the reverse edge is index ^ 1). */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    const e = this.to.length;
    this.push(u, v, capacity, cost);
    this.push(v, u, 0, -cost);
    return e;
  }

  flowOn(edge: number): number {
    return this.cap[edge ^ 1];
  }

  private push(u: number, v: number, c: number, w: number): void {
    this.to.push(v);
    this.cap.push(c);
    this.cost.push(w);
    this.next.push(this.head[u]);
    this.head[u] = this.to.length - 1;
  }

  /** Augments along cheapest paths while they have negative cost (minimum-cost flow of any size). */
  run(source: number, sink: number): { flow: number; cost: number } {
    let flow = 0;
    let total = 0;
    const dist = new Array<number>(this.n);
    const inQueue = new Uint8Array(this.n);
    const prevEdge = new Int32Array(this.n);
    for (;;) {
      dist.fill(Infinity);
      prevEdge.fill(-1);
      dist[source] = 0;
      const queue: number[] = [source];
      inQueue[source] = 1;
      for (let qi = 0; qi < queue.length; qi++) {
        const u = queue[qi];
        inQueue[u] = 0;
        for (let e = this.head[u]; e !== -1; e = this.next[e]) {
          if (this.cap[e] <= 0) continue;
          const v = this.to[e];
          const nd = dist[u] + this.cost[e];
          if (nd < dist[v]) {
            dist[v] = nd;
            prevEdge[v] = e;
            if (!inQueue[v]) {
              inQueue[v] = 1;
              queue.push(v);
            }
          }
        }
      }
      if (dist[sink] === Infinity || dist[sink] >= 0) break;
      let push = Infinity;
      for (let v = sink; v !== source; v = this.to[prevEdge[v] ^ 1])
        push = Math.min(push, this.cap[prevEdge[v]]);
      for (let v = sink; v !== source; v = this.to[prevEdge[v] ^ 1]) {
        this.cap[prevEdge[v]] -= push;
        this.cap[prevEdge[v] ^ 1] += push;
      }
      flow += push;
      total += push * dist[sink];
    }
    return { flow, cost: total };
  }
}
