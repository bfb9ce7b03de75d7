import type { ConsumerGroupPlan } from '@tributary/pipeline-spec';
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { kafkaDrainView } from './kafka-drain-view';
import { countsSettled, reportingStages, type SettlingCount } from './run-count-settling';
import { advanceDrain, type DrainState } from './run-drain';

type KeptDrain = DrainState & {
  waitingFor?: string;
  /** When every stage had caught up with the run (ISO): its counts are waited for from then. */
  drainedAt?: string;
};

interface DrainingRun {
  id: string;
  tenant_id: string;
  pipeline: string;
  drain: KeptDrain | null;
  plan: { consumerGroups?: ConsumerGroupPlan[] };
}

/** What a run waits for once its stages have caught up, until their counts are in. */
const COUNTS_WAITED_FOR = 'stage counts';

/**
 * Moves runs whose source has finished to `succeeded` once every stage has caught up with them
 * (run-drain.ts) and their counts are in (run-count-settling.ts; waited for at most
 * `countSettleMs` after they caught up), checking every `intervalMs`. What it found
 * is kept on the run (`drain`, with what it waits for), so the API can say what a run waits
 * for and a restarted control plane goes on from there. Several control-plane instances may
 * all watch: each move is a conditional update of a running run, so a run succeeds once.
 */
export class RunDrainWatch {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly admin: () => Promise<Admin>,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
    private readonly countSettleMs = 4000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
  }

  /** One pass over the draining runs; a pass still going is not started twice. */
  check(): Promise<void> {
    this.checking ??= this.pass().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async pass(): Promise<void> {
    let runs: DrainingRun[];
    try {
      runs = await this.dataSource.query(
        `SELECT r.id, r.tenant_id, r.pipeline, r.drain, v.plan FROM runs r
           JOIN pipeline_versions v ON v.pipeline_id = r.pipeline_id AND v.version = r.pipeline_version
          WHERE r.status = 'running' AND r.source_finished_at IS NOT NULL
          ORDER BY r.source_finished_at LIMIT 100`,
      );
      if (runs.length === 0) return;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not list the runs whose stages are catching up');
      return;
    }
    let view;
    try {
      view = kafkaDrainView(await this.admin());
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'Kafka unreachable: runs wait for their stages until it is back');
      return;
    }
    for (const run of runs) {
      try {
        const before = run.drain ?? { group: 0 };
        const progress = await advanceDrain(run.plan.consumerGroups ?? [], before, view);
        let drain: KeptDrain = { ...progress.state, ...(progress.waitingFor && { waitingFor: progress.waitingFor }) };
        if (progress.done) {
          const drainedAt = run.drain?.drainedAt ?? new Date().toISOString();
          const settled = countsSettled(reportingStages(run.plan.consumerGroups ?? [], progress.state.unconsumed ?? []), await this.stageCounts(run.id));
          if (settled || Date.now() - Date.parse(drainedAt) >= this.countSettleMs) {
            await this.succeed(run, drain, settled);
            continue;
          }
          drain = { ...drain, drainedAt, waitingFor: COUNTS_WAITED_FOR };
        }
        if (JSON.stringify(drain) !== JSON.stringify(run.drain)) {
          await this.dataSource.query(`UPDATE runs SET drain = $2, updated_at = now() WHERE id = $1 AND status = 'running'`, [run.id, drain]);
        }
      } catch (err) {
        this.logger.warn({ tenant: run.tenant_id, pipeline: run.pipeline, run: run.id, err: (err as Error).message }, 'could not check how far the stages are with this run');
      }
    }
  }

  private async succeed(run: DrainingRun, drain: KeptDrain, settled: boolean): Promise<void> {
    await this.dataSource.query(`UPDATE runs SET status = 'succeeded', finished_at = now(), drain = $2, updated_at = now() WHERE id = $1 AND status = 'running'`, [run.id, drain]);
    const fields = { tenant: run.tenant_id, pipeline: run.pipeline, run: run.id };
    if (settled) this.logger.info(fields, 'run succeeded: every stage has handled its records');
    else {
      this.logger.info(
        fields,
        `run succeeded: every stage has handled its records; its stage counts did not add up within ${this.countSettleMs} ms (a stage's count report could not be published)`,
      );
    }
  }

  /** The run's counts per stage, its reporters added up. */
  private async stageCounts(runId: string): Promise<SettlingCount[]> {
    const rows: { stage: string; records_in: string; records_out: string; errors: string; filtered: string }[] = await this.dataSource.query(
      `SELECT stage, sum(records_in) AS records_in, sum(records_out) AS records_out, sum(errors) AS errors, sum(filtered) AS filtered
         FROM run_stage_counts WHERE run_id = $1 GROUP BY stage`,
      [runId],
    );
    return rows.map((r) => ({ stage: r.stage, recordsIn: Number(r.records_in), recordsOut: Number(r.records_out), errors: Number(r.errors), filtered: Number(r.filtered) }));
  }
}
