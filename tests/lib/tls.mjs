// A throw-away self-signed certificate (openssl) for https test servers: 127.0.0.1, localhost and *.assent.test.
// Contexts that load such pages need `ignoreHTTPSErrors: true`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function selfSignedCert() {
  const dir = mkdtempSync(join(tmpdir(), 'assent-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=assent-e2e',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:*.assent.test,DNS:assent.test'], { stdio: 'pipe' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch (e) {
    throw new Error(`could not make a self-signed certificate with openssl (apt-get install openssl): ${e.stderr ?? e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
