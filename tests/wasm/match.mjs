// Partial matching of golden-vector expectations (tests/vectors/README.md); mirrors tests/unit/test_support.hpp.
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function keyed(expected, actual, path) {
  if (!Array.isArray(actual)) return `${path}: expected an array`;
  for (const [id, want] of Object.entries(expected)) {
    const found = actual.find((el) => el && el.id === id);
    if (!found) return `${path}/${id}: missing`;
    const m = mismatch(want, found, `${path}/${id}`);
    if (m) return m;
  }
  return '';
}

function asSet(expected, actual, path) {
  const norm = (a) => a.map((v) => JSON.stringify(v)).sort().join('\n');
  if (!Array.isArray(actual) || norm(expected) !== norm(actual))
    return `${path}: expected set ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  return '';
}

/**
 * A decision carries neither texts nor service words: they come from words(decision.language). For matching a
 * vector's expectations (tests/vectors/README.md), the decision with its `texts` and each service's words put back.
 */
export function withWords(decision, words) {
  const services = decision.services.map((s) => ({ ...s, ...words.services.find((w) => w.id === s.id) }));
  return { ...decision, texts: words.texts, services };
}

export function mismatch(expected, actual, path = '', chooseResult = false) {
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, want] of Object.entries(expected)) {
      const at = `${path}/${key}`;
      if (!(key in actual)) return `${at}: missing`;
      let m;
      if (key === 'categories' || key === 'services') m = keyed(want, actual[key], at);
      else if (chooseResult && (key === 'deleteCookies' || key === 'revoked')) m = asSet(want, actual[key], at);
      else m = mismatch(want, actual[key], at);
      if (m) return m;
    }
    return '';
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual))
    return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  return '';
}
