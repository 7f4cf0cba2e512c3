/**
 * Validates the Kubernetes manifests (`deploy/k8s/*.yaml`) offline against the Kubernetes API's JSON schemas
 * that `kubernetes-models` bundles (no cluster, no network): every document must be a known kind whose
 * fields, types and required members the API server would accept. `npm run deploy:check` in CI; the
 * test `tests/e2e/deploy-manifests.test.ts` runs the same check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';

export const MANIFESTS_DIR = fileURLToPath(new URL('../../deploy/k8s/', import.meta.url));

interface Validating {
  validate(): void;
}

/** The kinds the manifests may use, by `apiVersion/kind`. */
const KINDS: Record<string, (data: never) => Validating> = {
  'apps/v1/Deployment': (data) => new Deployment(data),
  'autoscaling/v2/HorizontalPodAutoscaler': (data) => new HorizontalPodAutoscaler(data),
  'batch/v1/Job': (data) => new Job(data),
  'networking.k8s.io/v1/NetworkPolicy': (data) => new NetworkPolicy(data),
  'policy/v1/PodDisruptionBudget': (data) => new PodDisruptionBudget(data),
  'v1/ConfigMap': (data) => new ConfigMap(data),
  'v1/Namespace': (data) => new Namespace(data),
  'v1/PersistentVolumeClaim': (data) => new PersistentVolumeClaim(data),
  'v1/Secret': (data) => new Secret(data),
  'v1/Service': (data) => new Service(data),
};

export interface ManifestProblem {
  file: string;
  document: number;
  message: string;
}

export interface ManifestResource {
  file: string;
  apiVersion: string;
  kind: string;
  name: string;
  body: Record<string, unknown>;
}

/** Every problem of one file's text; `resources` collects the valid documents. */
export function validateManifestText(
  file: string,
  text: string,
  resources: ManifestResource[] = [],
): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    const at = { file, document: index + 1 };
    if (document.errors.length > 0) {
      problems.push({ ...at, message: document.errors.map((error) => error.message).join('; ') });
      continue;
    }
    const body = document.toJS() as Record<string, unknown> | null;
    if (body === null) continue;
    const key = `${String(body['apiVersion'])}/${String(body['kind'])}`;
    const model = KINDS[key];
    if (!model) {
      problems.push({ ...at, message: `unknown kind ${key}` });
      continue;
    }
    try {
      model(body as never).validate();
      const metadata = (body['metadata'] ?? {}) as { name?: string };
      resources.push({
        file,
        apiVersion: String(body['apiVersion']),
        kind: String(body['kind']),
        name: metadata.name ?? '',
        body,
      });
    } catch (error) {
      problems.push({ ...at, message: `${key}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return problems;
}

export function validateManifests(dir = MANIFESTS_DIR): { problems: ManifestProblem[]; resources: ManifestResource[] } {
  const resources: ManifestResource[] = [];
  const problems = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => validateManifestText(name, readFileSync(`${dir}${name}`, 'utf8'), resources));
  return { problems, resources };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { problems, resources } = validateManifests();
  for (const problem of problems) console.error(`${problem.file} #${problem.document}: ${problem.message}`);
  if (problems.length > 0 || resources.length === 0) process.exit(1);
  console.log(`${resources.length} Kubernetes resources valid`);
}
