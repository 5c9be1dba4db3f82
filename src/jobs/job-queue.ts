import { Logger as WorkerLogger, parseCrontab, run, type Job, type Runner, type TaskSpec } from 'graphile-worker';
import { Pool } from 'pg';
import { APP_ROLE } from '../db/data-source';
import type { Logger } from '../config/logger';
import { JOB_QUEUE_SCHEMA } from './job-queue.schema';
import { crontab, taskList, type JobContext, type JobName } from './tasks';

export interface JobQueueOptions {
  /** The API's connection URL; every connection acts as samverkan_app. */
  url: string;
  concurrency: number;
  /** Poll interval when no notification arrives (ms); LISTEN/NOTIFY wakes the worker sooner. */
  pollIntervalMs?: number;
}

/**
 * The PostgreSQL-backed job queue (graphile-worker): a worker with the task registry of
 * src/jobs/tasks.ts and its crontab. Jobs are taken with `FOR UPDATE SKIP LOCKED`, so when several
 * API processes run a worker on one database each job runs once. The schema is installed by the
 * migration job (src/jobs/job-queue.schema.ts); this process only uses it.
 */
export class JobQueue {
  private constructor(
    private readonly runner: Runner,
    private readonly pool: Pool,
  ) {}

  static async start(options: JobQueueOptions, ctx: JobContext): Promise<JobQueue> {
    const pool = new Pool({
      connectionString: options.url,
      max: options.concurrency + 2,
      application_name: 'samverkan-jobs',
      options: `-c role=${APP_ROLE}`,
    });
    // An idle client's error (a restarted database) must not end the process; the worker reconnects.
    pool.on('error', (error) =>
      ctx.logger.warn({ component: 'jobs', err: error.message }, 'job queue connection lost'),
    );
    try {
      const runner = await run({
        pgPool: pool,
        schema: JOB_QUEUE_SCHEMA,
        concurrency: options.concurrency,
        pollInterval: options.pollIntervalMs ?? 2000,
        noHandleSignals: true,
        logger: workerLogger(ctx.logger),
        taskList: taskList(ctx),
        parsedCronItems: parseCrontab(crontab(ctx.config)),
      });
      return new JobQueue(runner, pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Queues a job now (or at `spec.runAt`); with `spec.jobKey`, replaces a waiting job of that key. */
  addJob(name: JobName, payload: Record<string, unknown> = {}, spec?: TaskSpec): Promise<Job> {
    return this.runner.addJob(name, payload, spec);
  }

  /** Waits for running jobs to finish, then closes the connections. */
  async stop(): Promise<void> {
    await this.runner.stop();
    await this.pool.end();
  }
}

/** graphile-worker's log lines through ours, at its levels; its messages name tasks and job ids only. */
function workerLogger(logger: Logger): WorkerLogger {
  const log = logger.child({ component: 'jobs' });
  return new WorkerLogger(() => (level, message) => {
    if (level === 'error') log.error(message);
    else if (level === 'warning') log.warn(message);
    else if (level === 'info') log.info(message);
    else log.debug(message);
  });
}
