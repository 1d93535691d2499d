import type { HazardType } from '../../../src/core/hazard';
import type { Mobility, MedicalNeed, CommunicationNeed, Person, Household } from '../../../src/core/person';
import type { AcceptGroup, Shelter, ShelterKind } from '../../../src/core/shelter';
import type { Supporter, Availability } from '../../../src/core/supporter';

/** A shelter with sensible defaults for tests. */
export function makeShelter(id: string, location: [number, number], over: Partial<Shelter> = {}): Shelter {
  return {
    id,
    name: `避難所${id}`,
    address: '',
    kinds: ['emergency_site'] as ShelterKind[],
    hazards: ['flood', 'earthquake'] as HazardType[],
    capacity: null,
    accepts: [] as AcceptGroup[],
    location,
    closed: false,
    notes: '',
    source: { file: 'test', row: 1 },
    ...over,
  };
}

export interface PersonOverrides {
  birthDate?: string | null;
  mobility?: Mobility;
  household?: Household;
  medical?: MedicalNeed[];
  communication?: CommunicationNeed[];
}

/** A placed person with sensible defaults for tests. */
export function makePerson(id: string, location: [number, number] | null, over: PersonOverrides = {}): Person {
  return {
    id,
    name: `氏名${id}`,
    nameKana: '',
    birthDate: over.birthDate === undefined ? '1940-01-01' : over.birthDate,
    sex: 'unknown',
    address: '',
    phone: '',
    reason: '',
    districtId: null,
    location: location ? { lng: location[0], lat: location[1], source: 'manual', at: '2024-01-01T00:00:00Z' } : null,
    mobility: over.mobility ?? 'independent',
    household: over.household ?? 'with_family',
    medical: over.medical ?? [],
    communication: over.communication ?? [],
    consent: { status: 'given', date: '2024-01-01', sharedWith: [] } as unknown as Person['consent'],
    origin: 'user',
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  };
}

/** A placed supporter with sensible defaults for tests. */
export function makeSupporter(id: string, location: [number, number], capacity = 2, availability: Availability = 'day_and_night'): Supporter {
  return {
    id,
    name: `支援者${id}`,
    role: 'neighbor',
    address: '',
    phone: '',
    availability,
    capacity,
    districtId: null,
    location: { lng: location[0], lat: location[1], source: 'manual', at: '2024-01-01T00:00:00Z' },
    origin: 'user',
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  };
}
