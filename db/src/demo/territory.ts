/**
 * Municipalities of the demo region (Челябинская область). The first two are the demo proper; larger scales
 * add the next ones. ОКТМО codes, postal codes and tax office prefixes follow the real ones closely enough
 * for the demo; nothing reads them as authoritative.
 */

export interface MunicipalityInfo {
  name: string;
  oktmo: string;
  /** The town as an address prints it. */
  town: string;
  postalCode: string;
  /** First four digits of an organization INN: the tax office of the municipality. */
  innPrefix: string;
  college: string;
}

export const REGION_NAME = 'Челябинская обл.';

export const MUNICIPALITIES: readonly MunicipalityInfo[] = [
  {
    name: 'Копейский городской округ',
    oktmo: '75728000',
    town: 'г. Копейск',
    postalCode: '456618',
    innPrefix: '7411',
    college: 'Копейский политехнический колледж',
  },
  {
    name: 'Миасский городской округ',
    oktmo: '75742000',
    town: 'г. Миасс',
    postalCode: '456300',
    innPrefix: '7415',
    college: 'Миасский машиностроительный колледж',
  },
  {
    name: 'Златоустовский городской округ',
    oktmo: '75712000',
    town: 'г. Златоуст',
    postalCode: '456200',
    innPrefix: '7404',
    college: 'Златоустовский индустриальный колледж',
  },
  {
    name: 'Магнитогорский городской округ',
    oktmo: '75738000',
    town: 'г. Магнитогорск',
    postalCode: '455000',
    innPrefix: '7445',
    college: 'Магнитогорский педагогический колледж',
  },
  {
    name: 'Троицкий городской округ',
    oktmo: '75752000',
    town: 'г. Троицк',
    postalCode: '457100',
    innPrefix: '7418',
    college: 'Троицкий технологический техникум',
  },
  {
    name: 'Озёрский городской округ',
    oktmo: '75743000',
    town: 'г. Озёрск',
    postalCode: '456780',
    innPrefix: '7422',
    college: 'Озёрский технический колледж',
  },
  {
    name: 'Снежинский городской округ',
    oktmo: '75746000',
    town: 'г. Снежинск',
    postalCode: '456770',
    innPrefix: '7423',
    college: 'Снежинский физико-технический колледж',
  },
  {
    name: 'Чебаркульский городской округ',
    oktmo: '75758000',
    town: 'г. Чебаркуль',
    postalCode: '456440',
    innPrefix: '7420',
    college: 'Чебаркульский профессиональный техникум',
  },
  {
    name: 'Кыштымский городской округ',
    oktmo: '75734000',
    town: 'г. Кыштым',
    postalCode: '456870',
    innPrefix: '7413',
    college: 'Кыштымский многопрофильный колледж',
  },
  {
    name: 'Верхнеуфалейский городской округ',
    oktmo: '75706000',
    town: 'г. Верхний Уфалей',
    postalCode: '456800',
    innPrefix: '7402',
    college: 'Верхнеуфалейский политехнический колледж',
  },
  {
    name: 'Южноуральский городской округ',
    oktmo: '75764000',
    town: 'г. Южноуральск',
    postalCode: '457040',
    innPrefix: '7424',
    college: 'Южноуральский энергетический техникум',
  },
  {
    name: 'Усть-Катавский городской округ',
    oktmo: '75755000',
    town: 'г. Усть-Катав',
    postalCode: '456040',
    innPrefix: '7419',
    college: 'Усть-Катавский индустриальный техникум',
  },
  {
    name: 'Карабашский городской округ',
    oktmo: '75726000',
    town: 'г. Карабаш',
    postalCode: '456140',
    innPrefix: '7406',
    college: 'Карабашский горный техникум',
  },
  {
    name: 'Трёхгорный городской округ',
    oktmo: '75750000',
    town: 'г. Трёхгорный',
    postalCode: '456080',
    innPrefix: '7405',
    college: 'Трёхгорный технологический колледж',
  },
  {
    name: 'Челябинский городской округ',
    oktmo: '75701000',
    town: 'г. Челябинск',
    postalCode: '454000',
    innPrefix: '7451',
    college: 'Челябинский энергетический колледж',
  },
];
