/** Counts of ГИР ВУ errors, most frequent first, and the note about learners withheld without consent. */
import { Notice } from '../../ui/kit.tsx';
import type { RegistrationFigures } from './queries.ts';

export function ProblemCounts({ figures }: { figures: RegistrationFigures }) {
  const problems = [...figures.problems].sort((a, b) => b.count - a.count);
  return (
    <>
      <p>
        В списке <strong>{figures.learners}</strong>, с ошибками <strong>{figures.learnersWithProblems}</strong>.
      </p>
      {problems.length > 0 && (
        <ul className="gir-problem-counts" aria-label="Ошибки по видам">
          {problems.map((problem) => (
            <li key={problem.code}>
              {problem.message} — <strong>{problem.count}</strong>
            </li>
          ))}
        </ul>
      )}
      {figures.withheld > 0 && (
        <Notice tone="warning">
          <span>
            Не показаны и не выгружаются: {figures.withheld} — нет согласия на обработку персональных данных. Их
            сведения передайте в военный комиссариат в установленном порядке или получите согласие.
          </span>
        </Notice>
      )}
    </>
  );
}
