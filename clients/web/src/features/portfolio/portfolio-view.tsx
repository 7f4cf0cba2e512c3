/**
 * The school portfolio of one student (rule 12, as on ЕПГУ) — the same component in the student's and
 * the guardian's cabinet: averages next to the class, their change per period, attendance of the current
 * period, days until the holidays, control works and events.
 */
import { useData } from '../../api/hooks.ts';
import { formatAverage, formatDate, plural } from '../../ui/format.ts';
import { ComparisonChart, DataState, Empty, Notice, Section } from '../../ui/kit.tsx';
import { ControlWorks } from './control-works.tsx';
import { PortfolioEvents } from './events.tsx';
import { ProgressTable } from './progress-table.tsx';
import { PORTFOLIO_QUERY, type PortfolioData } from './queries.ts';
import '../common/common.css';
import './portfolio.css';

type Portfolio = NonNullable<NonNullable<PortfolioData['person']>['portfolio']>;

const PERCENT = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

function Stats({ portfolio }: { portfolio: Portfolio }) {
  const { attendance, nextHolidays, subjects } = portfolio;
  const missed = attendance.absent + attendance.sick + attendance.excused;
  const below = subjects.filter(
    (row) => row.average !== null && row.classAverage !== null && row.average < row.classAverage,
  ).length;
  return (
    <dl className="stats">
      <div className="stat">
        <dt className="stat-label">Посещаемость{attendance.period ? ` (${attendance.period.name})` : ''}</dt>
        <dd className="stat-value">
          {attendance.attendedPercent === null ? '—' : `${PERCENT.format(attendance.attendedPercent)} %`}
        </dd>
        <dd className="stat-hint">
          пропущено {missed} из {attendance.lessons} {plural(attendance.lessons, ['урока', 'уроков', 'уроков'])}
        </dd>
      </div>
      <div className="stat">
        <dt className="stat-label">{nextHolidays ? nextHolidays.name : 'Каникулы'}</dt>
        <dd className="stat-value">
          {!nextHolidays
            ? '—'
            : nextHolidays.daysUntil === 0
              ? 'идут'
              : `через ${nextHolidays.daysUntil} ${plural(nextHolidays.daysUntil, ['день', 'дня', 'дней'])}`}
        </dd>
        {nextHolidays && (
          <dd className="stat-hint">
            {formatDate(nextHolidays.startsOn)} – {formatDate(nextHolidays.endsOn)}
          </dd>
        )}
      </div>
      <div className="stat">
        <dt className="stat-label">Контрольных работ</dt>
        <dd className="stat-value">{portfolio.controlWorks.length}</dd>
        <dd className="stat-hint">с начала учебного года</dd>
      </div>
      <div className="stat">
        <dt className="stat-label">Предметов ниже среднего по классу</dt>
        <dd className="stat-value">{below}</dd>
        <dd className="stat-hint">из {subjects.length}</dd>
      </div>
    </dl>
  );
}

function Attendance({ attendance }: { attendance: Portfolio['attendance'] }) {
  const rows = [
    ['Уроков прошло', attendance.lessons],
    ['Пропуски без уважительной причины', attendance.absent],
    ['По болезни', attendance.sick],
    ['По уважительной причине', attendance.excused],
    ['Опоздания', attendance.late],
  ] as const;
  return (
    <Section title={`Посещаемость${attendance.period ? `: ${attendance.period.name}` : ''}`}>
      {attendance.period && (
        <p className="muted">
          С {formatDate(attendance.period.startsOn)} по сегодняшний день. Опоздание считается посещением.
        </p>
      )}
      <table className="table compact-table">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function PortfolioBody({ portfolio }: { portfolio: Portfolio }) {
  const subjects = [...portfolio.subjects].sort((a, b) => a.subject.name.localeCompare(b.subject.name, 'ru'));
  return (
    <>
      <Stats portfolio={portfolio} />
      <Section
        title={`Успеваемость за ${portfolio.schoolYear}/${String(portfolio.schoolYear + 1).slice(2)} учебный год`}
      >
        {subjects.length === 0 ? (
          <Empty>Отметок за этот учебный год пока нет.</Empty>
        ) : (
          <>
            <ComparisonChart
              caption="Средний балл по предметам"
              rows={subjects.map((row) => ({
                label: row.subject.name,
                value: row.average,
                reference: row.classAverage,
              }))}
              max={5}
              labels={['ученик', 'средний по классу']}
              format={formatAverage}
            />
            <h3>По учебным периодам</h3>
            <ProgressTable subjects={subjects} periodMarks={portfolio.periodMarks} />
          </>
        )}
      </Section>
      <div className="grid-2">
        <Attendance attendance={portfolio.attendance} />
        <ControlWorks works={portfolio.controlWorks} />
      </div>
    </>
  );
}

export function PortfolioView({ personId }: { personId: string }) {
  const { data, loading, error, refetch } = useData(PORTFOLIO_QUERY, { variables: { personId } });
  const person = data?.person;
  return (
    <div className="portfolio">
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {() =>
          !person ? (
            <Notice tone="warning">
              Портфолио недоступно: обучающийся не найден или не связан с вашей учётной записью.
            </Notice>
          ) : !person.portfolio ? (
            <Empty>Портфолио пока пусто: обучающийся не числится в классе в этом учебном году.</Empty>
          ) : (
            <>
              <PortfolioBody portfolio={person.portfolio} />
              <PortfolioEvents personId={personId} schoolYear={person.portfolio.schoolYear} />
            </>
          )
        }
      </DataState>
    </div>
  );
}
