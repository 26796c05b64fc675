import { EntityManager } from 'typeorm';
import { makeSocialOrgUscc } from '@gv/core';
import { Community } from '@gv/places';
import { Organisation, OrganisationType, RegistrationLevel } from './entities/organisation.entity';

const T = OrganisationType;
const L = RegistrationLevel;
export const YIMIN_CENTRE = '益民社会组织服务中心';

/**
 * Demo distribution of the report's 102 organisations by community × type. The report gives the total,
 * 工福街's 25 (24.5%) and "convenience services about half" (51 here); the split of the rest is invented.
 * Columns: convenience, resident services, charity, culture/sport, mutual aid, other.
 */
export const DEMO_ORGANISATION_TABLE: Record<
  string,
  [number, number, number, number, number, number]
> = {
  weiwan: [5, 3, 1, 1, 0, 0],
  kuiwenmen: [5, 1, 1, 2, 1, 0],
  zhongheyuan: [5, 2, 1, 1, 1, 0],
  gongfujie: [13, 3, 3, 4, 1, 1],
  yuanxiaojie: [5, 1, 2, 1, 1, 0],
  lijiajie: [5, 1, 1, 1, 1, 1],
  dongyuan: [5, 1, 1, 2, 0, 0],
  qinghe: [4, 2, 1, 1, 1, 0],
  xinhua: [4, 1, 1, 1, 1, 1],
};
const COLUMNS = [
  T.Convenience,
  T.ResidentServices,
  T.Charity,
  T.CultureSport,
  T.MutualAid,
  T.Other,
];

interface Special {
  community: string;
  name: string;
  type: OrganisationType;
  level: RegistrationLevel;
  incubated?: boolean;
}

/** Organisations the report names (and the demo accounts' organisations). */
const SPECIALS: Special[] = [
  {
    community: 'weiwan',
    name: '苇湾社区日间照料服务队',
    type: T.ResidentServices,
    level: L.Street,
  },
  {
    community: 'weiwan',
    name: '奎文区乐享天成居家养老服务中心',
    type: T.ResidentServices,
    level: L.District,
  },
  {
    community: 'gongfujie',
    name: `奎文区${YIMIN_CENTRE}`,
    type: T.ResidentServices,
    level: L.District,
  },
  {
    community: 'gongfujie',
    name: '草根文化社',
    type: T.CultureSport,
    level: L.Street,
    incubated: true,
  },
  {
    community: 'gongfujie',
    name: '“工福晴雨”服务队',
    type: T.Convenience,
    level: L.Street,
    incubated: true,
  },
  {
    community: 'gongfujie',
    name: '心相连公益服务中心',
    type: T.Charity,
    level: L.District,
    incubated: true,
  },
  { community: 'yuanxiaojie', name: '“锋领壹+”白领服务联盟', type: T.Charity, level: L.Street },
  { community: 'lijiajie', name: '李家街社区微论坛议事会', type: T.Other, level: L.Community },
  {
    community: 'zhongheyuan',
    name: '奎文区幸福社会工作服务中心',
    type: T.ResidentServices,
    level: L.District,
  },
];

const STEMS: Record<OrganisationType, string[]> = {
  [T.Convenience]: [
    '便民理发服务队',
    '家电义务维修队',
    '便民缝补小组',
    '爱心跑腿服务队',
    '便民修鞋配钥匙点',
    '义务磨刀服务队',
    '便民测血压服务站',
    '老物件修理铺',
    '便民洗衣帮扶队',
    '代购代办服务队',
    '便民信息服务队',
    '电动车安全劝导队',
    '便民义诊服务队',
  ],
  [T.ResidentServices]: ['为老服务队', '居家养老互助队', '爱心助餐服务队', '四点半课堂服务队'],
  [T.Charity]: ['爱心帮扶队', '慈善超市志愿队', '助残服务队'],
  [T.CultureSport]: ['广场舞队', '京剧票友社', '书画社', '太极拳队', '合唱团'],
  [T.MutualAid]: ['邻里互助会', '楼道自治小组'],
  [T.Other]: ['居民议事会'],
};

const CONTACTS = [
  '张桂芬',
  '王淑珍',
  '李建华',
  '刘玉兰',
  '陈志强',
  '杨秀英',
  '赵国庆',
  '孙丽华',
  '周凤英',
  '吴海燕',
  '郑德明',
  '冯晓梅',
  '高素芳',
  '马振东',
];

/** Seeds the 102 demo organisations (verified); district-registered ones get valid credit codes. */
export async function seedOrganisations(
  m: EntityManager,
  communities: Community[],
): Promise<Organisation[]> {
  const rows: Array<Partial<Organisation>> = [];
  let serial = 0;
  let n = 0;
  for (const c of communities) {
    const quota = DEMO_ORGANISATION_TABLE[c.code];
    if (!quota) continue;
    const specials = SPECIALS.filter((s) => s.community === c.code);
    COLUMNS.forEach((type, k) => {
      const mine = specials.filter((s) => s.type === type);
      const generated = quota[k] - mine.length;
      const list: Special[] = [
        ...mine,
        ...STEMS[type].slice(0, Math.max(0, generated)).map((stem, i) => ({
          community: c.code,
          name: `${c.name}${stem}`,
          type,
          // Most are filed with their community; one in four with the street; a few larger ones registered.
          level:
            i % 4 === 1
              ? L.Street
              : i === 2 && (type === T.Convenience || type === T.CultureSport)
                ? L.District
                : L.Community,
        })),
      ];
      for (const s of list) {
        n++;
        const incubated = c.code === 'gongfujie' && s.name !== `奎文区${YIMIN_CENTRE}`;
        rows.push({
          name: s.name,
          type: s.type,
          communityId: c.id,
          registrationLevel: s.level,
          creditCode:
            s.level === L.District
              ? makeSocialOrgUscc(1000 + ++serial, '370705', s.name.includes('中心') ? '2' : '1')
              : null,
          foundedOn: `${2012 + (n % 9)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + ((n * 7) % 28)).padStart(2, '0')}`,
          incubatedBy: incubated ? YIMIN_CENTRE : null,
          membersCount: 8 + ((n * 13) % 53),
          contactName: CONTACTS[n % CONTACTS.length],
          contactPhone: `0536-8${String(100000 + ((n * 7919) % 900000)).padStart(6, '0')}`,
          contactEmail: null,
          status: 'verified',
        });
      }
    });
  }
  // One multi-row insert (the demo seed runs before every e2e test).
  await m.insert(
    Organisation,
    rows.map((r) => m.create(Organisation, r)),
  );
  return m.find(Organisation, { order: { id: 'ASC' } });
}
