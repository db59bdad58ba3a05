import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-projects.js';
import * as m0003 from './0003-ledger-list-indexes.js';
import * as m0004 from './0004-ledger-export-index.js';
import * as m0005 from './0005-attachments.js';
import * as m0006 from './0006-milestones.js';
import * as m0007 from './0007-goals.js';
import * as m0008 from './0008-action-items.js';
import * as m0009 from './0009-reports.js';
import * as m0010 from './0010-problems.js';
import * as m0011 from './0011-meetings.js';
import * as m0012 from './0012-notification-channels.js';
import * as m0014 from './0014-lights.js';
import * as m0015 from './0015-bulletins.js';
import * as m0018 from './0018-cockpit-indexes.js';
import * as m0019 from './0019-cockpit-sums-flows-paced.js';
import * as m0020 from './0020-drop-superseded-indexes.js';
import * as m0021 from './0021-since-start-investment.js';
import * as m0022 from './0022-calendar-shipped.js';
import * as m0023 from './0023-project-plan-curves.js';

/** Every migration, in order. Static imports so the bundled server carries them. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-projects': m0002,
  '0003-ledger-list-indexes': m0003,
  '0004-ledger-export-index': m0004,
  '0005-attachments': m0005,
  '0006-milestones': m0006,
  '0007-goals': m0007,
  '0008-action-items': m0008,
  '0009-reports': m0009,
  '0010-problems': m0010,
  '0011-meetings': m0011,
  '0012-notification-channels': m0012,
  '0014-lights': m0014,
  '0015-bulletins': m0015,
  '0018-cockpit-indexes': m0018,
  '0019-cockpit-sums-flows-paced': m0019,
  '0020-drop-superseded-indexes': m0020,
  '0021-since-start-investment': m0021,
  '0022-calendar-shipped': m0022,
  '0023-project-plan-curves': m0023,
};
