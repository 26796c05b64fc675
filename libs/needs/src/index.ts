export * from './entities/need.entity';
export * from './dto/needs.dto';
export * from './need.lookups';
export * from './need.view';
export * from './needs.service';
export * from './needs.module';
export * from './needs.messages';
export * from './needs.seed';
