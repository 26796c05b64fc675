import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from './transformers';

/**
 * Column helpers that declare type and precision explicitly, so `migration:generate`
 * is stable on MySQL/MariaDB and SQLite alike.
 */
export const DateTimeColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'datetime', precision: 6, ...options });
export const CreatedAt = () => CreateDateColumn({ type: 'datetime', precision: 6 });
export const UpdatedAt = () => UpdateDateColumn({ type: 'datetime', precision: 6 });
/** Integer fen (分) in BIGINT, read back as a number. */
export const FenColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'bigint', transformer: fenTransformer, ...options });
