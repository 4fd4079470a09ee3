import Accordion from '@material-ui/core/Accordion';
import AccordionActions from '@material-ui/core/AccordionActions';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ChangeRequestView } from '@mcp-server-operator/plugin-mcp-security-common';
import {
  ChangeAbilities,
  ChangeActions,
  availableTransitions,
} from '../ChangeActions';
import { ChangeDetails, ChangeSummary } from '../ChangeDetails';

const useStyles = makeStyles({
  details: { display: 'block' },
});

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
  const classes = useStyles();
  const id = `mcp-security-change-${change.id}`;
  return (
    <Accordion
      defaultExpanded={defaultExpanded}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        id={`${id}-header`}
        aria-controls={`${id}-content`}
      >
        <ChangeSummary change={change} typeTitle={typeTitle} />
      </AccordionSummary>
      <AccordionDetails className={classes.details}>
        <ChangeDetails change={change} />
      </AccordionDetails>
      <AccordionActions>
        <ChangeActions
          change={change}
          transitions={availableTransitions(change, abilities)}
          onChange={onChange}
        />
      </AccordionActions>
    </Accordion>
  );
}
