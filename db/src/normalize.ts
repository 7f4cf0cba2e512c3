/**
 * The duplicate key of a person (DOMAIN.md rule 8): records with the same normalized full name and birth
 * date are likely the same person. Legacy imports (seed 000) spell names with ё or е, in capitals, with
 * doubled spaces, so all of that is folded away here.
 */
export function normalizeFullName(lastName: string, firstName: string, middleName?: string | null): string {
  return [lastName, firstName, middleName ?? '']
    .join(' ')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\s+/g, ' ')
    .trim();
}
