import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Locale } from '@gv/core';
import { ReadCache } from '@gv/database';
import { Community } from './entities/community.entity';

export interface SelectOption {
  value: string;
  label: string;
}

/** The street's communities as `<select>` options, in their display order and the page's language. */
@Injectable()
export class CommunityOptions {
  /** The communities, read once per change (every filter and form shows them). */
  private readonly rows = new ReadCache<Community[]>(1);

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * `head`: a first option with an empty value ("全部" in filters, "—" in forms);
   * `only`: offer just this community (community staff act for their own community).
   */
  async options(
    locale: Locale,
    opts: { head?: string; only?: number | null } = {},
  ): Promise<SelectOption[]> {
    const rows = await this.rows.get('all', () =>
      this.ds.getRepository(Community).find({ order: { sortOrder: 'ASC', id: 'ASC' } }),
    );
    return [
      ...(opts.head !== undefined ? [{ value: '', label: opts.head }] : []),
      ...rows
        .filter((c) => opts.only == null || c.id === opts.only)
        .map((c) => ({ value: String(c.id), label: locale === 'en' ? c.nameEn : c.name })),
    ];
  }
}
