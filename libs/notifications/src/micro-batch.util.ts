/**
 * Coalesces calls made in the same moment (the same turn of the event loop) into one batch call, and
 * resolves each caller with its own result. The worker runs MAIL_CONCURRENCY send jobs at once: reading
 * their outbox rows and marking them sent one statement per row made the database round trips, not SMTP,
 * the bottleneck. Each caller still awaits its own write, so nothing is acknowledged before it is stored.
 */
export class MicroBatch<K, R> {
  private pending: Array<{ key: K; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private timer?: NodeJS.Timeout | NodeJS.Immediate;

  constructor(
    private readonly run: (keys: K[]) => Promise<Map<K, R> | void>,
    private readonly maxSize = 100,
    private readonly fallback?: R,
    /** 0: the calls of this turn of the event loop; > 0: also those of the next `waitMs` ms (bigger batches). */
    private readonly waitMs = 0,
  ) {}

  call(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        this.timer =
          this.waitMs > 0
            ? setTimeout(() => this.flush(), this.waitMs)
            : setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    if (this.timer && this.waitMs > 0) clearTimeout(this.timer as NodeJS.Timeout);
    else if (this.timer) clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = undefined;
    this.scheduled = false;
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    this.run(batch.map((b) => b.key)).then(
      (results) => batch.forEach((b) => b.resolve((results?.get(b.key) ?? this.fallback) as R)),
      (err: unknown) => batch.forEach((b) => b.reject(err)),
    );
  }
}
