/** The child's marks of the server's current week, for the child's card: what is new since Monday. */
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { MarkChip } from '../../features/common/marks.tsx';
import { DIARY_QUERY } from '../../features/diary/queries.ts';

export function WeekMarks({ childId }: { childId: string }) {
  // The same query and variables as the diary's current week: opening the diary next is instant.
  const { data, loading } = useData(DIARY_QUERY, { variables: { personId: childId, from: null, to: null } });
  const days = data?.person?.diary?.days;
  if (!days) {
    // The line stands in its place from the first paint, so the card does not grow when the marks come
    // (issue 15 §3.10).
    return loading ? (
      <div className="week-marks" aria-busy="true">
        <span className="muted">Отметки за эту неделю: загружаются…</span>
      </div>
    ) : null;
  }
  const marks = days.flatMap((day) =>
    day.lessons.flatMap((item) => item.marks.map((mark) => ({ mark, subject: item.lesson.subject.shortName }))),
  );
  return (
    <div className="week-marks">
      <span className="muted">Отметки за эту неделю: </span>
      {marks.length === 0 ? (
        <span className="muted">пока нет</span>
      ) : (
        <Link to={`children/${childId}/diary`} className="week-marks-list">
          {marks.slice(0, 12).map(({ mark, subject }) => (
            <span key={mark.id} className="week-mark">
              <span className="muted">{subject}</span> <MarkChip mark={mark} />
            </span>
          ))}
          {marks.length > 12 && <span className="muted">и ещё {marks.length - 12}</span>}
        </Link>
      )}
    </div>
  );
}
