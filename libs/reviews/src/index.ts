export * from './entities/review.entity';
export * from './dto/reviews.dto';
export * from './reviews.service';
export * from './reviews.module';
export * from './reviews.messages';
export * from './reviews.errors';
export * from './reviews.context';
export * from './review-reminders';
