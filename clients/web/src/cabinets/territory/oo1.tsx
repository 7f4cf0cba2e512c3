/** «Форма ОО-1»: the form's contingent sections for the region or a municipality (summed over its schools). */
import { useId, useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { Oo1View } from '../../features/reports/oo1-view.tsx';
import { Page } from '../../ui/kit.tsx';
import { MUNICIPALITIES } from './queries/organizations.ts';
import { useTerritoryScope } from './scope.ts';
import { Lead } from './ui.tsx';

export default function Oo1Page() {
  const scope = useTerritoryScope();
  const id = useId();
  const { data } = useData(MUNICIPALITIES, { skip: !scope.regional });
  const options = scope.regional ? (data?.municipalities ?? []) : scope.municipalities;
  const [municipalityId, setMunicipalityId] = useState(scope.regional ? '' : (scope.municipalities[0]?.id ?? ''));
  const [on, setOn] = useState('');
  return (
    <Page title="Форма ОО-1">
      <Lead>
        Разделы о контингенте: классы и обучающиеся по параллелям, полу и возрасту на 1 января. {scope.title}.
      </Lead>
      <div className="filters">
        {(scope.regional || options.length > 1) && (
          <div className="field">
            <label htmlFor={`${id}-municipality`}>Территория</label>
            <select
              id={`${id}-municipality`}
              value={municipalityId}
              onChange={(event) => setMunicipalityId(event.target.value)}
            >
              {scope.regional && <option value="">Весь регион</option>}
              {options.map((municipality) => (
                <option key={municipality.id} value={municipality.id}>
                  {municipality.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-on`}>Дата среза</label>
          <input id={`${id}-on`} type="date" value={on} onChange={(event) => setOn(event.target.value)} />
        </div>
      </div>
      <Oo1View input={{ municipalityId: municipalityId || null, on: on || null }} />
    </Page>
  );
}
