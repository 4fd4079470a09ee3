/**
 * PEP 440 version ordering, for matching PyPI advisories' ECOSYSTEM ranges:
 * the ordering of the specification's public versions (local labels, `+…`,
 * are ignored, as OSV ranges never name them). Kept here rather than adding
 * a dependency for one comparison; a maintained library could replace it.
 */

const PATTERN =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

const PRE_RANK: Record<string, number> = {
  a: 0,
  alpha: 0,
  b: 1,
  beta: 1,
  c: 2,
  rc: 2,
  pre: 2,
  preview: 2,
};

/** A sort key: epoch, release (trailing zeros dropped), pre-release, post-release, development release. */
type Key = [number, number[], [number, number], number, number];

function keyOf(version: string): Key | undefined {
  const m = PATTERN.exec(version.trim());
  if (!m) return undefined;
  const [
    ,
    epoch,
    release,
    preLabel,
    preNumber,
    postImplicit,
    postLabel,
    postNumber,
    devLabel,
    devNumber,
  ] = m;
  const parts = release.split('.').map(Number);
  while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
  const hasPost = postImplicit !== undefined || postLabel !== undefined;
  const hasDev = devLabel !== undefined;
  let pre: [number, number];
  if (preLabel)
    pre = [PRE_RANK[preLabel.toLowerCase()], Number(preNumber ?? 0)];
  // A development release of a final version sorts before its pre-releases.
  else if (hasDev && !hasPost) pre = [-Infinity, 0];
  else pre = [Infinity, 0];
  return [
    Number(epoch ?? 0),
    parts,
    pre,
    hasPost ? Number(postImplicit ?? postNumber ?? 0) : -Infinity,
    hasDev ? Number(devNumber ?? 0) : Infinity,
  ];
}

export function isPep440(version: string): boolean {
  return keyOf(version) !== undefined;
}

function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    // Compared, not subtracted: Infinity - Infinity is NaN.
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Orders two valid PEP 440 versions: negative, zero or positive. */
export function comparePep440(a: string, b: string): number {
  const x = keyOf(a);
  const y = keyOf(b);
  if (!x || !y) throw new TypeError(`not a PEP 440 version: ${!x ? a : b}`);
  return (
    compareNumbers([x[0]], [y[0]]) ||
    compareNumbers(x[1], y[1]) ||
    compareNumbers(x[2], y[2]) ||
    compareNumbers([x[3]], [y[3]]) ||
    compareNumbers([x[4]], [y[4]])
  );
}
