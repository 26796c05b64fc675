import type { MessageBundle } from '@gv/i18n';

export const placesMessages: MessageBundle = {
  'zh-CN': {
    places: {
      title: '东关街道的社区',
      name: '社区',
      nameEn: '英文名',
      note: '备注',
      invented: '演示用虚构名称（原报告未列出）',
    },
  },
  en: {
    places: {
      title: 'Communities of Dongguan Street',
      name: 'Community',
      nameEn: 'English name',
      note: 'Note',
      invented: 'Invented demo name (not given in the report)',
    },
  },
};
