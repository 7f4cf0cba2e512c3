import { Link } from 'react-router';
import { Page } from '../../ui/kit.tsx';

/** A journal the teacher may not open: another school's class, or a subject they do not teach. */
export function NoAccess({ message }: { message?: string | undefined }) {
  return (
    <Page title="Нет доступа">
      <div className="notice notice-warning no-access" role="alert">
        <div>
          <p>
            <strong>{message ?? 'Этот журнал не найден или недоступен вам.'}</strong>
          </p>
          <p>
            Учитель открывает журналы классов и предметов, которые ведёт по нагрузке, классный руководитель — журналы
            своего класса. Если класс или предмет вам назначен недавно, обратитесь к администрации школы.
          </p>
        </div>
      </div>
      <p>
        <Link to="/teacher/classes">Перейти к моим классам</Link>
      </p>
    </Page>
  );
}
