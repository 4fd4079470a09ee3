import Typography from '@material-ui/core/Typography';
import {
  Capability,
  DerivedFact,
  Provenance,
  PublisherFacts,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Fact, FactList } from '../FactList';

function publisherTitle(publisher: PublisherFacts): string {
  if (publisher.verification === 'domain') {
    return `Verified owner of ${publisher.domain}`;
  }
  if (publisher.verification === 'github') return 'A GitHub account';
  return 'Not verified';
}

function Evidence(props: { children: string }) {
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      {props.children}
    </Typography>
  );
}

function inferredText(inferred: DerivedFact<Capability>[]): string {
  return inferred.map(i => `${i.value} (${i.evidence})`).join('; ');
}

/**
 * What the engine judged about where the server comes from: who verified the
 * publisher, who hosts it, names it imitates, release signals and the
 * capabilities it inferred, each with its evidence.
 */
export function ProvenanceFacts(props: { provenance: Provenance }) {
  const { publisher, hosting, lookalikes, knownMalicious, releaseSignals } =
    props.provenance;
  const inferred = props.provenance.inferredCapabilities;
  return (
    <FactList>
      <Fact term="Publisher">
        {publisherTitle(publisher)}
        <Evidence>
          {[publisher.evidence, ...publisher.mismatches].join('; ')}
        </Evidence>
      </Fact>
      {hosting && (
        <Fact term="Hosting">
          {hosting.value}
          {hosting.source === 'annotation' ? ' (declared)' : ''}
          <Evidence>{hosting.evidence}</Evidence>
        </Fact>
      )}
      <Fact term="Lookalike">
        {lookalikes.length === 0
          ? 'None found'
          : lookalikes.map(l => l.evidence).join('; ')}
      </Fact>
      {knownMalicious.length > 0 && (
        <Fact term="Known malicious">
          {knownMalicious.map(m => `${m.identifier}: ${m.reason}`).join('; ')}
        </Fact>
      )}
      <Fact term="Release signals">
        {releaseSignals.length === 0
          ? 'None'
          : releaseSignals.map(r => r.evidence).join('; ')}
      </Fact>
      {inferred.length > 0 && (
        <Fact term="Inferred capabilities">{inferredText(inferred)}</Fact>
      )}
    </FactList>
  );
}
