/**
 * «Перевод обучающихся»: after the next school year is formed, one order per class moves its learners in
 * the movement book — into next year's class with the next parallel and the same letter, or out as
 * graduates — leaving the chosen repeaters behind. The order's requisites are shared by all classes.
 */
import { useRef, useState } from 'react';
import { useData } from '../../../api/hooks.ts';
import { DataState, Field, Section } from '../../../ui/kit.tsx';
import { sortClasses } from '../completeness/queries.ts';
import { useOrganization } from '../organization.tsx';
import { ClassPromotion, type OrderFields } from './promotion-class.tsx';
import { PROMOTION_CLASSES, promotionTarget } from './promotion-queries.ts';
import type { SchoolYear } from './queries.ts';

type OrderErrors = Partial<Record<keyof OrderFields, string>>;

export function validateOrder(order: OrderFields): OrderErrors {
  const found: OrderErrors = {};
  if (!order.orderNumber.trim()) found.orderNumber = 'Укажите номер приказа.';
  else if (order.orderNumber.trim().length > 50) found.orderNumber = 'Номер приказа: не длиннее 50 символов.';
  if (!order.orderDate) found.orderDate = 'Укажите дату приказа.';
  if (!order.effectiveOn) found.effectiveOn = 'Укажите дату, с которой действует приказ.';
  else if (order.orderDate && order.effectiveOn < order.orderDate) {
    found.effectiveOn = 'Дата вступления в силу не может быть раньше даты приказа.';
  }
  return found;
}

export function Promotion({ currentYear, next }: { currentYear: number; next: SchoolYear | undefined }) {
  if (!next) {
    return (
      <Section title="Перевод обучающихся">
        <p className="empty">
          Следующий учебный год ещё не сформирован. Сформируйте его — после этого здесь появятся приказы о переводе
          классов в следующий класс и о выпуске.
        </p>
      </Section>
    );
  }
  return <PromotionOrders currentYear={currentYear} next={next} />;
}

function PromotionOrders({ currentYear, next }: { currentYear: number; next: SchoolYear }) {
  const organization = useOrganization();
  const { data, loading, error, refetch } = useData(PROMOTION_CLASSES, {
    variables: { organizationId: organization.id, current: currentYear, next: next.year, nextStartsOn: next.startsOn },
  });
  const [order, setOrder] = useState<OrderFields>({
    orderNumber: '',
    orderDate: '',
    effectiveOn: `${next.year}-09-01`,
  });
  const [errors, setErrors] = useState<OrderErrors>({});
  const fields = useRef<HTMLDivElement>(null);
  const set = (key: keyof OrderFields) => (value: string) => {
    setOrder((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };
  /** Checks the shared requisites before a class's order is sent; false keeps the request from going out. */
  const checkOrder = (): boolean => {
    const found = validateOrder(order);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      // Focus after React has marked the field invalid.
      setTimeout(() => fields.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return false;
    }
    return true;
  };
  const input = (key: keyof OrderFields, type: 'text' | 'date') => (props: { id: string }) => (
    <input
      {...props}
      type={type}
      value={order[key]}
      maxLength={type === 'text' ? 50 : undefined}
      onChange={(event) => set(key)(event.target.value)}
    />
  );
  return (
    <Section title="Перевод обучающихся">
      <p className="muted">
        Классы {next.name} сформированы. Переведите обучающихся в книге движения: каждый класс — отдельным приказом в
        следующий класс с той же буквой, 11 классы — выпуском. Отметьте тех, кто остаётся на повторное обучение: их
        приказ не касается. Каждый приказ проводится целиком или не проводится совсем.
      </p>
      <div className="school-form school-form-grid" ref={fields}>
        <Field label="Номер приказа *" error={errors.orderNumber}>
          {input('orderNumber', 'text')}
        </Field>
        <Field label="Дата приказа *" error={errors.orderDate}>
          {input('orderDate', 'date')}
        </Field>
        <Field label="Действует с *" hint={`Обычно 1 сентября ${next.year} года`} error={errors.effectiveOn}>
          {input('effectiveOn', 'date')}
        </Field>
      </div>
      <DataState loading={loading} error={error} data={data?.organization} onRetry={() => void refetch()}>
        {(loaded) =>
          loaded.current.length === 0 ? (
            <p className="empty">В текущем учебном году у организации нет классов.</p>
          ) : (
            <div className="school-promotion-list">
              {sortClasses(loaded.current).map((from) => (
                <ClassPromotion
                  key={from.id}
                  from={from}
                  target={promotionTarget(from, loaded.next)}
                  order={order}
                  checkOrder={checkOrder}
                />
              ))}
            </div>
          )
        }
      </DataState>
    </Section>
  );
}
