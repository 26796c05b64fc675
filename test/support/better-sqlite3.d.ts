// The little of better-sqlite3 the specs use to read an embedded database directly (no @types package installed).
declare module 'better-sqlite3' {
  interface Statement {
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }
  class Database {
    constructor(file: string, options?: { readonly?: boolean });
    prepare(sql: string): Statement;
    close(): void;
  }
  export = Database;
}
