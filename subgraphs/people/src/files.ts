/**
 * People's file settings for message attachments (issue 15 §1): the kit's (`@region/kit`, files/settings.ts),
 * as learning's for homework, named for this subgraph.
 */
import { readFilesEnv as readSubgraphFilesEnv, type FileSettings } from '@region/kit';

export {
  DEFAULT_FILES_DIR,
  defaultFileSettings,
  fileSettingsOf,
  readFilesStorageEnv,
  type FileDeps,
} from '@region/kit';
export type MessageFileSettings = FileSettings;

export const readFilesEnv = (source: NodeJS.ProcessEnv = process.env): FileSettings =>
  readSubgraphFilesEnv('people', source);
