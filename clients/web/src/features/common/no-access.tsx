import { Link } from 'react-router';
import { Notice, Page } from '../../ui/kit.tsx';

/**
 * A person the signed-in user may not see looks exactly like one that does not exist (the API answers
 * null for both), so the page says both and what to do — never a blank screen.
 */
export function PersonNotAvailable({ backTo, backLabel }: { backTo: string; backLabel: string }) {
  return (
    <Page title="Нет доступа или не найдено">
      <div data-state="no-access">
        <Notice tone="warning">
          Сведения об этом ребёнке недоступны: такой записи нет или она не связана с вашей учётной записью.
        </Notice>
        <p>
          Родитель видит только своих детей, связанных с ним в системе. Если это ваш ребёнок, обратитесь в школу:
          секретарь свяжет вашу карточку с карточкой ребёнка.
        </p>
        <p>
          <Link to={backTo}>{backLabel}</Link>
        </p>
      </div>
    </Page>
  );
}
