import { describe, expect, it } from 'vitest';
import { synthesize, variants } from './synthesized.js';

// A reviewable diff of the whole synthesised stack: an intended change
// updates it with `vitest -u`; an unintended one fails here.
describe.each(variants)('%s stack', (_label, config) => {
  it('matches its snapshot', () => {
    expect(synthesize(config)).toMatchSnapshot();
  });
});
