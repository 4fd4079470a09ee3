/** Names or paths that occur more than once. */
function repeated(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

const targetOf = (volume: unknown): string | undefined =>
  typeof volume === 'string'
    ? volume.split(':')[1]
    : (volume as { target?: string } | undefined)?.target;

/**
 * Two volumes of one pod with the same name, or two mounts at the same path
 * in one container or compose service, are not an error to every schema:
 * Kubernetes refuses the first when it is applied, and compose and the
 * kubelet would mount one folder where two were meant. Says where.
 */
export function duplicateMountErrors(
  compose: Record<string, unknown> | undefined,
  kubernetes: { kind: string; metadata?: { name?: string }; spec?: any }[],
): string[] {
  const problems: string[] = [];
  const services = (compose?.services ?? {}) as Record<
    string,
    { volumes?: unknown[] }
  >;
  for (const [name, service] of Object.entries(services)) {
    const targets = (service.volumes ?? []).map(targetOf);
    for (const path of repeated(targets.filter((t): t is string => !!t))) {
      problems.push(
        `compose.yaml: service ${name} mounts two volumes at ${path}`,
      );
    }
  }
  for (const object of kubernetes) {
    const pod =
      object.spec?.template?.spec ??
      (object.kind === 'Pod' ? object.spec : undefined);
    if (!pod) continue;
    const where = `kubernetes/: ${object.kind} ${object.metadata?.name}`;
    const volumes = (pod.volumes ?? []).map((v: { name: string }) => v.name);
    for (const name of repeated(volumes)) {
      problems.push(`${where} has two volumes named ${name}`);
    }
    for (const container of [
      ...(pod.initContainers ?? []),
      ...(pod.containers ?? []),
    ]) {
      const paths = (container.volumeMounts ?? []).map(
        (m: { mountPath: string }) => m.mountPath,
      );
      for (const path of repeated(paths)) {
        problems.push(
          `${where}: container ${container.name} mounts two volumes at ${path}`,
        );
      }
    }
  }
  return problems;
}
