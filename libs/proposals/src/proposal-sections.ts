import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { Actor, discoverMethods } from '@gv/core';
import { Proposal } from './entities/proposal.entity';

export interface ProposalSectionInput {
  actor: Actor;
  proposal: Proposal;
  manager: EntityManager;
}

/** What a later stage adds to a proposal's detail, or null when it has nothing to show this actor. */
export interface ProposalSectionContent {
  /** In the API's proposal detail under the section's name. */
  api: unknown;
  /** Model of the section's page partial. */
  view: Record<string, unknown>;
}

export interface ProposalSectionMeta {
  name: string;
  /** Partial (in the context's `views/partials`) that renders `view` on the proposal page. */
  partial: string;
  order: number;
}

export interface LoadedProposalSection extends ProposalSectionMeta {
  content: ProposalSectionContent;
}

export const PROPOSAL_SECTION = 'gv:proposal-section';

/**
 * Marks a provider method `(input: ProposalSectionInput) => Promise<ProposalSectionContent | null>`
 * as a section of the proposal detail. Contexts above proposals (screening; later reviews, funding,
 * delivery) show their part of a proposal this way, so proposals never imports them.
 */
export const ProposalSection = (meta: ProposalSectionMeta) => SetMetadata(PROPOSAL_SECTION, meta);

type Loader = (input: ProposalSectionInput) => Promise<ProposalSectionContent | null>;

@Injectable()
export class ProposalSections implements OnModuleInit {
  private sections: Array<{ meta: ProposalSectionMeta; load: Loader }> = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.sections = discoverMethods<ProposalSectionMeta>(
      this.discovery,
      this.scanner,
      this.reflector,
      PROPOSAL_SECTION,
    )
      .map((s) => ({ meta: s.meta, load: s.call as unknown as Loader }))
      .sort((a, b) => a.meta.order - b.meta.order);
  }

  async load(input: ProposalSectionInput): Promise<LoadedProposalSection[]> {
    const out: LoadedProposalSection[] = [];
    for (const s of this.sections) {
      const content = await s.load(input);
      if (content) out.push({ ...s.meta, content });
    }
    return out;
  }
}
