/** One class's promotion order: its target, its learners with «остаётся» checkboxes, the order and its outcome. */
import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { useData } from '../../../api/hooks.ts';
import { Badge, DataState, Notice } from '../../../ui/kit.tsx';
import { RefusalNotice } from '../refusal.tsx';
import {
  CLASS_LEARNERS,
  LEARNERS_PAGE,
  RECORD_CLASS_MOVEMENT,
  type PromotionTarget,
  type YearClass,
} from './promotion-queries.ts';
import { useOrganization } from '../organization.tsx';

export interface OrderFields {
  orderNumber: string;
  orderDate: string;
  effectiveOn: string;
}

const REASONS = { TRANSFER: 'Перевод в следующий класс', GRADUATE: 'Окончание обучения' } as const;

const entries = (count: number) => {
  const tens = count % 100;
  const ones = count % 10;
  if (tens >= 11 && tens <= 14) return `${count} записей`;
  if (ones === 1) return `${count} запись`;
  if (ones >= 2 && ones <= 4) return `${count} записи`;
  return `${count} записей`;
};

export function ClassPromotion({
  from,
  target,
  order,
  checkOrder,
}: {
  from: YearClass;
  target: PromotionTarget;
  order: OrderFields;
  checkOrder: () => boolean;
}) {
  const headingId = useId();
  const title = (
    <h3 id={headingId} className="school-promotion-title">
      {from.name} → {target.kind === 'TRANSFER' ? target.to.name : target.kind === 'GRADUATE' ? 'выпуск' : 'нет класса'}
    </h3>
  );
  return (
    <section className="school-promotion" aria-labelledby={headingId}>
      {title}
      {target.kind === 'NONE' ? (
        <p className="muted">{target.note}</p>
      ) : (
        <Order {...{ from, target, order, checkOrder }} />
      )}
    </section>
  );
}

function Order({
  from,
  target,
  order,
  checkOrder,
}: {
  from: YearClass;
  target: Exclude<PromotionTarget, { kind: 'NONE' }>;
  order: OrderFields;
  checkOrder: () => boolean;
}) {
  const organization = useOrganization();
  const transfer = target.kind === 'TRANSFER';
  const learners = useData(CLASS_LEARNERS, {
    variables: {
      organizationId: organization.id,
      classId: from.id,
      toClassId: transfer ? target.to.id : from.id,
      transfer,
      first: LEARNERS_PAGE,
    },
  });
  const [staying, setStaying] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<number | null>(null);
  const [record, { loading, error, reset }] = useMutation(RECORD_CLASS_MOVEMENT);
  const list = learners.data?.learners.edges.map((edge) => edge.node);

  // Repeaters chosen when the year was formed start checked.
  const [preselected, setPreselected] = useState(false);
  useEffect(() => {
    if (list && !preselected) {
      setPreselected(true);
      setStaying(new Set(list.filter((person) => target.repeaters.has(person.id)).map((person) => person.id)));
    }
  }, [list, preselected, target.repeaters]);

  const toggle = (id: string, checked: boolean) =>
    setStaying((current) => {
      const changed = new Set(current);
      if (checked) changed.add(id);
      else changed.delete(id);
      return changed;
    });

  const submit = () => {
    reset();
    setDone(null);
    if (!checkOrder() || !list) return;
    void record({
      variables: {
        input: {
          kind: target.kind,
          organizationId: organization.id,
          fromClassId: from.id,
          toClassId: transfer ? target.to.id : null,
          toClassName: transfer ? target.to.name : null,
          orderNumber: order.orderNumber.trim(),
          orderDate: order.orderDate,
          effectiveOn: order.effectiveOn,
          reason: REASONS[target.kind],
          exceptPersonIds: [...staying],
        },
      },
    })
      .then((result) => {
        setDone(result.data?.recordClassMovement.length ?? 0);
        return learners.refetch();
      })
      .catch(() => {});
  };

  const covered = list ? list.filter((person) => !staying.has(person.id)).length : 0;
  const moved = learners.data?.moved?.totalCount ?? 0;
  return (
    <>
      {target.kind === 'GRADUATE' && target.note && <p className="school-warning-text">{target.note}</p>}
      {moved > 0 && done === null && (
        <p>
          <Badge tone="success">проведено</Badge> В классе {transfer ? target.to.name : ''} по книге движения уже{' '}
          {moved} обучающихся.
        </p>
      )}
      <DataState loading={learners.loading} error={learners.error} data={list} onRetry={() => void learners.refetch()}>
        {(people) =>
          people.length === 0 ? (
            <p className="empty">В классе не осталось обучающихся, которых касается приказ.</p>
          ) : (
            <fieldset className="school-promotion-people">
              <legend>
                Обучающиеся {from.name}: отметьте остающихся на повторное обучение
                {learners.data!.learners.totalCount > people.length &&
                  ` (показаны ${people.length} из ${learners.data!.learners.totalCount})`}
              </legend>
              <ul>
                {people.map((person) => (
                  <li key={person.id}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={staying.has(person.id)}
                        onChange={(event) => toggle(person.id, event.target.checked)}
                        aria-label={`${person.fullName} — остаётся на повторное обучение`}
                      />{' '}
                      {person.fullName}
                      {staying.has(person.id) && <Badge tone="warning">остаётся</Badge>}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )
        }
      </DataState>
      {error ? <RefusalNotice error={error} /> : null}
      {done !== null && (
        <Notice tone="success">
          Приказ № {order.orderNumber.trim()} проведён: {entries(done)} в книге движения
          {transfer ? ` — перевод в ${target.to.name}` : ' — выпуск'}.
        </Notice>
      )}
      {list && list.length > 0 && (
        <div className="actions">
          <button type="button" className="button button-primary" disabled={loading || covered === 0} onClick={submit}>
            {loading ? 'Проведение…' : 'Провести приказ'}
          </button>{' '}
          <span className="muted">
            {transfer ? `Переводятся в ${target.to.name}` : 'Выпускаются'}: {covered}
            {staying.size > 0 && `, остаются: ${staying.size}`}
          </span>
        </div>
      )}
    </>
  );
}
