export * from './entities/proposal.entity';
export * from './entities/proposal-community.entity';
export * from './entities/proposal-budget-line.entity';
export * from './entities/proposal-milestone.entity';
export * from './entities/proposal-version.entity';
export * from './entities/proposal-attachment.entity';
export * from './entities/screening.entity';
