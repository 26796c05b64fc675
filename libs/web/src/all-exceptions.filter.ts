import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { I18n } from '@gv/i18n';
import { sendError } from './error-response';

/** One error body everywhere, in the caller's language. Registered as APP_FILTER. */
@Catch()
@Injectable()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly i18n: I18n) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(this.i18n, exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
