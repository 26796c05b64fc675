export * from './notification-events';
export * from './entities/notification.entity';
export * from './entities/reminder-sent.entity';
export * from './entities/notification-opt-out.entity';
export * from './notify';
