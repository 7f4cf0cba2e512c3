/**
 * Citizenship as people read it: the card stores the ISO 3166-1 alpha-3 code ESIA sends (`RUS`), a person
 * sees and picks «Россия» (issue 15 §3.8). Names come from `i18n-iso-countries` (its Russian locale only).
 */
import countries from 'i18n-iso-countries';
import ru from 'i18n-iso-countries/langs/ru.json';

countries.registerLocale(ru);

/** ICAO 9303's code for a stateless person (ISO 3166 has none); ESIA's «лицо без гражданства». */
const STATELESS = { code: 'XXA', name: 'Лицо без гражданства' } as const;

const ISO_ALPHA3 = /^[A-Z]{3}$/;

/** «Россия» for `RUS`; a value that is no code (older free-text cards) is shown as it was written. */
export function countryName(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value === STATELESS.code) return STATELESS.name;
  if (!ISO_ALPHA3.test(value)) return value;
  return countries.getName(value, 'ru', { select: 'alias' }) ?? value;
}

/** Every country by its Russian name, Russia first (most learners), then the stateless option. */
export const COUNTRY_OPTIONS: readonly { code: string; name: string }[] = (() => {
  const all = Object.entries(countries.getNames('ru', { select: 'alias' }))
    .map(([alpha2, name]) => ({ code: countries.alpha2ToAlpha3(alpha2) ?? '', name }))
    .filter((option) => option.code !== '' && option.code !== 'RUS')
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return [{ code: 'RUS', name: countryName('RUS') ?? 'Россия' }, ...all, STATELESS];
})();
