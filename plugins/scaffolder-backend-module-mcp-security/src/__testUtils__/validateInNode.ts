import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KubernetesObjectLike } from '../deployment/validation/kubernetesModels';

const PACKAGE_DIR = resolve(__dirname, '../..');
const MODULE_URL = pathToFileURL(
  resolve(__dirname, '../deployment/validation/kubernetesModels.ts'),
).href;

/**
 * Runs the production kubernetes-models validation in a plain Node process:
 * Jest cannot `import()` the ESM-only package, Node can, and strips the
 * module's types itself.
 */
export async function validateKubernetesInNode(
  objects: KubernetesObjectLike[],
): Promise<string[]> {
  const script = `
    import { kubernetesValidationErrors } from ${JSON.stringify(MODULE_URL)};
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    process.stdout.write(JSON.stringify(await kubernetesValidationErrors(JSON.parse(input))));
  `;
  const output = execFileSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      '--input-type=module',
      '--eval',
      script,
    ],
    { cwd: PACKAGE_DIR, input: JSON.stringify(objects), encoding: 'utf8' },
  );
  return JSON.parse(output);
}
