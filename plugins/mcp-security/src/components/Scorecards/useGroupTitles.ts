import { useApiHolder } from '@backstage/core-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { ScorecardGroupBy } from '@mcp-server-operator/plugin-mcp-security-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { groupingOf } from './scorecardFormat';

/**
 * The titles of groups, as the catalog shows them wherever it links to them
 * (`Data Team` for `group:default/data-team`), for a view that also sorts,
 * filters and names them in words.
 *
 * Asks the entity presentation API, as `EntityRefLink` does, so a title
 * reads the same in a link and beside it, an app's own presentation
 * included. That API batches and caches its catalog look-ups, so a whole
 * table costs one request, not one a row. Until it answers, and without it,
 * a group goes by its ref, shortened as the catalog does (`data-team`).
 */
export function useGroupTitles(
  groupRefs: string[],
  groupBy: ScorecardGroupBy,
): (groupRef: string) => string {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const kind = groupingOf(groupBy).kind;
  const refsKey = groupRefs.join('\n');

  const presentations = useMemo(() => {
    const context = { defaultKind: kind };
    return new Map(
      refsKey
        .split('\n')
        .filter(Boolean)
        .map(ref => {
          if (!presentationApi) {
            const snapshot = defaultEntityPresentation(ref, context);
            return [ref, { snapshot, promise: Promise.resolve(snapshot) }];
          }
          return [ref, presentationApi.forEntity(ref, context)];
        }),
    );
  }, [presentationApi, refsKey, kind]);

  // The titles once loaded, for the presentations they were loaded for.
  const [loaded, setLoaded] = useState<{
    for: typeof presentations;
    titles: Map<string, string>;
  }>();
  useEffect(() => {
    let current = true;
    Promise.all(
      [...presentations].map(async ([ref, presentation]) => {
        try {
          return [ref, (await presentation.promise).primaryTitle] as const;
        } catch {
          // The catalog did not answer: the ref stays as it is shown now.
          return [ref, presentation.snapshot.primaryTitle] as const;
        }
      }),
    ).then(titles => {
      if (current) {
        setLoaded({ for: presentations, titles: new Map(titles) });
      }
    });
    return () => {
      current = false;
    };
  }, [presentations]);

  return useCallback(
    (groupRef: string) =>
      (loaded?.for === presentations
        ? loaded.titles.get(groupRef)
        : undefined) ??
      presentations.get(groupRef)?.snapshot.primaryTitle ??
      groupRef,
    [loaded, presentations],
  );
}
