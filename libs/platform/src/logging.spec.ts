import { quietNestLogger } from '@gv/web';
import { redactUrl } from './logging';

describe('request log', () => {
  it('redacts the CSRF token a multipart form carries in its URL, keeping the rest', () => {
    expect(redactUrl('/proposals/7/attachments?_csrf=abc.def&x=1')).toBe(
      '/proposals/7/attachments?_csrf=[redacted]&x=1',
    );
    expect(redactUrl('/invitations/accept?token=s3cret')).toBe(
      '/invitations/accept?token=[redacted]',
    );
    expect(redactUrl('/calls?page=2')).toBe('/calls?page=2');
    // The one-time tokens of mailed links are in the path.
    const token = 'Q2hpbmVzZS1zdHJlZXQtb2ZmaWNlLXRva2VuLTAxMjM0';
    expect(redactUrl(`/password/reset/${token}?lang=en`)).toBe(
      '/password/reset/[redacted]?lang=en',
    );
    expect(redactUrl(`/invitations/${token}`)).toBe('/invitations/[redacted]');
    expect(redactUrl('/password/forgot')).toBe('/password/forgot');
  });

  it("demotes Nest's route table to debug, keeps everything else", () => {
    const seen: string[] = [];
    const logger = quietNestLogger({
      log: (m) => seen.push(`info ${String(m)}`),
      debug: (m) => seen.push(`debug ${String(m)}`),
      error: () => undefined,
      warn: () => undefined,
    });
    logger.log('Mapped {/calls, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(seen).toEqual([
      'debug Mapped {/calls, GET} route',
      'info Nest application successfully started',
    ]);
  });
});
