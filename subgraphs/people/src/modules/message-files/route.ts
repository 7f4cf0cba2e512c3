/**
 * People's `/files/people` routes for message attachments (issue 15 §1): the kit's file routes (`@region/kit`,
 * files/routes.ts) over this module's upload intake and download lookup, reached through the same gateway
 * pass-through as learning's homework files.
 */
import { fileRoutes, type Logger } from '@region/kit';
import type { Database } from '@region/db';
import type { MessageFileSettings } from '../../files.ts';
import { FILES_PREFIX, fileForDownload, landUpload } from './service.ts';

export function messageFileRoutes(options: {
  db: Database;
  files: MessageFileSettings;
  logger: Logger;
  now: () => Date;
}) {
  const { db, files } = options;
  return fileRoutes({
    ...options,
    prefix: FILES_PREFIX,
    what: 'message file',
    land: (ticket, body, now) => landUpload(db, files, ticket, body, now),
    find: (fileId) => fileForDownload(db, fileId),
  });
}
