import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The MCP Security page (the scorecards and the approvals inbox), at `/mcp-security` by
 * default.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'mcp-security' });
