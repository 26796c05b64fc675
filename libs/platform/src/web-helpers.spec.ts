import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsFen, yuanToFen } from '@gv/core';
import { baseMessages, I18n } from '@gv/i18n';
import { humanFileSize, validateForm } from '@gv/web';

describe('humanFileSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [61765, '60.3 KB'],
    [1024 * 1024, '1.0 MB'],
    [5 * 1024 * 1024 * 1024, '5.0 GB'],
    [-1, ''],
    [Number.NaN, ''],
  ])('%s bytes read as "%s"', (bytes, text) => expect(humanFileSize(bytes)).toBe(text));
});

describe('validateForm: the message a clerk reads first', () => {
  class Form {
    @IsOptional() @IsInt() @Min(0) @Max(100000) members?: number;
    @IsInt() @Min(1) communityId!: number;
  }
  const i18n = new I18n([baseMessages]);

  it('says a field left empty is required, whatever rule it then fails', async () => {
    const { errors } = await validateForm(Form, { communityId: '' }, i18n, 'zh-CN');
    expect(errors['communityId']).toBe('必填');
    const en = await validateForm(Form, {}, i18n, 'en');
    expect(en.errors['communityId']).toBe('is required');
  });

  it('reports the type before the range (the first rule declared first)', async () => {
    const { errors } = await validateForm(Form, { members: 'abc', communityId: 2 }, i18n, 'zh-CN');
    expect(errors['members']).toBe('必须是整数');
    const low = await validateForm(Form, { members: -5, communityId: 2 }, i18n, 'zh-CN');
    expect(low.errors['members']).toBe('不能小于 0');
  });

  it('speaks of yuan, not fen, when an amount typed in yuan is malformed', async () => {
    class Pay {
      @IsFen() amountFen!: number;
    }
    // As the delivery and funding pages pass it: yuan parsed to fen, a malformed amount as 'x'.
    const typed = (yuan: string) => ({ amountFen: yuanToFen(yuan) ?? 'x' });
    expect((await validateForm(Pay, typed('12.345'), i18n, 'zh-CN')).errors['amountFen']).toBe(
      '金额必须是最多两位小数的非负数（元）',
    );
    expect((await validateForm(Pay, typed('-5'), i18n, 'en')).errors['amountFen']).toBe(
      'must be a non-negative amount in yuan with at most two decimals',
    );
    expect((await validateForm(Pay, typed('4,999.99'), i18n, 'zh-CN')).errors).toEqual({});
  });
});
