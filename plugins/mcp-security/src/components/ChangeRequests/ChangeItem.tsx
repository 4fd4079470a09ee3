import AccordionActions from '@material-ui/core/AccordionActions';
import { ChangeRequestView } from '@mcp-server-operator/plugin-mcp-security-common';
import {
  ChangeAbilities,
  ChangeActions,
  availableTransitions,
} from '../ChangeActions';
import { ChangeDetails, ChangeSummary } from '../ChangeDetails';
import { ItemAccordion } from '../ItemList';

/**
 * One change request as an expandable item: at a glance its type, risk,
 * state and approvals; expanded, its details, votes and timeline, and the
 * actions the user may take on it now.
 */
export function ChangeItem(props: {
  change: ChangeRequestView;
  typeTitle: string;
  abilities: ChangeAbilities;
  defaultExpanded?: boolean;
  onChange: (change: ChangeRequestView) => void;
}) {
  const { change, typeTitle, abilities, defaultExpanded, onChange } = props;
  return (
    <ItemAccordion
      id={`mcp-security-change-${change.id}`}
      defaultExpanded={defaultExpanded}
      summary={<ChangeSummary change={change} typeTitle={typeTitle} />}
      actions={
        <AccordionActions>
          <ChangeActions
            change={change}
            transitions={availableTransitions(change, abilities)}
            onChange={onChange}
          />
        </AccordionActions>
      }
    >
      <ChangeDetails change={change} />
    </ItemAccordion>
  );
}
