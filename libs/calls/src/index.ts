export * from './entities/call.entity';
export * from './entities/call-checklist-item.entity';
export * from './entities/call-need.entity';
