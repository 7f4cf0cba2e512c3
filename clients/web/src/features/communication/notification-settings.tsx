/**
 * «Уведомления» (issue 15 §1): for each kind of notification the person chooses whether it comes to the
 * cabinet (the bell) and whether a copy goes by e-mail to the address on their card. Saved on each change.
 */
import { useMutation } from '@apollo/client/react';
import { useData } from '../../api/hooks.ts';
import type { NotificationKind } from '../../generated/graphql.ts';
import { DataState, ErrorNotice, Page } from '../../ui/kit.tsx';
import { NOTIFICATION_KINDS } from './labels.ts';
import { NOTIFICATIONS, NOTIFICATION_SETTINGS, SET_NOTIFICATION_SETTING } from './queries.ts';
import './communication.css';

export function NotificationSettingsPage() {
  const settings = useData(NOTIFICATION_SETTINGS, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(SET_NOTIFICATION_SETTING, {
    refetchQueries: [NOTIFICATION_SETTINGS, NOTIFICATIONS],
  });
  const change = (kind: NotificationKind, inApp: boolean, email: boolean) =>
    void save({ variables: { kind, inApp, email } }).catch(() => {});

  return (
    <Page title="Уведомления">
      <p className="muted">
        Выберите, о чём сообщать в колокольчике кабинета и о чём писать на электронную почту из вашей карточки. Письма
        приходят только на указанный в карточке адрес.
      </p>
      {saving.error && <ErrorNotice error={saving.error} />}
      <DataState
        loading={settings.loading}
        error={settings.error}
        data={settings.data}
        onRetry={() => void settings.refetch()}
      >
        {(data) => (
          <div className="table-wrap">
            <table className="table notification-settings">
              <caption className="visually-hidden">Какие уведомления получать</caption>
              <thead>
                <tr>
                  <th scope="col">Уведомления</th>
                  <th scope="col">В кабинете</th>
                  <th scope="col">На почту</th>
                </tr>
              </thead>
              <tbody>
                {data.notificationSettings.map((setting) => {
                  const label = NOTIFICATION_KINDS[setting.kind];
                  return (
                    <tr key={setting.kind}>
                      <th scope="row">{label}</th>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${label}: в кабинете`}
                          checked={setting.inApp}
                          onChange={(event) => change(setting.kind, event.target.checked, setting.email)}
                        />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${label}: на почту`}
                          checked={setting.email}
                          onChange={(event) => change(setting.kind, setting.inApp, event.target.checked)}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </Page>
  );
}
