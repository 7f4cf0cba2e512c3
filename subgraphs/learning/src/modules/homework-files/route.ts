/**
 * Learning's `/files` routes for homework files (issue 15 §2): the kit's file routes (`@region/kit`,
 * files/routes.ts) over this module's upload intake and download lookup.
 */
import { fileRoutes, type Logger } from '@region/kit';
import type { Database } from '@region/db';
import type { HomeworkFileSettings } from '../../files.ts';
import { fileForDownload, landUpload } from './service.ts';

export function homeworkFileRoutes(options: {
  db: Database;
  files: HomeworkFileSettings;
  logger: Logger;
  now: () => Date;
}) {
  const { db, files } = options;
  return fileRoutes({
    ...options,
    prefix: '/files',
    what: 'homework file',
    land: (ticket, body, now) => landUpload(db, files, ticket, body, now),
    find: (fileId) => fileForDownload(db, fileId),
  });
}
