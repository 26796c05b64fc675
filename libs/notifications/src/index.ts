export * from './notification-events';
export * from './entities/notification.entity';
export * from './notify';
