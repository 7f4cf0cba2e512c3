import { describe, expect, it } from 'vitest';
import { covers, streetAndHouse } from '../src/modules/territory/address.ts';

describe('school territory', () => {
  it('reads the street and house of an address as the applicant writes it', () => {
    expect(streetAndHouse('г. Копейск, ул. Ленина, д. 10, кв. 5')).toEqual({ street: 'ул. ленина', house: 10 });
    expect(streetAndHouse('г. Копейск, ул. Ленина, 10')).toEqual({ street: 'ул. ленина', house: 10 });
    expect(streetAndHouse('г. Миасс, пр-т Автозаводцев, д. 7а')).toEqual({ street: 'пр-т автозаводцев', house: 7 });
    expect(streetAndHouse('Копейск')).toBeNull();
  });

  it('covers a house inside the range on the right side of the street only', () => {
    const even = { organizationId: 's', street: 'ул. ленина', houseFrom: 2, houseTo: 40, parity: 'EVEN' };
    expect(covers(even, 'ул. ленина', 12)).toBe(true);
    expect(covers(even, 'ул. ленина', 11)).toBe(false);
    expect(covers(even, 'ул. ленина', 42)).toBe(false);
    expect(covers({ ...even, parity: null }, 'ул. ленина', 11)).toBe(true);
    expect(covers(even, 'ул. мира', 12)).toBe(false);
  });
});
