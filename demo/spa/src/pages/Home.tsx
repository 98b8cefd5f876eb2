import { Consented } from '../Consented';
import { thirdPartyOrigin } from '../consent';

export function Home() {
  return (
    <>
      <h1>Your meetings, with sources</h1>
      <p className="lead">
        This is the app side of the fictional Wren AI. The product tour below is a marketing embed: it loads only
        once marketing cookies are allowed, and stays loaded when you move between pages.
      </p>
      <h2>Product tour</h2>
      <Consented category="marketing" what="The product tour video (VideoTube)">
        <iframe
          className="video"
          title="Wren in 90 seconds (VideoTube)"
          src={`${thirdPartyOrigin}/video/embed.html?v=app-tour`}
          width="560"
          height="315"
        />
      </Consented>
    </>
  );
}
