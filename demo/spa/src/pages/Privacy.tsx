// What Assent decided for this visitor, straight from the typed API (instance.decision), plus its actions.
import { useConsent } from '../consent';

export function Privacy() {
  const { instance, decision, error } = useConsent();
  if (error) return <p role="alert">Assent could not start: {error}</p>;
  if (!instance || !decision) return <p>Loading consent…</p>;
  return (
    <>
      <h1>Privacy</h1>
      <p>
        Assent applies the <strong>{decision.model}</strong> model for region <strong>{decision.region ?? 'unknown'}</strong>{' '}
        ({decision.regionSource}).
      </p>
      <table className="decision">
        <caption>Your cookie choices</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">State</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {decision.categories.map((c) => (
            <tr key={c.id}>
              <th scope="row">{decision.texts[`category.${c.id}.title`] ?? c.id}</th>
              <td>{c.granted ? 'allowed' : 'not allowed'}</td>
              <td>{c.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="actions">
        <button type="button" className="button" onClick={() => instance.showPreferences()}>
          Change cookie settings
        </button>
        <button type="button" className="button button--quiet" onClick={() => void instance.reset()}>
          Forget my choice
        </button>
      </p>
    </>
  );
}
