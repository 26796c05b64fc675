/** What every bench scenario returns. */
export interface BenchResult {
  readonly scenario: string;
  readonly rows: Array<Record<string, string | number>>;
  readonly notes?: string[];
}
