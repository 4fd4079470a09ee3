import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';

export interface KubernetesObjectLike {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}

type ModelClass = new (data: unknown) => { validate(): void };

// The API groups the renderer writes objects of; anything else is a renderer bug.
const modelsByApiVersion = {
  v1: core,
  'apps/v1': apps,
  'networking.k8s.io/v1': networking,
} as unknown as Record<string, Record<string, ModelClass | undefined>>;

/**
 * The problems of each object against the Kubernetes OpenAPI schemas, as
 * kubernetes-models checks them, `Kind/name: message`; empty when all are
 * valid.
 */
export function kubernetesValidationErrors(
  objects: KubernetesObjectLike[],
): string[] {
  const errors: string[] = [];
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata?.name ?? '?'}`;
    const Model = modelsByApiVersion[object.apiVersion]?.[object.kind];
    if (!Model) {
      errors.push(
        `${id}: ${object.apiVersion} ${object.kind} is not a kind this renderer validates`,
      );
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(
        `${id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return errors;
}
