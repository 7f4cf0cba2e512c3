/** The campaign per organization: applications, places filled and deadline violations, with totals. */
import { Link } from 'react-router';
import { Badge } from '../../ui/kit.tsx';
import type { ApplicationKind } from './labels.ts';
import type { OrganizationCampaign } from './queries/campaign.ts';
import { formatCount, formatPercent, share } from './rules.ts';
import { paths } from './paths.ts';
import { Meter, SlicePager, useSlice } from './ui.tsx';

function filledTone(percent: number | null): string {
  if (percent === null) return 'neutral';
  return percent >= 100 ? 'success' : 'info';
}

interface PlacesFigures {
  applications: number;
  places: number;
  placesTaken: number;
  placesFilledPercent: number | null;
}

/** Applications and places of a campaign line: an organization, the totals, or a kind on the organization page. */
export function PlacesCells({ figures }: { figures: PlacesFigures }) {
  return (
    <>
      <td className="num" data-label="Заявлений">
        {formatCount(figures.applications)}
      </td>
      <td className="num" data-label="Мест">
        {figures.places ? formatCount(figures.places) : '—'}
      </td>
      <td className="num" data-label="Направлено и зачислено">
        {formatCount(figures.placesTaken)}
      </td>
      <td data-label="Заполнение мест">
        <span className="t-figure">
          <Meter value={figures.placesFilledPercent} tone={filledTone(figures.placesFilledPercent)} />
          <span>{formatPercent(figures.placesFilledPercent)}</span>
        </span>
      </td>
    </>
  );
}

function Violations({ count }: { count: number }) {
  return count > 0 ? <Badge tone="error">{count}</Badge> : <span className="muted">0</span>;
}

export function totals(rows: readonly OrganizationCampaign[]) {
  const sum = (pick: (row: OrganizationCampaign) => number) => rows.reduce((n, row) => n + pick(row), 0);
  const places = sum((row) => row.places);
  const placesTaken = sum((row) => row.placesTaken);
  return {
    applications: sum((row) => row.applications),
    places,
    placesTaken,
    placesFilledPercent: share(placesTaken, places),
    earlyDirections: sum((row) => row.earlyDirections),
    lateOrders: sum((row) => row.lateOrders),
  };
}

export function CampaignTable({
  rows,
  kind,
  showMunicipality,
}: {
  rows: readonly OrganizationCampaign[];
  kind: ApplicationKind;
  showMunicipality: boolean;
}) {
  const slice = useSlice(rows);
  const sum = totals(rows);
  // Rule 15's deadlines are the first-grade campaign's (Order 458); other kinds have none to break.
  const deadlines = kind === 'FIRST_GRADE';
  return (
    <>
      <div className="table-wrap">
        <table className="table t-table t-stack t-campaign">
          <caption className="visually-hidden">Приёмная кампания по организациям</caption>
          <thead>
            <tr>
              <th scope="col">Организация</th>
              {showMunicipality && <th scope="col">Муниципалитет</th>}
              <th scope="col" className="num">
                Заявлений
              </th>
              <th scope="col" className="num">
                Мест
              </th>
              <th scope="col" className="num">
                Направлено и зачислено
              </th>
              <th scope="col">Заполнение мест</th>
              {deadlines && (
                <>
                  <th scope="col" className="num">
                    Направлены до 30 июня
                  </th>
                  <th scope="col" className="num">
                    Приказ позже 3 рабочих дней
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {slice.items.map((row) => (
              <tr key={row.organization.id}>
                <th scope="row">
                  <Link to={paths.organization(row.organization.id)}>{row.organization.shortName}</Link>
                </th>
                {showMunicipality && <td data-label="Муниципалитет">{row.organization.municipality.name}</td>}
                <PlacesCells figures={row} />
                {deadlines && (
                  <>
                    <td className="num" data-label="Направлены до 30 июня">
                      <Violations count={row.earlyDirections} />
                    </td>
                    <td className="num" data-label="Приказ позже срока">
                      <Violations count={row.lateOrders} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="t-total">
              <th scope="row">Итого{rows.length > 1 ? ` (${rows.length})` : ''}</th>
              {showMunicipality && <td className="t-hide-phone" />}
              <PlacesCells figures={sum} />
              {deadlines && (
                <>
                  <td className="num" data-label="Направлены до 30 июня">
                    <Violations count={sum.earlyDirections} />
                  </td>
                  <td className="num" data-label="Приказ позже срока">
                    <Violations count={sum.lateOrders} />
                  </td>
                </>
              )}
            </tr>
          </tfoot>
        </table>
      </div>
      <SlicePager slice={slice} />
    </>
  );
}
