import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '@gv/accounts';
import { Role } from '@gv/core';
import { BullmqJobProducer } from '@gv/queue';
import { AppConfig } from '@gv/config';
import { sessionCookie } from '@gv/web';

/** bull-board at /admin/queues, for street admins only (production mode, where BullMQ runs). */
export function mountQueueDashboard(app: INestApplication): void {
  const producer = app.get(BullmqJobProducer);
  const auth = app.get(AuthService);
  const secure = app.get(AppConfig).cookieSecure;
  const adapter = new ExpressAdapter();
  adapter.setBasePath('/admin/queues');
  createBullBoard({
    queues: producer.allQueues().map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
  });
  app.use('/admin/queues', async (req: Request, res: Response, next: NextFunction) => {
    const token = sessionCookie(req, secure);
    const user = token ? await auth.authenticate(token).catch(() => undefined) : undefined;
    if (!user) return res.redirect(303, `/login?next=${encodeURIComponent('/admin/queues')}`);
    if (user.role !== Role.StreetAdmin) return res.status(403).send('Forbidden');
    next();
  });
  app.use('/admin/queues', adapter.getRouter());
}
