export * from './entities/call.entity';
export * from './entities/call-checklist-item.entity';
export * from './entities/call-need.entity';
export * from './dto/validators';
export * from './dto/calls.dto';
export * from './call-recipients';
export * from './calls.service';
export * from './calls-api.controller';
