import { packageLaunchCommand, withImageTag } from './launch';

describe('packageLaunchCommand', () => {
  it('pins each runner to the declared version', () => {
    expect(
      packageLaunchCommand({
        registryType: 'npm',
        identifier: '@acme/server',
        version: '1.2.3',
      }),
    ).toBe('npx -y @acme/server@1.2.3');
    expect(
      packageLaunchCommand({
        registryType: 'pypi',
        identifier: 'mcp-server-fetch',
        version: '2025.4.7',
      }),
    ).toBe('uvx mcp-server-fetch==2025.4.7');
    expect(
      packageLaunchCommand({
        registryType: 'oci',
        identifier: 'ghcr.io/acme/server',
        version: '0.4.0',
      }),
    ).toBe('docker run -i --rm ghcr.io/acme/server:0.4.0');
  });

  it('keeps a tag or digest the image already names', () => {
    expect(withImageTag('docker.io/acme/server:0.1.0', '0.2.0')).toBe(
      'docker.io/acme/server:0.1.0',
    );
    expect(withImageTag('localhost:5000/acme/server', '1.0.0')).toBe(
      'localhost:5000/acme/server:1.0.0',
    );
  });

  it('keeps an unknown registry as declared and refuses a package without identifier', () => {
    expect(
      packageLaunchCommand({
        registryType: 'nuget',
        identifier: 'Acme.Server',
        runtimeHint: 'dnx',
      }),
    ).toBe('dnx Acme.Server');
    expect(packageLaunchCommand({ registryType: 'npm' })).toBeUndefined();
  });
});
