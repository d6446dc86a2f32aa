import { reconcile, type ReconcileOptions, type ReconcileReport, type RequeueLog, type Services } from '@dataset-profiler/core';

export interface ReconcilerDeps {
  services: Services;
  options: ReconcileOptions;
}

/**
 * The scheduled reconciler: fails jobs whose runner job died, re-queues SUBMITTING jobs whose message
 * was lost, and probes the runner while the circuit is open. The re-queue log lives as long as the
 * container; after a cold start a job may be re-queued once more, which the dispatcher makes harmless.
 */
export const createReconcilerHandler = (deps: () => Promise<ReconcilerDeps>): (() => Promise<ReconcileReport>) => {
  const requeued: RequeueLog = new Map();
  return async function reconcilerHandler() {
    const { services, options } = await deps();
    const report = await reconcile(services, options, requeued);
    services.logger.info({ ...report }, 'reconciled jobs');
    return report;
  };
};
