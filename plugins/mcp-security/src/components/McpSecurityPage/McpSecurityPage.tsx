import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { ApprovalsInbox } from '../ApprovalsInbox';

/**
 * The MCP Security page, for the legacy frontend system: the approvals inbox
 * for now, as the first of its tabs. The new frontend system builds the same
 * page from a page extension and sub-page extensions (see `/alpha`).
 *
 * @public
 */
export function McpSecurityPage() {
  return (
    <Page themeId="tool">
      <Header
        title="MCP Security"
        subtitle="Change requests on MCP servers waiting for your approval"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/approvals" title="Approvals">
          <ApprovalsInbox />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
