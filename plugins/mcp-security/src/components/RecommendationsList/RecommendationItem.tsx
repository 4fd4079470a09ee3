import { Link, MarkdownContent } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import AccordionActions from '@material-ui/core/AccordionActions';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  RecommendationDecision,
  RecommendationDecisionForm,
  RecommendationStatus,
  RecommendationWithDecision,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ActionError } from '../ActionError';
import { DetailSection } from '../DetailSection';
import { DismissRecommendationDialog } from '../DismissRecommendationDialog';
import { ItemAccordion, ItemSummary } from '../ItemList';
import { MarkdownList } from '../MarkdownList';
import { PriorityChip } from '../PriorityChip';
import { RecommendationStatusChip } from '../RecommendationStatusChip';
import { Timestamp } from '../Timestamp';

/** What the owner can decide next from each status; every decision can be reopened. */
const nextStatuses: Record<RecommendationStatus, RecommendationStatus[]> = {
  open: ['accepted', 'implemented', 'dismissed'],
  accepted: ['implemented', 'dismissed', 'open'],
  implemented: ['open'],
  dismissed: ['open'],
};

const actionLabels: Record<RecommendationStatus, string> = {
  accepted: 'Accept',
  implemented: 'Mark implemented',
  // The ellipsis says that a dialog asks for more before anything changes.
  dismissed: 'Dismiss…',
  open: 'Reopen',
};

/** How a decision reads after the fact: "Reopened by …", not "Open by …". */
const decisionLabels: Record<RecommendationStatus, string> = {
  open: 'Reopened',
  accepted: 'Accepted',
  implemented: 'Marked implemented',
  dismissed: 'Dismissed',
};

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(3) },
}));

function Decision(props: { decision: RecommendationDecision }) {
  const { status, decidedBy, decidedAt, note } = props.decision;
  return (
    <DetailSection title="Decision">
      <Typography variant="body2">
        {decisionLabels[status]} by{' '}
        <EntityRefLink entityRef={decidedBy} hideIcon /> on{' '}
        <Timestamp value={decidedAt} />
        {note ? `: ${note}` : '.'}
      </Typography>
    </DetailSection>
  );
}

function DecisionActions(props: {
  recommendation: RecommendationWithDecision;
  onDecide: (decision: RecommendationDecisionForm) => Promise<void>;
}) {
  const { recommendation, onDecide } = props;
  const [dismissing, setDismissing] = useState(false);
  const [{ loading, error }, decide] = useAsyncFn(onDecide, [onDecide]);
  return (
    <>
      {error && (
        <Box px={2}>
          <ActionError action="record the decision" error={error} />
        </Box>
      )}
      <AccordionActions>
        {nextStatuses[recommendation.status].map(status => (
          <Button
            key={status}
            color="primary"
            disabled={loading}
            onClick={() =>
              status === 'dismissed' ? setDismissing(true) : decide({ status })
            }
          >
            {actionLabels[status]}
          </Button>
        ))}
      </AccordionActions>
      {dismissing && (
        <DismissRecommendationDialog
          controlId={recommendation.controlId}
          title={recommendation.title}
          onCancel={() => setDismissing(false)}
          onConfirm={async request => {
            await onDecide(request);
            setDismissing(false);
          }}
        />
      )}
    </>
  );
}

/**
 * One recommendation as an expandable item: why, how, how to check, where
 * the advice comes from, and the owner's decision. `onDecide` is given only
 * to users who may decide; without it there are no actions.
 */
export function RecommendationItem(props: {
  recommendation: RecommendationWithDecision;
  onDecide?: (decision: RecommendationDecisionForm) => Promise<void>;
}) {
  const { recommendation, onDecide } = props;
  const classes = useStyles();
  return (
    <ItemAccordion
      id={`mcp-security-recommendation-${recommendation.controlId}`}
      summary={
        <ItemSummary>
          <Typography>{recommendation.title}</Typography>
          <PriorityChip priority={recommendation.priority} />
          <RecommendationStatusChip status={recommendation.status} />
        </ItemSummary>
      }
      actions={
        onDecide && (
          <DecisionActions
            recommendation={recommendation}
            onDecide={onDecide}
          />
        )
      }
    >
      <MarkdownContent content={recommendation.rationale} />
      {recommendation.steps.length > 0 && (
        <DetailSection title="Steps">
          <MarkdownList items={recommendation.steps} ordered />
        </DetailSection>
      )}
      {recommendation.verification.length > 0 && (
        <DetailSection title="Verification">
          <MarkdownList items={recommendation.verification} />
        </DetailSection>
      )}
      {recommendation.references.length > 0 && (
        <DetailSection title="References">
          <ul className={classes.list}>
            {recommendation.references.map(reference => (
              <li key={reference.title}>
                {reference.url ? (
                  <Link to={reference.url}>{reference.title}</Link>
                ) : (
                  reference.title
                )}
              </li>
            ))}
          </ul>
        </DetailSection>
      )}
      {recommendation.template && (
        <DetailSection title="Template">
          <Typography variant="body2">
            The software template <code>{recommendation.template}</code>{' '}
            implements this recommendation.
          </Typography>
        </DetailSection>
      )}
      {recommendation.decision && (
        <Decision decision={recommendation.decision} />
      )}
    </ItemAccordion>
  );
}
