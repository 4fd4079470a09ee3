/**
 * Validates Kubernetes objects against the Kubernetes OpenAPI schemas with
 * kubernetes-models. The package is ESM-only with an import-only exports
 * map, so it is loaded with `import()`: a CommonJS `require` cannot reach it.
 *
 * This module has no relative imports and only erasable TypeScript, so
 * tests can also run it in a plain Node process (see `__testUtils__`), where
 * `import()` works as in the backend; Jest's module system cannot load it.
 */

export interface KubernetesObjectLike {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}

type ModelClass = new (data: unknown) => { validate(): void };
type ModelModules = Record<string, Record<string, ModelClass | undefined>>;

let loading: Promise<ModelModules> | undefined;

function loadModels(): Promise<ModelModules> {
  loading ??= Promise.all([
    import('kubernetes-models/v1'),
    import('kubernetes-models/apps/v1'),
    import('kubernetes-models/networking.k8s.io/v1'),
  ]).then(
    ([core, apps, networking]) =>
      ({
        v1: core,
        'apps/v1': apps,
        'networking.k8s.io/v1': networking,
      } as unknown as ModelModules),
  );
  return loading;
}

/** The problems of each object, `Kind/name: message`; empty when all are valid. */
export async function kubernetesValidationErrors(
  objects: KubernetesObjectLike[],
): Promise<string[]> {
  const modules = await loadModels();
  const errors: string[] = [];
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata?.name ?? '?'}`;
    const Model = modules[object.apiVersion]?.[object.kind];
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
