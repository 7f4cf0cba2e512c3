/** Events of the year (class and whole school), nearest first; the list grows on request, bounded. */
import { useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { Badge, DataState, Section } from '../../ui/kit.tsx';
import { formatEventMoment, formatRegionTime } from '../common/format.ts';
import { EVENT_KIND } from '../common/labels.ts';
import { PORTFOLIO_EVENTS_QUERY, type PortfolioEvent } from './queries.ts';

const STEP = 10;
const MAX = 200;

function EventItem({ event }: { event: PortfolioEvent }) {
  return (
    <li className="event">
      <div className="event-when">
        {formatEventMoment(event.startsAt)}
        {event.endsAt && `–${formatRegionTime(event.endsAt)}`}
      </div>
      <div>
        <Badge tone={event.kind === 'CONTROL_WORK' ? 'warning' : event.kind === 'PARENT_MEETING' ? 'info' : 'neutral'}>
          {EVENT_KIND[event.kind]}
        </Badge>{' '}
        <strong>{event.title}</strong>
        <span className="muted"> · {event.class ? `класс ${event.class.name}` : 'вся школа'}</span>
        {event.description && <div className="muted">{event.description}</div>}
      </div>
    </li>
  );
}

export function PortfolioEvents({ personId, schoolYear }: { personId: string; schoolYear: number }) {
  const [first, setFirst] = useState(STEP);
  const { data, previousData, loading, error, refetch } = useData(PORTFOLIO_EVENTS_QUERY, {
    variables: { personId, schoolYear, first },
  });
  // While more are loading, keep showing what was there.
  const shown = data ?? (previousData as typeof data);
  const events = shown?.person?.portfolio?.events;
  return (
    <Section title="События года">
      <DataState
        loading={loading}
        error={error}
        data={events}
        onRetry={() => void refetch()}
        isEmpty={(list) => list.length === 0}
        empty="Событий нет."
      >
        {(list) => (
          <>
            <ul className="plain-list events">
              {list.map((event) => (
                <EventItem key={event.id} event={event} />
              ))}
            </ul>
            {list.length >= first && first < MAX && (
              <button
                type="button"
                className="button"
                disabled={loading}
                onClick={() => setFirst((count) => Math.min(MAX, count + STEP * 2))}
              >
                {loading ? 'Загрузка…' : 'Показать ещё'}
              </button>
            )}
          </>
        )}
      </DataState>
    </Section>
  );
}
