/**
 * Learning's file settings for homework files (issue 15 §2): the kit's (`@region/kit`, files/settings.ts),
 * named for this subgraph.
 */
import { readFilesEnv as readSubgraphFilesEnv, type FileSettings } from '@region/kit';

export { DEFAULT_FILES_DIR, defaultFileSettings, fileSettingsOf, type FileDeps } from '@region/kit';
export type HomeworkFileSettings = FileSettings;

export const readFilesEnv = (source: NodeJS.ProcessEnv = process.env): FileSettings =>
  readSubgraphFilesEnv('learning', source);
