import { EntityManager } from 'typeorm';
import { Community } from './entities/community.entity';
import { District } from './entities/district.entity';
import { StreetOffice } from './entities/street-office.entity';

/**
 * Dongguan Street (东关街道), Kuiwen District, Weifang and its 9 communities. The report names six;
 * the last three names are invented for the demo and marked `invented`.
 */
export const DONGGUAN_COMMUNITIES: Array<Pick<Community, 'code' | 'name' | 'nameEn' | 'invented'>> =
  [
    { code: 'weiwan', name: '苇湾社区', nameEn: 'Weiwan', invented: false },
    { code: 'kuiwenmen', name: '奎文门社区', nameEn: 'Kuiwenmen', invented: false },
    { code: 'zhongheyuan', name: '中和园社区', nameEn: 'Zhongheyuan', invented: false },
    { code: 'gongfujie', name: '工福街社区', nameEn: 'Gongfujie', invented: false },
    { code: 'yuanxiaojie', name: '院校街社区', nameEn: 'Yuanxiaojie', invented: false },
    { code: 'lijiajie', name: '李家街社区', nameEn: 'Lijiajie', invented: false },
    { code: 'dongyuan', name: '东园社区', nameEn: 'Dongyuan', invented: true },
    { code: 'qinghe', name: '清河社区', nameEn: 'Qinghe', invented: true },
    { code: 'xinhua', name: '新华社区', nameEn: 'Xinhua', invented: true },
  ];

export async function seedPlaces(
  m: EntityManager,
): Promise<{ streetOfficeId: number; communities: Community[] }> {
  const district = await m.save(
    m.create(District, { name: '奎文区', nameEn: 'Kuiwen District', city: '潍坊市' }),
  );
  const office = await m.save(
    m.create(StreetOffice, {
      districtId: district.id,
      name: '东关街道',
      nameEn: 'Dongguan Street',
    }),
  );
  const communities: Community[] = [];
  for (const [i, c] of DONGGUAN_COMMUNITIES.entries()) {
    communities.push(
      await m.save(m.create(Community, { ...c, streetOfficeId: office.id, sortOrder: i + 1 })),
    );
  }
  return { streetOfficeId: office.id, communities };
}
