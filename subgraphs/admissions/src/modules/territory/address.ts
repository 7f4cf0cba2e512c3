/**
 * The territory assigned to a school (закреплённая территория, Order 458 point 9 of the rules of
 * admission): address ranges per school, kept as data. An address is matched by its street and house.
 */

/** «г. Копейск, ул. Ленина, д. 10, кв. 5» or «…, ул. Ленина, 10» → { street: «ул. ленина», house: 10 }. */
export function streetAndHouse(address: string | null | undefined): { street: string; house: number } | null {
  const match = /,\s*([^,]+?),\s*(?:д\.\s*)?(\d+)[^,]*(?:,\s*кв\.\s*\d+)?\s*$/i.exec(address ?? '');
  if (!match) return null;
  return {
    street: (match[1] as string).trim().toLowerCase().replace(/\s+/g, ' ').replaceAll('ё', 'е'),
    house: Number(match[2]),
  };
}

export interface TerritorySegment {
  organizationId: string;
  street: string;
  houseFrom: number;
  houseTo: number;
  parity: string | null;
}

export function covers(segment: TerritorySegment, street: string, house: number): boolean {
  return (
    segment.street.replaceAll('ё', 'е') === street &&
    house >= segment.houseFrom &&
    house <= segment.houseTo &&
    (segment.parity === null || (segment.parity === 'ODD') === (house % 2 === 1))
  );
}
