import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** The dev portal's sign-in page: the guest or any example user. */
const devSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => import('./DevSignInPage').then(m => m.DevSignInPage),
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [devSignInPage],
});
