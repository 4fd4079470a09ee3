import { useEffect, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';

/** One check's outcome as Tech Insights' `POST /checks/run/…` answers it. */
interface CheckResult {
  check: { id: string; name: string; description: string; factIds: string[] };
  result: boolean;
}

/**
 * The Tech Insights checks over an MCP server's MCP Security facts, passing or
 * failing. A stand-in for the Tech Insights frontend plugin's scorecard, which
 * the dev portal cannot install from the registry it uses.
 */
export function McpChecksCard() {
  const { entity } = useEntity();
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const [state, setState] = useState<
    { results: CheckResult[] } | { error: Error } | undefined
  >();
  const { kind, metadata } = entity;
  const namespace = metadata.namespace ?? 'default';

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const base = await discovery.getBaseUrl('tech-insights');
      const response = await fetch(
        `${base}/checks/run/${encodeURIComponent(
          namespace,
        )}/${encodeURIComponent(kind)}/${encodeURIComponent(metadata.name)}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        },
      );
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const all: CheckResult[] = await response.json();
      return all.filter(r =>
        r.check.factIds.includes('mcpSecurityFactRetriever'),
      );
    })().then(
      results => !cancelled && setState({ results }),
      error => !cancelled && setState({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [discovery, fetch, kind, namespace, metadata.name]);

  return (
    <InfoCard title="MCP checks">
      {!state && <Progress />}
      {state && 'error' in state && <ResponseErrorPanel error={state.error} />}
      {state && 'results' in state && (
        <ul aria-label="MCP checks" style={{ listStyle: 'none', padding: 0 }}>
          {state.results.length === 0 && <li>No facts yet</li>}
          {state.results.map(({ check, result }) => (
            <li key={check.id} title={check.description}>
              {result ? (
                <StatusOK>{check.name}: passed</StatusOK>
              ) : (
                <StatusError>{check.name}: failed</StatusError>
              )}
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
}
