import Chip from '@material-ui/core/Chip';
import GroupIcon from '@material-ui/icons/Group';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { TrustTier } from '@mcp-server-operator/plugin-mcp-security-common';

const tiers: Record<TrustTier, { label: string; icon: JSX.Element }> = {
  trusted: { label: 'Trusted', icon: <VerifiedUserIcon /> },
  community: { label: 'Community', icon: <GroupIcon /> },
  unknown: { label: 'Unknown', icon: <HelpOutlineIcon /> },
};

/**
 * The trust tier of an MCP server with its trust score (0 to 100).
 *
 * @public
 */
export function TrustBadge(props: { tier: TrustTier; score: number }) {
  const { tier, score } = props;
  const { label, icon } = tiers[tier];
  return (
    <Chip
      // A chip is a plain div, which may not carry an aria-label without a role.
      role="img"
      aria-label={`Trust tier: ${tier}, score ${score} of 100`}
      icon={icon}
      label={`${label} · ${score}/100`}
      variant="outlined"
    />
  );
}
