import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { configApiRef, IdentityApi, useApi } from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { exampleUsers } from './exampleUsers';

/** The auth provider of the dev-user backend module, and the header it reads. */
const DEV_USER_PROVIDER = 'dev-user';
const DEV_USER_HEADER = 'x-dev-user';

/** Who to sign in as: the guest, or an example user by name. */
export type SignInChoice =
  | { provider: 'guest' }
  | { provider: typeof DEV_USER_PROVIDER; user: string };

// Per browser tab, so that two tabs can be two users; kept across reloads
// until sign-out.
const STORAGE_KEY = 'mcp-server-operator:dev-sign-in';

function storedChoice(): SignInChoice | undefined {
  try {
    const choice = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (choice?.provider === 'guest') {
      return { provider: 'guest' };
    }
    if (
      choice?.provider === DEV_USER_PROVIDER &&
      typeof choice.user === 'string'
    ) {
      return { provider: DEV_USER_PROVIDER, user: choice.user };
    }
  } catch {
    // Unreadable: ask again.
  }
  return undefined;
}

function forgetChoice() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The identity, forgetting the choice on sign-out so that the next visit asks again. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetChoice();
      await identity.signOut();
    },
  };
}

function SignInAs(
  props: SignInPageProps & { choice: SignInChoice; onBack: () => void },
) {
  const { choice, onBack, onSignInSuccess } = props;
  return (
    <ProxiedSignInPage
      provider={choice.provider}
      headers={
        choice.provider === DEV_USER_PROVIDER
          ? () => ({ [DEV_USER_HEADER]: choice.user })
          : undefined
      }
      onSignInSuccess={identity => {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
        onSignInSuccess(forgettingOnSignOut(identity));
      }}
      ErrorComponent={({ error }) => (
        <Box p={4}>
          <ErrorPanel
            title="Could not sign in"
            error={error ?? new Error('Sign-in failed')}
          />
          <Box mt={2}>
            <Button variant="outlined" color="primary" onClick={onBack}>
              Choose another user
            </Button>
          </Box>
        </Box>
      )}
    />
  );
}

/**
 * The dev portal's sign-in page: the guest (who acts as alice of Developer
 * Experience), or any user of the example organisation through the
 * development-only `dev-user` provider, so that one person can play
 * requester and approver. Development only: the backend refuses the
 * provider elsewhere.
 */
export function DevSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const [choice, setChoice] = useState(storedChoice);

  if (choice) {
    return (
      <SignInAs
        {...props}
        choice={choice}
        onBack={() => {
          forgetChoice();
          setChoice(undefined);
        }}
      />
    );
  }
  return (
    <Page themeId="home">
      <Header title={configApi.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => setChoice({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Enter as the guest, who acts as Alice Moreau of Developer
                Experience.
              </Typography>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard
              title="Example users"
              subheader="Development only: sign in as anyone in examples/org.yaml, for example to request a change as one user and approve it as another"
            >
              <List dense aria-label="Example users">
                {exampleUsers.map(user => (
                  <ListItem
                    key={user.name}
                    button
                    onClick={() =>
                      setChoice({
                        provider: DEV_USER_PROVIDER,
                        user: user.name,
                      })
                    }
                    aria-label={`Sign in as ${user.name}`}
                  >
                    <ListItemText
                      primary={`${user.displayName} (${user.name})`}
                      secondary={user.groups.join(', ')}
                    />
                  </ListItem>
                ))}
              </List>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
