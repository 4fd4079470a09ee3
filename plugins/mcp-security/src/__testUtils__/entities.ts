import { Entity } from '@backstage/catalog-model';

/** A minimal catalog entity of the given kind and spec.type, for filter tests. */
export function entityOf(kind: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'filesystem' },
    spec: { type },
  };
}
