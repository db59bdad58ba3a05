import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Container } from '../container.js';
import { refreshPlannerStats } from '../db/helpers/planner-stats.js';
import { releaseLock, tryAcquireLock } from './lock.js';

export interface Job {
  name: string;
  everyMs: number;
  run(container: Container): Promise<string | void>;
}

/** Scheduled work of this release. Later capabilities (reminders, lights, escalation) add here. */
export const JOBS: Job[] = [
  {
    name: 'purge-expired-sessions',
    everyMs: 10 * 60_000,
    async run(c) {
      const n = await c.services.auth.purgeExpiredSessions();
      return `removed ${n} expired sessions`;
    },
  },
  {
    name: 'purge-unlinked-attachments',
    everyMs: 60 * 60_000,
    async run(c) {
      const n = await c.services.attachments.purgeUnlinked();
      return `removed ${n} attachments never linked within 24 h`;
    },
  },
  {
    name: 'milestone-reminders',
    everyMs: 60 * 60_000,
    async run(c) {
      const n = await c.services.notifications.remindMilestones();
      return `sent ${n} milestone reminders`;
    },
  },
  {
    // Lights follow data changes within a minute: features queue the projects they touch.
    name: 'refresh-changed-lights',
    everyMs: 60_000,
    async run(c) {
      const r = await c.services.lights.refreshChanged();
      return r.projects ? `recomputed ${r.projects} lights (${r.changed} changed)` : undefined;
    },
  },
  {
    // The nightly pass catches what time alone changes (a deadline passing, a new month).
    name: 'recompute-all-lights',
    everyMs: 6 * 60 * 60_000,
    async run(c) {
      const r = await c.services.lights.recomputeAll();
      return `recomputed ${r.projects} lights: ${r.colors.red} red, ${r.colors.yellow} yellow, ${r.colors.green} green`;
    },
  },
  {
    // Short interval: a message reaches the group chat within about 15 s; retries wait their backoff.
    name: 'deliver-notifications',
    everyMs: 15_000,
    async run(c) {
      const r = await c.services.notifications.outbox.deliverDue();
      return `delivered ${r.sent}, failed attempts ${r.failed}`;
    },
  },
  {
    name: 'notification-digest',
    everyMs: 30 * 60_000,
    async run(c) {
      const n = await c.services.notifications.digest();
      const purged = await c.services.notifications.outbox.purgeLog();
      return `sent ${n} daily digests; purged ${purged} old delivery records`;
    },
  },
  {
    // 进展填报: this month's round from the 1st and, when the 填报计划 says so, this week's (idempotent); then reminders before and after the due dates.
    name: 'report-rounds',
    everyMs: 60 * 60_000,
    async run(c) {
      const added = await c.services.reportRounds.openScheduled();
      const sent = await c.services.reportRounds.remind();
      return `added ${added} reports to the scheduled rounds; sent ${sent} report reminders`;
    },
  },
  {
    // 督办升级: overdue problems and action items climb the ladder; notices are deduplicated.
    name: 'dispatch-escalation',
    everyMs: 60 * 60_000,
    async run(c) {
      const r = await c.services.escalation.run();
      return `escalated ${r.problems} problems and ${r.actions} action items, ${r.notified} notices`;
    },
  },
  {
    // 调度通报: drafted once the month's report round is past its due date, then reviewed by 项目办.
    name: 'draft-bulletin',
    everyMs: 60 * 60_000,
    async run(c) {
      const period = await c.services.bulletins.draftScheduled();
      return period ? `drafted the ${period} bulletin` : undefined;
    },
  },
  {
    name: 'refresh-planner-stats',
    everyMs: 60 * 60_000,
    async run(c) {
      await refreshPlannerStats(c.deps.db);
      return 'planner statistics refreshed';
    },
  },
];

/**
 * Runs each job on its interval in this instance, under a database lease so that with several
 * instances on PostgreSQL exactly one runs each tick. Returns a stop function.
 */
export function startScheduler(container: Container, log: FastifyBaseLogger, jobs: Job[] = JOBS): () => Promise<void> {
  const owner = `${process.pid}-${randomUUID()}`;
  const timers: NodeJS.Timeout[] = [];
  let running = Promise.resolve();
  for (const job of jobs) {
    const tick = () => {
      running = running.then(async () => {
        const { db, clock } = container.deps;
        try {
          if (!(await tryAcquireLock(db, `job:${job.name}`, owner, job.everyMs, clock.now()))) return;
          const summary = await job.run(container);
          if (summary) log.info({ job: job.name }, summary);
        } catch (e) {
          log.error({ err: e, job: job.name }, 'job failed');
        }
      });
    };
    timers.push(setInterval(tick, job.everyMs));
    setImmediate(tick);
  }
  return async () => {
    timers.forEach(clearInterval);
    await running;
    for (const job of jobs) await releaseLock(container.deps.db, `job:${job.name}`, owner).catch(() => undefined);
  };
}
