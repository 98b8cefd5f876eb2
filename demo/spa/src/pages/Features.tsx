export function Features() {
  return (
    <>
      <h1>Features</h1>
      <ul className="cards">
        <li className="card">
          <h2>Sources, not vibes</h2>
          <p>Every summary sentence cites a timestamp in the transcript.</p>
        </li>
        <li className="card">
          <h2>Decisions and owners</h2>
          <p>Who said they would do what, sent to your tracker.</p>
        </li>
        <li className="card">
          <h2>Private by default</h2>
          <p>Recordings stay in your region and are deleted after 30 days.</p>
        </li>
      </ul>
    </>
  );
}
