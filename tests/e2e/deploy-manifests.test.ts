/**
 * The Kubernetes manifests (deploy/k8s) against the Kubernetes API schemas bundled by `kubernetes-models`,
 * offline, and against the processes they run (the subgraph registry): every subgraph and every worker
 * process kind of it has its Deployment, every Service selects a Deployment, the API replicas of a subgraph
 * with a worker process start no outbox workers, and no process gets CLOCK_NOW.
 */
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS, workerProcessName } from '@region/schema';
import { validateManifests, validateManifestText, type ManifestResource } from '../src/deploy-manifests.ts';

const { problems, resources } = validateManifests();

function byKind(kind: string): ManifestResource[] {
  return resources.filter((resource) => resource.kind === kind);
}

interface Container {
  env?: { name: string; value?: string }[];
  ports?: { containerPort: number }[];
}

function containersOf(resource: ManifestResource): Container[] {
  const spec = resource.body['spec'] as { template: { spec: { containers: Container[] } } };
  return spec.template.spec.containers;
}

describe('deploy/k8s manifests', () => {
  it('are valid Kubernetes resources', () => {
    expect(problems).toEqual([]);
    expect(
      byKind('Deployment')
        .map((resource) => resource.name)
        .sort(),
    ).toEqual(
      [
        'gateway',
        ...SUBGRAPHS.flatMap((entry) => [
          entry.name,
          ...(entry.workers ?? []).map((worker) => workerProcessName(entry, worker)),
        ]),
      ].sort(),
    );
    expect(byKind('Job').map((resource) => resource.name)).toEqual(['region-migrate']);
  });

  it('refuses a manifest the API server would refuse (the check can fail)', () => {
    const wrongType = validateManifestText(
      'bad.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: two, selector: {}, template: {}}\n',
    );
    expect(wrongType).toHaveLength(1);
    expect(wrongType[0]!.message).toMatch(/replicas/);
    const missingPorts = validateManifestText(
      'bad.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{}]}\n',
    );
    expect(missingPorts[0]!.message).toMatch(/port/);
    expect(validateManifestText('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n')[0]!.message).toMatch(
      /unknown kind/,
    );
  });

  it('every Service selects a Deployment', () => {
    const names = new Set(byKind('Deployment').map((resource) => resource.name));
    for (const service of byKind('Service')) {
      const selector = (service.body['spec'] as { selector: Record<string, string> }).selector;
      expect(names, service.name).toContain(selector['app.kubernetes.io/name']);
    }
  });

  it("runs each registry worker in its own Deployment and none in its subgraph's API replicas", () => {
    const withWorkers = SUBGRAPHS.filter((entry) => (entry.workers ?? []).length > 0);
    expect(withWorkers.map((entry) => entry.name)).toContain('admissions');
    for (const entry of withWorkers) {
      const api = byKind('Deployment').find((resource) => resource.name === entry.name)!;
      const env = containersOf(api).flatMap((container) => container.env ?? []);
      // The outbox may also run inside an API process; other worker kinds (analytics' facts) never do.
      if ((entry.workers ?? []).some((worker) => worker.name === 'outbox'))
        expect(env, entry.name).toContainEqual({ name: 'OUTBOX_WORKERS', value: 'off' });
      for (const worker of entry.workers ?? []) {
        const name = workerProcessName(entry, worker);
        const deployment = byKind('Deployment').find((resource) => resource.name === name)!;
        const containers = containersOf(deployment);
        expect(
          containers.flatMap((container) => container.env ?? []),
          name,
        ).toContainEqual({
          name: 'WORKER_PORT',
          value: String(worker.port),
        });
        expect(containers.flatMap((container) => container.ports ?? []).map((port) => port.containerPort)).toContain(
          worker.port,
        );
      }
    }
  });

  it('gives no process a fixed clock and runs every process in production mode', () => {
    for (const resource of [...byKind('Deployment'), ...byKind('Job')]) {
      const env = containersOf(resource).flatMap((container) => container.env ?? []);
      expect(env.map((variable) => variable.name)).not.toContain('CLOCK_NOW');
    }
    const config = byKind('ConfigMap').find((resource) => resource.name === 'region-config')!;
    const data = config.body['data'] as Record<string, string>;
    expect(data['NODE_ENV']).toBe('production');
    expect(Object.keys(data)).not.toContain('CLOCK_NOW');
  });
});
