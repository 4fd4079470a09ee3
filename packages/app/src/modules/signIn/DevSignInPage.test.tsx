import { discoveryApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DevSignInPage } from './DevSignInPage';
import { exampleUsers } from './exampleUsers';

/** A session as the auth backend's refresh endpoint answers it. */
function session(userEntityRef: string) {
  return new Response(
    JSON.stringify({
      profile: { displayName: 'Sam Okafor' },
      backstageIdentity: {
        token: 'header.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvc2FtIn0.signature',
        identity: {
          type: 'user',
          userEntityRef,
          ownershipEntityRefs: [userEntityRef],
        },
      },
    }),
    { headers: { 'Content-Type': 'application/json' } },
  );
}

async function renderPage(onSignInSuccess = jest.fn()) {
  renderInTestApp(<DevSignInPage onSignInSuccess={onSignInSuccess} />, {
    apis: [[discoveryApiRef, mockApis.discovery({ baseUrl: 'http://be' })]],
  });
  await screen.findByRole('button', { name: 'Enter' });
  return onSignInSuccess;
}

describe('DevSignInPage', () => {
  const fetch = jest.fn();

  beforeEach(() => {
    sessionStorage.clear();
    fetch.mockReset();
    global.fetch = fetch;
  });

  it('offers the guest and every example user', async () => {
    await renderPage();

    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as jordan' }),
    ).toHaveTextContent('Jordan Lee (jordan)Security Team, Platform Team');
    expect(
      screen.getAllByRole('button', { name: /^Sign in as / }),
    ).toHaveLength(exampleUsers.length);
  });

  it('signs in as the chosen user through the dev-user provider', async () => {
    fetch.mockResolvedValue(session('user:default/sam'));
    const onSignInSuccess = await renderPage();

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as sam' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://be/api/auth/dev-user/refresh');
    expect(new Headers(init.headers).get('x-dev-user')).toBe('sam');
    const identity = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/sam',
    });
  });

  it('signs in as the guest through the guest provider', async () => {
    fetch.mockResolvedValue(session('user:default/alice'));
    const onSignInSuccess = await renderPage();

    await userEvent.click(screen.getByRole('button', { name: 'Enter' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://be/api/auth/guest/refresh');
    expect(new Headers(init.headers).has('x-dev-user')).toBe(false);
  });

  it('remembers the choice in the tab until sign-out', async () => {
    fetch.mockResolvedValue(session('user:default/sam'));
    const onSignInSuccess = await renderPage();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as sam' }),
    );
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(
      JSON.parse(sessionStorage.getItem('mcp-server-operator:dev-sign-in')!),
    ).toEqual({ provider: 'dev-user', user: 'sam' });

    await onSignInSuccess.mock.calls[0][0].signOut();

    expect(
      sessionStorage.getItem('mcp-server-operator:dev-sign-in'),
    ).toBeNull();
  });

  it('says why sign-in failed and lets the user choose again', async () => {
    fetch.mockResolvedValue(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'User not found' },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderPage();

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as nora' }),
    );

    expect(await screen.findByText(/Could not sign in/)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Choose another user' }),
    );
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });

  it('offers exactly the users of examples/org.yaml', () => {
    const org = readFileSync(
      resolve(__dirname, '../../../../../examples/org.yaml'),
      'utf8',
    );
    const users = org
      .split(/^---$/m)
      .filter(doc => /^kind: User$/m.test(doc))
      .map(doc => ({
        name: /^ {2}name: (\S+)$/m.exec(doc)![1],
        displayName: /^ {4}displayName: (.+)$/m.exec(doc)![1],
        groups: /^ {2}memberOf: \[(.*)\]$/m
          .exec(doc)![1]
          .split(',')
          .map(group => group.trim()),
      }));

    expect(
      exampleUsers.map(u => ({ name: u.name, displayName: u.displayName })),
    ).toEqual(
      expect.arrayContaining(
        users.map(u => ({ name: u.name, displayName: u.displayName })),
      ),
    );
    expect(exampleUsers).toHaveLength(users.length);
    for (const user of users) {
      expect(exampleUsers.find(u => u.name === user.name)!.groups).toHaveLength(
        user.groups.length,
      );
    }
  });
});
