/** An exact release version, the only kind that pins what runs: `1.2.3`, `v0.13.0`, `2025.4.7`. */
const EXACT_VERSION = /^v?\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/;

export function isExactVersion(version: string | undefined): boolean {
  return version !== undefined && EXACT_VERSION.test(version);
}

/** Whether an OCI image reference names an immutable digest rather than a movable tag. */
export function hasImageDigest(image: string): boolean {
  return /@sha256:[0-9a-f]{64}$/i.test(image);
}

/** The tag of an image reference, if any: `ghcr.io/o/i:1.0` gives `1.0`. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}
