import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import {
  ReviewAssignment,
  ReviewConsensus,
  ReviewPaperEntry,
  ReviewRubric,
  ReviewSheet,
} from './entities/review.entity';
import { reviewsMessages } from './reviews.messages';
import { ReviewsHttpModule, ReviewsModule } from './reviews.module';
import { seedReviews } from './reviews.seed';
import { ReviewsError } from './reviews.errors';

/** 评审: the rubric, judges' sheets (versioned, locked on submit), the explained aggregate. */
export const reviewsContext = defineContext({
  name: 'reviews',
  module: ReviewsModule,
  httpModule: ReviewsHttpModule,
  entities: [ReviewRubric, ReviewSheet, ReviewConsensus, ReviewAssignment, ReviewPaperEntry],
  errors: ReviewsError,
  messages: reviewsMessages,
  viewsDir: fromRoot('libs/reviews/views'),
  mailTemplatesDir: fromRoot('libs/reviews/mail'),
  seed: (m, env) => seedReviews(m, env.now),
  nav: [
    { label: 'nav.reviews', href: '/reviews', audience: 'signed-in', order: 59, group: 'review' },
    {
      label: 'nav.reviewResults',
      href: '/reviews/current',
      audience: [Role.StreetAdmin],
      order: 43,
      group: 'competition',
    },
  ],
});
