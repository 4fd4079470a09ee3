/** The fields of a server.json package that decide how it is launched. */
export interface LaunchablePackage {
  registryType?: unknown;
  identifier?: unknown;
  version?: unknown;
  runtimeHint?: unknown;
}

/** `image` with `:tag` appended unless it already names a tag or digest. */
export function withImageTag(image: string, tag?: string): string {
  const hasTag = /[:@][^/]*$/.test(image);
  return hasTag || !tag ? image : `${image}:${tag}`;
}

/**
 * The command that launches a server.json package, pinned to its declared
 * version: `npx -y id@version`, `uvx id==version`, `docker run -i --rm image:tag`.
 * It is analysed as an argument list by the backend, never run.
 */
export function packageLaunchCommand(
  pkg: LaunchablePackage,
): string | undefined {
  const { registryType, identifier, version } = pkg;
  if (typeof identifier !== 'string' || !identifier) return undefined;
  const v = typeof version === 'string' && version ? version : undefined;
  switch (registryType) {
    case 'npm':
      return `npx -y ${v ? `${identifier}@${v}` : identifier}`;
    case 'pypi':
      return `uvx ${v ? `${identifier}==${v}` : identifier}`;
    case 'oci':
      return `docker run -i --rm ${withImageTag(identifier, v)}`;
    default:
      // Other registries have no runner the backend analyses: the command is
      // kept as declared and assessed as opaque, never guessed at.
      return `${
        typeof pkg.runtimeHint === 'string' ? pkg.runtimeHint : registryType
      } ${identifier}`;
  }
}
