/** The change feed's log of learning's entities: classes, membership, marks, attendance (issue 14 §2). */
import { changeHorizonTable, changeLogTable } from '../change-log.ts';
import { learning } from './common.ts';

export const changes = changeLogTable(learning);
export const changesHorizon = changeHorizonTable(learning);
