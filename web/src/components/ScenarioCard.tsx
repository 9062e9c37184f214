// One scenario in words: what it assumes and each operation it makes on the baseline.
import type { Scenario } from '../types';
import { SourceLinks } from './SourceLinks';

export function ScenarioCard({ s, label }: { s: Scenario | undefined; label: string }) {
  return (
    <section className="card scenario-card" data-testid={`scenario-card-${label}`}>
      <div className="sub">{label}</div>
      {!s ? (
        <>
          <h2>Baseline</h2>
          <p>The ledger as it stands: every measure, suspension and scheduled step, no changes.</p>
        </>
      ) : (
        <>
          <h2>{s.title}</h2>
          <p>{s.description}</p>
          {s.assumptions.length > 0 && (
            <>
              <h3>Assumes</h3>
              <ul>
                {s.assumptions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </>
          )}
          <h3>Changes to the baseline</h3>
          <ol className="ops">
            {s.operations.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ol>
          <SourceLinks urls={s.sources} />
        </>
      )}
    </section>
  );
}
