import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn, FenColumn, UpdatedAt } from '@gv/database';

/** The two project families of the competition. Persisted identifiers. */
export enum Track {
  Venture = 'venture', // 公益创投
  SelfGovernance = 'self_governance', // 居民自治
}
export const TRACKS: readonly Track[] = [Track.Venture, Track.SelfGovernance];

/**
 * Phases of a call in order. Persisted identifiers. Each phase after `upcoming` starts at its
 * timeline date; submissions close at `submissionDeadline` (within `open`).
 */
export enum CallPhase {
  Upcoming = 'upcoming',
  Open = 'open', // 征集
  Screening = 'screening', // 资格审查
  Roadshow = 'roadshow', // 路演
  Scoring = 'scoring', // 评审
  Publicity = 'publicity', // 公示
  Implementation = 'implementation', // 实施
  Closed = 'closed',
}
export const CALL_PHASES: readonly CallPhase[] = Object.values(CallPhase);

/** 公益创投大赛: one competition round. */
@Entity('call')
@Index('IDX_call_phase', ['phase'])
// Proposal numbers are <code>-<year>-<n>: two calls with one code and year would number alike.
@Index('IDX_call_code_year', ['code', 'year'], { unique: true })
export class Call {
  @PrimaryGeneratedColumn() id!: number;
  /** Prefix of proposal numbers, e.g. DG → DG-2026-007. */
  @Column({ type: 'varchar', length: 8 }) code!: string;
  @Column({ type: 'varchar', length: 128 }) title!: string;
  @Column({ type: 'int' }) year!: number;
  /** Comma-separated Track values. */
  @Column({ type: 'simple-array' }) tracks!: Track[];
  @Column({ type: 'text' }) description!: string;
  @FenColumn() budgetCapFen!: number;
  @FenColumn() minGrantFen!: number;
  @FenColumn() maxGrantFen!: number;
  @Column({ type: 'int', default: 1 }) maxProposalsPerOrg!: number;
  /** Placeholder for the scoring rubric (issue 5). */
  @Column({ type: 'text' }) rubric!: string;
  @Column({ type: 'varchar', length: 16, default: CallPhase.Upcoming }) phase!: CallPhase;
  /**
   * When the street office last switched the phase by hand. The scheduled sweep then only acts on phase
   * dates after it, so a move back (e.g. to reopen submissions) is not undone a minute later.
   */
  @DateTimeColumn({ nullable: true }) phaseSetByHandAt!: Date | null;
  @DateTimeColumn() opensAt!: Date;
  @DateTimeColumn() submissionDeadline!: Date;
  @DateTimeColumn() screeningAt!: Date;
  @DateTimeColumn() roadshowAt!: Date;
  @DateTimeColumn() scoringAt!: Date;
  @DateTimeColumn() publicityAt!: Date;
  @DateTimeColumn() implementationAt!: Date;
  @DateTimeColumn() closesAt!: Date;
  /** Last number handed out (incremented atomically on first submission). */
  @Column({ type: 'int', default: 0 }) lastNumber!: number;
  /** When the screening decisions were published in one batch. */
  @DateTimeColumn({ nullable: true }) screeningPublishedAt!: Date | null;
  @Column({ type: 'int', nullable: true }) createdById!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

/** The call's timeline fields, in the order they must fall (the form, the detail page, the checks). */
export const CALL_DATE_FIELDS = [
  'opensAt',
  'submissionDeadline',
  'screeningAt',
  'roadshowAt',
  'scoringAt',
  'publicityAt',
  'implementationAt',
  'closesAt',
] as const satisfies ReadonlyArray<keyof Call>;
export type CallDateField = (typeof CALL_DATE_FIELDS)[number];

/** Start date of each phase (upcoming has none). */
export function phaseStarts(c: Call): Array<[CallPhase, Date]> {
  return [
    [CallPhase.Open, c.opensAt],
    [CallPhase.Screening, c.screeningAt],
    [CallPhase.Roadshow, c.roadshowAt],
    [CallPhase.Scoring, c.scoringAt],
    [CallPhase.Publicity, c.publicityAt],
    [CallPhase.Implementation, c.implementationAt],
    [CallPhase.Closed, c.closesAt],
  ];
}
