import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { I18n } from '@gv/i18n';
import { sendError } from './error-response';
import { PageOutcome } from './page-toolkit';

/** One error body everywhere, in the caller's language. Registered as APP_FILTER. */
@Catch()
@Injectable()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly i18n: I18n) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    if (exception instanceof PageOutcome && !res.headersSent) {
      if (exception.kind === 'redirect') return res.redirect(exception.status, exception.target);
      return res.status(exception.status).render(exception.target, exception.model);
    }
    sendError(this.i18n, exception, http.getRequest<Request>(), res);
  }
}
