import type { Person } from '../../../src/core/person';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import type { Supporter } from '../../../src/core/supporter';

/** A person with every 名簿 item filled. */
export const person = (over: Partial<Person> = {}): Person => ({
  id: 'p1', name: '会津 花子', nameKana: 'アイヅ　ハナコ', birthDate: '1940-04-01', sex: 'female', address: '会津若松市栄町1-1',
  phone: '0242-00-0001', reason: '一人暮らしで車いすを使用', districtId: 'd1', location: { lng: 139.93, lat: 37.49, source: 'manual', at: '2024-04-01T00:00:00Z' },
  mobility: 'wheelchair', household: 'alone', medical: [], communication: [],
  consent: { status: 'given', date: '2024-04-01', method: 'signature', recipients: ['jishubo'] },
  origin: 'user', createdAt: '2024-04-01T00:00:00Z', updatedAt: '2024-04-01T00:00:00Z', ...over,
});

export const supporter = (over: Partial<Supporter> = {}): Supporter => ({
  id: 's1', name: '若松 太郎', role: 'neighbor', address: '会津若松市栄町1-2', phone: '0242-00-0002', availability: 'day_and_night', capacity: 2,
  districtId: 'd1', location: null, origin: 'user', createdAt: '2024-04-01T00:00:00Z', updatedAt: '2024-04-01T00:00:00Z', ...over,
});

/** A plan with every legal item filled (the user chose supporter `s1` and the shelter), plan consent given. */
export const completePlan = (over: Partial<Plan> = {}): Plan => ({
  ...emptyPlan('p1', '2024-04-01'),
  status: 'in_progress',
  primarySupporter: { supporterId: 's1', name: '', phone: '', address: '', chosenBy: 'user' },
  destinations: { flood: { shelterId: 'sh1', chosenBy: 'user', routeNote: '県道を北へ。栄橋は使わない。', routeLine: null } },
  consent: { status: 'given', date: '2024-05-01', method: 'signature', recipients: ['jishubo', 'minsei'] },
  ...over,
});
