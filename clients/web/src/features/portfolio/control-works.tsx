/** Results of control works: date, subject, topic and the mark with its weight. */
import { formatDate } from '../../ui/format.ts';
import { Empty, Section } from '../../ui/kit.tsx';
import { ListPager, useListPage } from '../common/list-pager.tsx';
import { MarkChip } from '../common/marks.tsx';
import type { PortfolioData } from './queries.ts';

type ControlWork = NonNullable<NonNullable<PortfolioData['person']>['portfolio']>['controlWorks'][number];

export function ControlWorks({ works }: { works: readonly ControlWork[] }) {
  // Newest first: the last control work is what a parent asks about.
  const sorted = [...works].sort((a, b) => b.date.localeCompare(a.date));
  const page = useListPage(sorted, 10);
  return (
    <Section title="Контрольные работы">
      {works.length === 0 ? (
        <Empty>Контрольных работ пока не было.</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Дата</th>
                  <th scope="col">Предмет</th>
                  <th scope="col">Тема</th>
                  <th scope="col">Отметка</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((work) => (
                  <tr key={work.id}>
                    <td>{formatDate(work.date)}</td>
                    <td>{work.subject.name}</td>
                    <td>{work.lesson?.topic ?? <span className="muted">—</span>}</td>
                    <td>
                      <MarkChip mark={work} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListPager state={page} label="Страницы контрольных работ" />
        </>
      )}
    </Section>
  );
}
