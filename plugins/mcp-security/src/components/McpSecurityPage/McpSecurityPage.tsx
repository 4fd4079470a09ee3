import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { ApprovalsInbox } from '../ApprovalsInbox';
import { FleetAdvisories } from '../FleetAdvisories';
import { Scorecards } from '../Scorecards';

/**
 * The MCP Security page, for the legacy frontend system: the scorecards
 * first, then the approvals inbox and the advisories, as tabs. The new
 * frontend system builds the same page from a page extension and sub-page
 * extensions (see `/alpha`).
 *
 * @public
 */
export function McpSecurityPage() {
  return (
    <Page themeId="tool">
      <Header
        title="MCP Security"
        subtitle="The MCP servers of every team in figures, and the changes waiting for your approval"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/scorecards" title="Scorecards">
          <Scorecards />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/approvals" title="Approvals">
          <ApprovalsInbox />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/advisories" title="Advisories">
          <FleetAdvisories />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
